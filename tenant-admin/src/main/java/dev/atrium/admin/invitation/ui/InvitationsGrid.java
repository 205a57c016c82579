package dev.atrium.admin.invitation.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.BulkOutcome;
import dev.atrium.admin.invitation.Invitation;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InvitationStatus;
import dev.atrium.admin.invitation.MailDelivery;
import dev.atrium.admin.invitation.MailError;
import dev.atrium.admin.paging.ui.LazyPaging;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/**
 * The workspace's invitations, filtered and lazily loaded, with how each one's latest e-mail fared (the reason of an
 * undelivered one on hover). Members who manage invitations resend, extend or cancel one from its row's menu, or select
 * rows to resend or cancel them together; a resend shows the new links to copy, and every address the service refused
 * is listed with the reason.
 */
public class InvitationsGrid extends Composite<VerticalLayout> {

    public static final String GRID_ID = "invitations-grid";
    public static final String FILTER_ID = "invitations-filter";
    public static final String STATUS_FILTER_ID = "invitations-status-filter";
    public static final String RESEND_ID = "resend-invitations";
    public static final String CANCEL_ID = "cancel-invitations";
    public static final String CONFIRM_CANCEL_ID = "confirm-cancel-invitations";


    private final InvitationService invitations;
    private final TenantScope scope;
    private final TextField textFilter = new TextField();
    private final Select<InvitationStatus> statusFilter = new Select<>();
    private final Grid<Invitation> grid = new Grid<>();
    private final LazyPaging<InvitationFilter> paging = new LazyPaging<>();

    public InvitationsGrid(InvitationService invitations, AccessControl access, TenantScope scope) {
        this.invitations = invitations;
        this.scope = scope;

        textFilter.setId(FILTER_ID);
        textFilter.setPlaceholder(getTranslation("invitation.grid.search.placeholder"));
        textFilter.setAriaLabel(getTranslation("invitation.grid.search.label"));
        textFilter.setPrefixComponent(VaadinIcon.SEARCH.create());
        textFilter.setClearButtonVisible(true);
        textFilter.setValueChangeMode(ValueChangeMode.LAZY);
        textFilter.addValueChangeListener(e -> refresh());

        statusFilter.setId(STATUS_FILTER_ID);
        statusFilter.setAriaLabel(getTranslation("invitation.grid.status"));
        Aria.nameOptions(statusFilter, getTranslation("invitation.grid.status"));
        statusFilter.setEmptySelectionAllowed(true);
        String allStatuses = getTranslation("invitation.grid.all-statuses");
        statusFilter.setEmptySelectionCaption(allStatuses);
        statusFilter.setItemLabelGenerator(status -> status == null ? allStatuses : statusLabel(status));
        statusFilter.setItems(InvitationStatus.values());
        statusFilter.addValueChangeListener(e -> refresh());

        grid.setId(GRID_ID);
        grid.addClassName("atrium-grid");
        grid.addColumn(Invitation::email).setHeader(getTranslation("invitation.grid.email")).setKey(InvitationFilter.SORT_EMAIL).setSortable(true);
        grid.addColumn(Invitation::roleName).setHeader(getTranslation("invitation.grid.role")).setKey(InvitationFilter.SORT_ROLE).setSortable(true);
        grid.addColumn(Invitation::invitedBy).setHeader(getTranslation("invitation.grid.invited-by")).setSortable(false);
        grid.addColumn(i -> Formats.dateTime(i.sentAt())).setHeader(getTranslation("invitation.grid.sent")).setKey(InvitationFilter.SORT_SENT).setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(i -> Formats.dateTime(i.expiresAt())).setHeader(getTranslation("invitation.grid.expires")).setKey(InvitationFilter.SORT_EXPIRES)
                .setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(this::status).setHeader(getTranslation("invitation.grid.status")).setKey(InvitationFilter.SORT_STATUS)
                .setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(this::mailBadge).setHeader(getTranslation("invitation.grid.mail")).setSortable(false).setAutoWidth(true);
        boolean manages = access.has(scope, Permissions.INVITATIONS_MANAGE);
        if (manages) {
            grid.addComponentColumn(invitation -> invitation.actionable()
                    ? new InvitationRowMenu(invitations, scope, invitation, this::refresh) : new Span())
                    .setHeader(getTranslation("invitation.grid.actions")).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setEmptyStateText(getTranslation("invitation.grid.empty"));
        grid.setItems(query -> paging.fetch(query, filter(), (filter, page) -> invitations.slice(scope, filter, page)),
                query -> paging.count(() -> invitations.count(scope, filter())));

        HorizontalLayout toolbar = new HorizontalLayout(textFilter, statusFilter);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        if (manages) {
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
            grid.setItemSelectableProvider(Invitation::actionable);
            toolbar.add(bulkActions());
        } else {
            grid.setSelectionMode(Grid.SelectionMode.NONE);
        }
        getContent().setPadding(false);
        getContent().add(toolbar, grid);
    }

    /** Shows the invitations as they are now, e.g. after new ones were sent. */
    public void refresh() {
        grid.getDataProvider().refreshAll();
    }

    private InvitationFilter filter() {
        return new InvitationFilter(textFilter.getValue(), statusFilter.getValue());
    }

    private HorizontalLayout bulkActions() {
        Button resend = new Button(getTranslation("invitation.grid.resend"), e -> resendSelected());
        resend.setId(RESEND_ID);
        Button cancel = new Button(getTranslation("invitation.grid.cancel"), e -> confirmCancel());
        cancel.setId(CANCEL_ID);
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        resend.setEnabled(false);
        cancel.setEnabled(false);
        grid.addSelectionListener(e -> {
            resend.setEnabled(!e.getAllSelectedItems().isEmpty());
            cancel.setEnabled(!e.getAllSelectedItems().isEmpty());
        });
        HorizontalLayout actions = new HorizontalLayout(resend, cancel);
        actions.addClassName("atrium-toolbar-end");
        return actions;
    }

    private void confirmCancel() {
        int count = grid.getSelectedItems().size();
        ConfirmDialog dialog = Feedback.confirm(CONFIRM_CANCEL_ID, getTranslation("invitation.grid.cancel"),
                getTranslation("invitation.grid.cancel.question", count), getTranslation("invitation.grid.cancel"),
                () -> apply(ids -> invitations.cancel(scope, ids), "invitation.grid.cancel.done"));
        dialog.setCancelText(getTranslation("invitation.grid.cancel.keep"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    /** Resends the selected invitations and shows their new links, as inviting does. */
    private void resendSelected() {
        try {
            InvitationLinksDialog.showResent(invitations.resend(scope, grid.getSelectedItems().stream().map(Invitation::id).toList(), getLocale()));
        } catch (PermissionDeniedException | RateLimitExceededException e) {
            Feedback.refusal(e);
        }
        grid.deselectAll();
        refresh();
    }

    /**
     * Applies a bulk change to the selected invitations and reports what became of each address; {@code doneKey}'s
     * text names the addresses done.
     */
    private void apply(Function<Collection<UUID>, BulkOutcome> change, String doneKey) {
        try {
            BulkOutcome outcome = change.apply(grid.getSelectedItems().stream().map(Invitation::id).toList());
            List<String> lines = new ArrayList<>();
            if (!outcome.done().isEmpty()) {
                lines.add(getTranslation(doneKey, String.join(", ", outcome.done())));
            }
            outcome.rejected().forEach(rejected -> lines.add(rejected.address() + ": " + Feedback.text(rejected.reason())));
            if (outcome.rejected().isEmpty()) {
                Feedback.success(lines.toArray(String[]::new));
            } else {
                Feedback.error(lines.toArray(String[]::new));
            }
        } catch (PermissionDeniedException | RateLimitExceededException e) {
            Feedback.refusal(e);
        }
        grid.deselectAll();
        refresh();
    }

    /** The status, and why a pending invitation would be refused at acceptance. */
    private Component status(Invitation invitation) {
        Span status = statusBadge(invitation.status());
        if (invitation.replaced()) {
            status.setTitle(getTranslation("invitation.grid.replaced"));
        }
        if (!invitation.inviterLostAuthority()) {
            return status;
        }
        Span lost = new Span(getTranslation("invitation.grid.inviter-lost-authority"));
        lost.getElement().setAttribute("theme", "badge error");
        lost.addClassNames("atrium-status", "atrium-status-inviter-lost");
        lost.setTitle(getTranslation("invitation.grid.inviter-lost-authority.explained", invitation.invitedBy(), invitation.roleName()));
        return new Span(status, new Span(" "), lost);
    }

    /** A mail that never went out before the invitation closed is no longer going to: it says so, not "Queued". */
    private Span mailBadge(Invitation invitation) {
        MailDelivery mail = invitation.mail();
        boolean abandoned = invitation.status() != InvitationStatus.PENDING && (mail == MailDelivery.QUEUED || mail == MailDelivery.RETRYING);
        Span badge = new Span(getTranslation("invitation.mail." + (abandoned ? "abandoned" : mail.name().toLowerCase(Locale.ROOT))));
        badge.getElement().setAttribute("theme", abandoned ? "badge contrast" : switch (mail) {
            case QUEUED -> "badge";
            case SENT -> "badge success";
            case RETRYING -> "badge warning";
            case FAILED -> "badge error";
        });
        if (invitation.mailError() != null && !abandoned) {
            badge.setTitle(mailErrorText(invitation.mailError()));
        }
        badge.addClassNames("atrium-mail", "atrium-mail-" + (abandoned ? "abandoned" : mail.name().toLowerCase(Locale.ROOT)));
        return badge;
    }

    /** A translated lead sentence; the mail server's own words, if any, after it as they are. */
    private String mailErrorText(MailError error) {
        String lead = getTranslation(error.problem().messageKey());
        return error.detail() == null ? lead : lead + " " + error.detail();
    }

    private Span statusBadge(InvitationStatus status) {
        Span badge = new Span(statusLabel(status));
        badge.getElement().setAttribute("theme", switch (status) {
            case PENDING -> "badge";
            case ACCEPTED -> "badge success";
            case EXPIRED -> "badge warning";
            case CANCELLED -> "badge contrast";
        });
        // A stable hook for tests and custom styles, independent of the theme's badge variants.
        badge.addClassNames("atrium-status", "atrium-status-" + status.name().toLowerCase(Locale.ROOT));
        return badge;
    }

    private String statusLabel(InvitationStatus status) {
        return getTranslation("invitation.status." + status.name().toLowerCase(Locale.ROOT));
    }
}
