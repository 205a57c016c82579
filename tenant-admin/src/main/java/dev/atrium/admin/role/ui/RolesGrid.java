package dev.atrium.admin.role.ui;

import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionCatalog;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.paging.ui.LazyPaging;
import dev.atrium.admin.role.RoleException;
import dev.atrium.admin.role.RoleListing;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Feedback;

/**
 * The workspace's roles, lazily loaded, with what each allows and how many members hold it. Members who manage roles
 * create, edit, duplicate and delete custom ones; built-in roles can be viewed and duplicated, not changed. A role
 * that can do more than the acting member's own is only offered for viewing: the service would refuse changing it.
 */
public class RolesGrid extends Composite<VerticalLayout> {

    public static final String GRID_ID = "roles-grid";
    public static final String NEW_ROLE_ID = "new-role-button";
    public static final String DELETE_DIALOG_ID = "delete-role-dialog";
    public static final String DELETE_TARGET_ID = "delete-role-target";
    public static final String CONFIRM_DELETE_ID = "confirm-delete-role";
    public static final String DELETE_JOIN_LINKS_ID = "delete-role-join-links";
    public static final String DELETE_API_KEYS_ID = "delete-role-api-keys";

    private final RoleService roles;
    private final AccessControl access;
    private final PermissionCatalog catalog;
    private final TenantScope scope;
    private final Set<String> allPermissions;
    private final Grid<RoleListing> grid = new Grid<>();
    private final Button newRole = new Button(getTranslation("role.grid.new"), VaadinIcon.PLUS.create());
    private RoleSummary acting;

    public RolesGrid(RoleService roles, AccessControl access, PermissionCatalog catalog, TenantScope scope) {
        this.roles = roles;
        this.access = access;
        this.catalog = catalog;
        this.scope = scope;
        this.allPermissions = catalog.all().stream().map(Permission::key).collect(Collectors.toUnmodifiableSet());

        newRole.setId(NEW_ROLE_ID);
        newRole.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newRole.addClickListener(e -> openEditor(RoleEditorDialog.Mode.CREATE, null));
        Div header = new Div(new H1(getTranslation("role.grid.title")), newRole);
        header.addClassName("atrium-page-header");

        grid.setId(GRID_ID);
        grid.addClassName("atrium-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        // Fixed widths: automatic ones are measured on the first rows only, and custom roles have more actions.
        grid.addComponentColumn(this::nameCell).setHeader(getTranslation("role.grid.name")).setKey(RoleListing.SORT_NAME).setSortable(true)
                .setWidth("12rem");
        grid.addColumn(listing -> RoleTexts.description(listing.role())).setHeader(getTranslation("role.grid.description")).setFlexGrow(2)
                .setTooltipGenerator(listing -> RoleTexts.description(listing.role()));
        grid.addColumn(RoleListing::memberCount).setHeader(getTranslation("role.grid.members")).setKey(RoleListing.SORT_MEMBERS).setSortable(true)
                .setWidth("8rem").setFlexGrow(0);
        grid.addColumn(listing -> permissionSummary(listing.role())).setHeader(getTranslation("role.grid.permissions.header")).setWidth("10rem")
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions).setWidth("14rem").setFlexGrow(0);
        grid.setItems(query -> roles.page(scope, LazyPaging.pageOf(query)).stream(), query -> roles.count(scope));

        getContent().setPadding(false);
        getContent().add(header, grid);
        reload();
    }

    /**
     * Re-reads what the acting member may do (editing or deleting their own role changes it) and the rows. Without
     * roles.view any more, the page is reloaded so that the view turns them away.
     */
    private void reload() {
        acting = access.roleOf(scope);
        if (!can(Permissions.ROLES_VIEW)) {
            UI.getCurrent().getPage().reload();
            return;
        }
        newRole.setVisible(can(Permissions.ROLES_MANAGE));
        grid.getDataProvider().refreshAll();
    }

    private boolean can(String permission) {
        return acting.permissions().contains(permission);
    }

    private Component nameCell(RoleListing listing) {
        Span name = new Span(listing.role().name());
        if (!listing.role().builtIn()) {
            return name;
        }
        Span badge = new Span(getTranslation("role.grid.built-in"));
        badge.getElement().setAttribute("theme", "badge contrast");
        HorizontalLayout cell = new HorizontalLayout(name, badge);
        cell.setSpacing("var(--lumo-space-s)");
        return cell;
    }

    private String permissionSummary(RoleSummary role) {
        if (role.permissions().containsAll(allPermissions)) {
            return getTranslation("role.grid.all-permissions");
        }
        return getTranslation("role.grid.permissions", role.permissions().size());
    }

    private Component actions(RoleListing listing) {
        RoleSummary role = listing.role();
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        boolean manage = can(Permissions.ROLES_MANAGE);
        boolean changeable = manage && !role.builtIn() && acting.permissions().containsAll(role.permissions());
        if (changeable) {
            actions.add(action("role.grid.edit", "edit-role-", role, () -> openEditor(RoleEditorDialog.Mode.EDIT, role)));
        } else {
            actions.add(action("role.grid.view", "view-role-", role, () -> openEditor(RoleEditorDialog.Mode.VIEW, role)));
        }
        if (manage) {
            actions.add(action("role.grid.duplicate", "duplicate-role-", role, () -> openEditor(RoleEditorDialog.Mode.DUPLICATE, role)));
        }
        if (changeable) {
            Button delete = action("role.grid.delete", "delete-role-", role, () -> confirmDelete(listing));
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            actions.add(delete);
        }
        return actions;
    }

    /** A row's action; its accessible name says which role it acts on, e.g. "Edit Auditor". */
    private Button action(String key, String idPrefix, RoleSummary role, Runnable onClick) {
        Button button = new Button(getTranslation(key), e -> onClick.run());
        button.setId(idPrefix + role.key());
        button.setAriaLabel(getTranslation(key + ".label", role.name()));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return button;
    }

    private void openEditor(RoleEditorDialog.Mode mode, RoleSummary role) {
        RoleEditorDialog editor = new RoleEditorDialog(roles, access, catalog, scope, mode, role);
        editor.addSavedListener(e -> {
            Feedback.success(getTranslation("role.grid.saved", e.role().name()));
            reload();
        });
        editor.open();
    }

    private void confirmDelete(RoleListing listing) {
        RoleSummary role = listing.role();
        // Deleting the role deletes its join links and API keys: say so when some could still be used.
        Paragraph joinLinks = takenAlong(DELETE_JOIN_LINKS_ID, "role.grid.delete.join-links", listing.activeJoinLinkCount());
        Paragraph apiKeys = takenAlong(DELETE_API_KEYS_ID, "role.grid.delete.api-keys", listing.activeApiKeyCount());
        if (!listing.inUse()) {
            String question = getTranslation("role.grid.delete.question", role.name());
            ConfirmDialog dialog = Feedback.confirm(DELETE_DIALOG_ID, getTranslation("role.grid.delete.title"), question,
                    getTranslation("role.grid.delete"), () -> delete(role, null));
            if (joinLinks.isVisible() || apiKeys.isVisible()) {
                dialog.setText(new Div(new Paragraph(question), joinLinks, apiKeys));
            }
            dialog.setConfirmButtonTheme("error primary");
            dialog.open();
            return;
        }
        Select<RoleSummary> target = new Select<>();
        target.setId(DELETE_TARGET_ID);
        target.setLabel(getTranslation("role.grid.delete.move", listing.memberCount(), listing.invitationCount()));
        target.setItemLabelGenerator(RoleSummary::name);
        Aria.nameOptions(target, getTranslation("role.grid.delete.move-to"));
        target.setItems(roles.assignableRoles(scope).stream().filter(r -> !r.id().equals(role.id())).toList());
        target.setWidthFull();
        target.addValueChangeListener(e -> target.setInvalid(false));

        Dialog dialog = new Dialog(target, joinLinks, apiKeys);
        dialog.setId(DELETE_DIALOG_ID);
        dialog.setHeaderTitle(getTranslation("role.grid.delete.title-of", role.name()));
        dialog.setWidth("min(28rem, 95vw)");
        Button confirm = new Button(getTranslation("role.grid.delete"), e -> {
            if (target.getValue() == null) {
                target.setErrorMessage(getTranslation("role.grid.delete.choose"));
                target.setInvalid(true);
                return;
            }
            dialog.close();
            delete(role, target.getValue());
        });
        confirm.setId(CONFIRM_DELETE_ID);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button(getTranslation("role.grid.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    /** A line saying how many of something the deletion takes along; hidden when there are none. */
    private Paragraph takenAlong(String id, String key, int count) {
        Paragraph line = new Paragraph(getTranslation(key, count));
        line.setId(id);
        line.setVisible(count > 0);
        return line;
    }

    /** Either way the grid then shows the roles as they are. */
    private void delete(RoleSummary role, RoleSummary moveTo) {
        try {
            roles.delete(scope, role.id(), moveTo == null ? null : moveTo.id());
            Feedback.success(moveTo == null ? getTranslation("role.grid.deleted", role.name())
                    : getTranslation("role.grid.deleted-moved", role.name(), moveTo.name()));
        } catch (RoleException | PermissionDeniedException e) {
            Feedback.refusal(e);
        }
        reload();
    }
}
