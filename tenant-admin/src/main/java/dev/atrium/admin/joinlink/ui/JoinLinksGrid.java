package dev.atrium.admin.joinlink.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import dev.atrium.admin.joinlink.JoinLink;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.joinlink.JoinLinkStatus;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/** The workspace's join links with their uses, what is left, allowed domains, expiry and status; an active one can be revoked. */
public class JoinLinksGrid extends Grid<JoinLink> {

    public static final String ID = "join-links-grid";
    public static final String REVOKE_CLASS = "atrium-revoke-join-link";
    public static final String CONFIRM_REVOKE_ID = "confirm-revoke-join-link";

    private final JoinLinkService joinLinks;
    private final TenantScope scope;

    public JoinLinksGrid(JoinLinkService joinLinks, TenantScope scope) {
        this.joinLinks = joinLinks;
        this.scope = scope;
        setId(ID);
        setAllRowsVisible(true);
        addColumn(JoinLink::roleName).setHeader(getTranslation("joinlink.grid.role"));
        addColumn(JoinLink::createdBy).setHeader(getTranslation("joinlink.grid.created-by"));
        addColumn(this::uses).setHeader(getTranslation("joinlink.grid.uses")).setKey("uses");
        addColumn(link -> link.remainingUses() == null ? getTranslation("joinlink.grid.unlimited") : link.remainingUses().toString())
                .setHeader(getTranslation("joinlink.grid.remaining")).setKey("remaining");
        addColumn(link -> link.allowedDomains().isEmpty() ? getTranslation("joinlink.grid.any-domain")
                : String.join(", ", link.allowedDomains())).setHeader(getTranslation("joinlink.grid.domains"));
        addColumn(link -> Formats.dateTime(link.expiresAt())).setHeader(getTranslation("joinlink.grid.expires"));
        addComponentColumn(this::status).setHeader(getTranslation("joinlink.grid.status")).setKey("status");
        addComponentColumn(this::revokeButton).setHeader(getTranslation("joinlink.grid.actions"));
        setEmptyStateText(getTranslation("joinlink.grid.empty"));
        refresh();
    }

    public void refresh() {
        setItems(joinLinks.list(scope));
    }

    private String uses(JoinLink link) {
        return link.maxUses() == null ? Integer.toString(link.uses()) : link.uses() + " / " + link.maxUses();
    }

    private Component status(JoinLink link) {
        boolean lost = link.status() == JoinLinkStatus.ACTIVE && !link.creatorCanStillGrant();
        Span badge = new Span(getTranslation(lost ? "joinlink.status.creator-lost" : "joinlink.status." + link.status().name()
                .toLowerCase(Locale.ROOT).replace('_', '-')));
        badge.getElement().setAttribute("theme", lost ? "badge error" : switch (link.status()) {
            case ACTIVE -> "badge success";
            case USED_UP, EXPIRED -> "badge contrast";
            case REVOKED -> "badge error";
        });
        badge.addClassName("atrium-join-link-status");
        return badge;
    }

    private Component revokeButton(JoinLink link) {
        Button revoke = new Button(getTranslation("joinlink.grid.revoke"), e -> Feedback.confirm(CONFIRM_REVOKE_ID,
                getTranslation("joinlink.revoke.title"), getTranslation("joinlink.revoke.text", link.roleName(), uses(link)),
                getTranslation("joinlink.grid.revoke"), () -> revoke(link)).open());
        revoke.addClassName(REVOKE_CLASS);
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        revoke.setVisible(link.status() != JoinLinkStatus.REVOKED);
        return revoke;
    }

    private void revoke(JoinLink link) {
        try {
            joinLinks.revoke(scope, link.id());
            Feedback.success(getTranslation("joinlink.revoke.done"));
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
        }
        refresh();
    }
}
