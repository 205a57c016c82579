package dev.atrium.admin.joinrequest.ui;

import java.util.List;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.joinrequest.JoinRequestException;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.PendingJoinRequest;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/**
 * Members → Join requests, for members who may invite: pending requests with a role to give (those the member may
 * grant, never Owner), Approve and Deny. Row elements carry {@code data-email}. Hidden when nothing waits.
 */
public class JoinRequestsSection extends Composite<VerticalLayout> {

    public static final String ID = "join-requests-section";
    public static final String ROLE_CLASS = "join-request-role";
    public static final String APPROVE_CLASS = "join-request-approve";
    public static final String DENY_CLASS = "join-request-deny";
    private static final String DATA_EMAIL = "data-email";

    private final JoinRequestService joins;
    private final TenantScope scope;
    private final List<RoleSummary> grantable;
    private final Grid<PendingJoinRequest> grid = new Grid<>();

    /** {@code grantable}: the roles the acting member may give. */
    public JoinRequestsSection(JoinRequestService joins, TenantScope scope, List<RoleSummary> grantable) {
        this.joins = joins;
        this.scope = scope;
        this.grantable = grantable.stream().filter(role -> !role.isOwner()).toList();
        getContent().setId(ID);
        getContent().setPadding(false);
        grid.addColumn(PendingJoinRequest::email).setHeader(getTranslation("joinrequest.admin.email")).setAutoWidth(true);
        grid.addColumn(request -> Formats.dateTime(request.createdAt())).setHeader(getTranslation("joinrequest.admin.requested-at"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader(getTranslation("joinrequest.admin.decide")).setAutoWidth(true);
        grid.setAllRowsVisible(true);
        getContent().add(new H2(getTranslation("joinrequest.admin.title")), grid);
        refresh();
    }

    private HorizontalLayout actions(PendingJoinRequest request) {
        Select<RoleSummary> role = new Select<>();
        role.setItems(grantable);
        role.setItemLabelGenerator(RoleSummary::name);
        role.setAriaLabel(getTranslation("joinrequest.admin.role"));
        grantable.stream().filter(r -> r.key().equals("member")).findFirst().or(() -> grantable.stream().findFirst())
                .ifPresent(role::setValue);
        role.addClassName(ROLE_CLASS);
        role.getElement().setAttribute(DATA_EMAIL, request.email());
        Button approve = new Button(getTranslation("joinrequest.admin.approve"), e -> decide(() -> {
            if (role.getValue() != null) {
                joins.approve(scope, request.id(), role.getValue().id());
                Feedback.success(getTranslation("joinrequest.admin.approved", request.email(), role.getValue().name()));
            }
        }));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        approve.addClassName(APPROVE_CLASS);
        approve.getElement().setAttribute(DATA_EMAIL, request.email());
        Button deny = new Button(getTranslation("joinrequest.admin.deny"), e -> decide(() -> {
            joins.deny(scope, request.id());
            Feedback.success(getTranslation("joinrequest.admin.denied", request.email()));
        }));
        deny.addThemeVariants(ButtonVariant.LUMO_ERROR);
        deny.addClassName(DENY_CLASS);
        deny.getElement().setAttribute(DATA_EMAIL, request.email());
        return new HorizontalLayout(role, approve, deny);
    }

    private void decide(Runnable decision) {
        try {
            decision.run();
        } catch (JoinRequestException | PermissionDeniedException e) {
            Feedback.refusal(e);
        }
        refresh();
    }

    private void refresh() {
        List<PendingJoinRequest> pending = joins.pending(scope);
        grid.setItems(pending);
        setVisible(!pending.isEmpty());
    }
}
