package dev.atrium.admin.invitation.ui;

import java.util.List;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.invitation.BulkOutcome;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.ui.Feedback;

/**
 * The result of an invite or resend request: each invitation's (new) link, to copy now (only its hash is stored, so it
 * cannot be shown again), and the addresses that were not invited or resent, with the reason.
 */
public class InvitationLinksDialog extends Dialog {

    public static final String ID = "invitation-links-dialog";
    public static final String REJECTIONS_ID = "invite-rejections";
    public static final String CLOSE_ID = "invitation-links-close";

    public InvitationLinksDialog(InviteOutcome outcome) {
        this("invitation.links.title", "invitation.links.not-invited", outcome.invited(), outcome.rejected());
    }

    /**
     * A resend's new links (the old ones stopped working), or, when none was made, a notification of why not. The
     * invitations that were not resent are listed with the reason.
     */
    public static void showResent(BulkOutcome outcome) {
        if (outcome.links().isEmpty()) {
            Feedback.error(outcome.rejected().stream().map(r -> r.address() + ": " + Feedback.text(r.reason())).toArray(String[]::new));
        } else {
            new InvitationLinksDialog("invitation.links.resent-title", "invitation.links.not-resent", outcome.links(),
                    outcome.rejected().stream().filter(r -> outcome.links().stream().noneMatch(l -> l.email().equals(r.address()))).toList())
                    .open();
        }
    }

    private InvitationLinksDialog(String titleKey, String rejectedKey, List<InviteOutcome.Sent> invited,
            List<InviteOutcome.Rejected> rejected) {
        setId(ID);
        setHeaderTitle(getTranslation(titleKey, invited.size()));
        setWidth("min(40rem, 95vw)");
        for (int index = 0; index < invited.size(); index++) {
            add(linkRow(index, invited.get(index)));
        }
        if (!rejected.isEmpty()) {
            UnorderedList rejections = new UnorderedList(rejected.stream()
                    .map(refused -> new ListItem(refused.address() + " — " + Feedback.text(refused.reason())))
                    .toArray(ListItem[]::new));
            rejections.setId(REJECTIONS_ID);
            add(new H3(getTranslation(rejectedKey)), rejections);
        }
        Button close = new Button(getTranslation("invitation.links.close"), e -> close());
        close.setId(CLOSE_ID);
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
    }

    private Div linkRow(int index, InviteOutcome.Sent sent) {
        TextField link = new TextField();
        link.setId("invitation-link-" + index);
        link.setValue(sent.link());
        link.setReadOnly(true);
        link.setAriaLabel(getTranslation("invitation.links.link-for", sent.email()));
        link.setWidthFull();
        Button copy = new Button(getTranslation("invitation.links.copy"), VaadinIcon.COPY.create(), e -> copy(sent.link()));
        copy.setId("copy-invitation-link-" + index);
        HorizontalLayout linkLine = new HorizontalLayout(link, copy);
        linkLine.setAlignItems(FlexComponent.Alignment.BASELINE);
        linkLine.setWidthFull();

        Span email = new Span(sent.email());
        email.addClassName("atrium-invite-email");
        Span note = new Span(getTranslation(sent.mailQueued() ? "invitation.links.mail-queued" : "invitation.links.no-mail-server"));
        note.addClassName(sent.mailQueued() ? "atrium-note" : "atrium-note-error");
        Div row = new Div(email, linkLine, note);
        row.addClassName("atrium-invite-link");
        return row;
    }

    /** The browser may refuse the clipboard (no permission, page not focused); then the person copies by hand. */
    private void copy(String link) {
        UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", link)
                .then(done -> Feedback.success(getTranslation("invitation.links.copied")),
                        error -> Feedback.error(getTranslation("invitation.links.not-copied")));
    }
}
