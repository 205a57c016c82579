package dev.atrium.admin.joinrequest.ui;

import java.util.List;
import java.util.UUID;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinOutcome;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.JoinSuggestion;

/**
 * "Your colleagues at acme.com use Acme" with Request to join (automatic mode: Join; a workspace requiring its single
 * sign-on: a link to sign in there), on the welcome page and in the create-workspace dialog. Each suggestion's element
 * carries {@code data-workspace} (its slug). Hidden while it has nothing to show.
 */
public class JoinSuggestionsPanel extends Composite<Div> {

    public static final String ID = "join-suggestions";
    public static final String SUGGESTION_CLASS = "join-suggestion";
    public static final String REQUEST_CLASS = "join-request-button";
    public static final String JOIN_CLASS = "join-button";
    public static final String SSO_CLASS = "join-sso-link";
    public static final String REQUESTED_CLASS = "join-requested";
    public static final String OUTCOME_CLASS = "join-outcome";

    private final JoinRequestService joins;
    private final UUID accountId;

    /** {@code withOutcomes}: also tell the person what became of their requests (once). */
    public JoinSuggestionsPanel(JoinRequestService joins, UUID accountId, boolean withOutcomes) {
        this.joins = joins;
        this.accountId = accountId;
        getContent().setId(ID);
        if (withOutcomes) {
            for (JoinOutcome outcome : joins.takeOutcomes(accountId)) {
                Paragraph told = new Paragraph(outcome.approved()
                        ? getTranslation("joinrequest.outcome.approved", outcome.workspaceName(), outcome.roleName())
                        : getTranslation("joinrequest.outcome.denied", outcome.workspaceName()));
                told.addClassName(OUTCOME_CLASS);
                told.addClassName(outcome.approved() ? "atrium-note" : "atrium-note-error");
                getContent().add(told);
            }
        }
        refresh();
    }

    private void refresh() {
        getContent().getChildren().filter(c -> c.hasClassName(SUGGESTION_CLASS)).toList().forEach(getContent()::remove);
        List<JoinSuggestion> suggestions = joins.suggestions(accountId);
        suggestions.forEach(suggestion -> getContent().add(row(suggestion)));
        setVisible(getContent().getChildren().findAny().isPresent());
    }

    private Div row(JoinSuggestion suggestion) {
        Div row = new Div(new Span(getTranslation("joinrequest.suggestion", suggestion.domain(), suggestion.workspaceName())));
        row.addClassName(SUGGESTION_CLASS);
        row.getElement().setAttribute("data-workspace", suggestion.slug());
        if (suggestion.ssoPath() != null) {
            Anchor sso = new Anchor(suggestion.ssoPath(), getTranslation("joinrequest.join-through-sso"));
            sso.getElement().setAttribute("router-ignore", true);
            sso.addClassName(SSO_CLASS);
            row.add(sso);
        } else if (suggestion.requested()) {
            Span waiting = new Span(getTranslation("joinrequest.requested"));
            waiting.addClassName(REQUESTED_CLASS);
            row.add(waiting);
        } else {
            boolean automatic = suggestion.mode() == JoinMode.AUTOMATIC;
            Button ask = new Button(getTranslation(automatic ? "joinrequest.join" : "joinrequest.request"), e -> ask(suggestion));
            ask.addClassName(automatic ? JOIN_CLASS : REQUEST_CLASS);
            ask.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            ask.setDisableOnClick(true);
            row.add(ask);
        }
        return row;
    }

    private void ask(JoinSuggestion suggestion) {
        JoinSuggestionActions.choose(joins, accountId, suggestion);
        refresh();
    }
}
