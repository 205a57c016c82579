package dev.atrium.admin.invitation.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.Invitation;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InvitationStatus;
import dev.atrium.admin.paging.ui.LazyPaging;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Formats;

/**
 * The Members page's pending invitations: people invited but not yet joined, each marked "Invitation sent for
 * &lt;role&gt;" with when it was sent and when it expires, paged, sorted and filtered in SQL (by the members search's
 * text) like the members above them. Members who manage invitations resend, extend or cancel one from its row's menu.
 * Hidden while no invitation is pending.
 */
public class PendingInvitationsGrid extends Composite<VerticalLayout> {

    public static final String GRID_ID = "pending-invitations-grid";

    private final InvitationService invitations;
    private final TenantScope scope;
    private final Grid<Invitation> grid = new Grid<>();
    private final LazyPaging<InvitationFilter> paging = new LazyPaging<>();
    private final H2 title = new H2();
    private String text;

    public PendingInvitationsGrid(InvitationService invitations, AccessControl access, TenantScope scope) {
        this.invitations = invitations;
        this.scope = scope;
        grid.setId(GRID_ID);
        grid.addClassName("atrium-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.setHeight("16rem");
        grid.addColumn(Invitation::email).setHeader(getTranslation("invitation.grid.email")).setKey(InvitationFilter.SORT_EMAIL).setSortable(true);
        grid.addComponentColumn(this::sentFor).setHeader(getTranslation("invitation.grid.status")).setKey(InvitationFilter.SORT_ROLE)
                .setSortable(true);
        grid.addColumn(i -> Formats.dateTime(i.sentAt())).setHeader(getTranslation("invitation.grid.sent")).setKey(InvitationFilter.SORT_SENT)
                .setSortable(true).setAutoWidth(true);
        grid.addColumn(i -> Formats.dateTime(i.expiresAt())).setHeader(getTranslation("invitation.grid.expires"))
                .setKey(InvitationFilter.SORT_EXPIRES).setSortable(true).setAutoWidth(true);
        if (access.has(scope, Permissions.INVITATIONS_MANAGE)) {
            grid.addComponentColumn(invitation -> new InvitationRowMenu(invitations, scope, invitation, this::refresh))
                    .setHeader(getTranslation("invitation.grid.actions")).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setEmptyStateText(getTranslation("invitation.grid.empty"));
        grid.setItems(query -> paging.fetch(query, filter(), (filter, page) -> invitations.slice(scope, filter, page)),
                query -> paging.count(() -> invitations.count(scope, filter())));
        getContent().setPadding(false);
        getContent().add(title, grid);
        refresh();
    }

    /** Narrows the list to addresses containing the text, as the members search does for members. */
    public void filterBy(String text) {
        this.text = text;
        refresh();
    }

    private void refresh() {
        int pending = invitations.count(scope, filter());
        title.setText(getTranslation("invitation.pending.title", pending));
        setVisible(pending > 0 || (text != null && !text.isBlank()));
        grid.getDataProvider().refreshAll();
    }

    private InvitationFilter filter() {
        return new InvitationFilter(text, InvitationStatus.PENDING);
    }

    private Span sentFor(Invitation invitation) {
        Span badge = new Span(getTranslation("invitation.pending.sent-for", invitation.roleName()));
        badge.getElement().setAttribute("theme", "badge");
        badge.addClassNames("atrium-status", "atrium-status-pending");
        return badge;
    }
}
