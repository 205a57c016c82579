package dev.atrium.admin.member.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.function.SerializableConsumer;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberRuleException;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.ui.LazyPaging;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.ui.Icons;
import dev.atrium.admin.ui.TextSelect;

/**
 * The workspace's members, filtered and lazily loaded, with the changes the acting member's role allows: changing
 * roles, removing members, handing over ownership. Actions the role lacks are not offered; the service checks every
 * change again and its refusals are shown as they are.
 */
public class MembersGrid extends Composite<VerticalLayout> {

    public static final String GRID_ID = "members-grid";
    public static final String FILTER_ID = "members-filter";
    public static final String ROLE_FILTER_ID = "members-role-filter";
    public static final String CONFIRM_ROLE_CHANGE_ID = "confirm-role-change";
    public static final String CONFIRM_REMOVE_ID = "confirm-remove-member";
    public static final String CONFIRM_TRANSFER_ID = "confirm-transfer";

    private final MemberService members;
    private final RoleService roles;
    private final AccessControl access;
    private final TenantScope scope;
    private final TextField textFilter = new TextField();
    /** A filter on every visit of the page: options made by the browser, not a component per role. */
    private final TextSelect<RoleSummary> roleFilter = new TextSelect<>();
    private final Grid<Member> grid = new Grid<>();
    private final LazyPaging<MemberFilter> paging = new LazyPaging<>();
    /** The workspace's roles by id, read once per reload rather than once per row. */
    private final Map<UUID, RoleSummary> rolesById = new LinkedHashMap<>();
    private RoleSummary acting;
    private List<RoleSummary> assignable;
    private Columns columns;

    public MembersGrid(MemberService members, RoleService roles, AccessControl access, TenantScope scope) {
        this.members = members;
        this.roles = roles;
        this.access = access;
        this.scope = scope;

        textFilter.setId(FILTER_ID);
        textFilter.setPlaceholder(getTranslation("member.grid.search.placeholder"));
        textFilter.setAriaLabel(getTranslation("member.grid.search.label"));
        Icons.inSlot(textFilter, "prefix", VaadinIcon.SEARCH);
        textFilter.setClearButtonVisible(true);
        textFilter.setValueChangeMode(ValueChangeMode.LAZY);
        textFilter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        roleFilter.setId(ROLE_FILTER_ID);
        roleFilter.setAriaLabel(getTranslation("member.grid.role"));
        Aria.nameOptions(roleFilter, getTranslation("member.grid.role"));
        roleFilter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.setId(GRID_ID);
        grid.addClassName("atrium-grid");
        grid.setSelectionMode(Grid.SelectionMode.NONE);
        grid.setEmptyStateText(getTranslation("member.grid.empty"));
        grid.setPageSize(LazyPaging.PAGE_SIZE);
        grid.setItems(query -> paging.fetch(query, filter(), (filter, page) -> members.slice(scope, filter, page)),
                query -> paging.count(() -> members.count(scope, filter())));

        HorizontalLayout filters = new HorizontalLayout(textFilter, roleFilter);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        getContent().setPadding(false);
        getContent().add(filters, grid);
        reload();
        roleFilter.setOptions(getTranslation("member.grid.all-roles"), List.copyOf(rolesById.values()), RoleSummary::name);
    }

    /** Tells {@code listener} the search text whenever it changes, so that a list shown with the members can follow it. */
    public void addSearchListener(SerializableConsumer<String> listener) {
        textFilter.addValueChangeListener(e -> listener.accept(e.getValue()));
    }

    private MemberFilter filter() {
        RoleSummary role = roleFilter.getValue();
        return new MemberFilter(textFilter.getValue(), role == null ? null : role.id());
    }

    /** Re-reads what the acting member may do (a change may have changed their own role) and the rows. */
    private void reload() {
        acting = access.roleOf(scope);
        List<RoleSummary> all = roles.roles(scope);
        rolesById.clear();
        all.forEach(role -> rolesById.put(role.id(), role));
        assignable = all.stream().filter(role -> access.canAssign(acting, role)).toList();
        showColumns(new Columns(can(Permissions.MEMBERS_CHANGE_ROLE),
                can(Permissions.WORKSPACE_TRANSFER_OWNERSHIP) || can(Permissions.MEMBERS_REMOVE)));
        grid.getDataProvider().refreshAll();
    }

    /**
     * Components per row only where the acting member can act on the row: a role list for those who may change roles
     * (the role's name as text for everyone else), the actions column for those who may remove members or hand over
     * ownership. Every component in a row costs the session its server-side state for as long as the row is loaded.
     */
    private void showColumns(Columns wanted) {
        if (wanted.equals(columns)) {
            return;
        }
        columns = wanted;
        grid.removeAllColumns();
        // Name and e-mail in one column, sorted by name: every column costs the session its own state and listeners.
        grid.addColumn(LitRenderer.<Member>of("""
                <div class="atrium-member"><span class="atrium-member-name">${item.name}</span>\
                <span class="atrium-member-email">${item.email}</span></div>""")
                .withProperty("name", Member::name).withProperty("email", Member::email))
                .setHeader(getTranslation("member.grid.name-and-email")).setKey(MemberFilter.SORT_NAME).setSortable(true);
        (wanted.rolesEditable() ? grid.addComponentColumn(this::roleCell) : grid.addColumn(Member::roleName))
                .setHeader(getTranslation("member.grid.role")).setKey(MemberFilter.SORT_ROLE).setSortable(true);
        grid.addColumn(m -> Formats.dateTime(m.joinedAt())).setHeader(getTranslation("member.grid.joined")).setKey(MemberFilter.SORT_JOINED).setSortable(true)
                .setAutoWidth(true);
        grid.addColumn(m -> Formats.dateTime(m.lastActiveAt())).setHeader(getTranslation("member.grid.last-active"))
                .setKey(MemberFilter.SORT_LAST_ACTIVE).setSortable(true).setAutoWidth(true);
        if (wanted.actions()) {
            grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        }
    }

    /** Which of the grid's columns need components: see {@link #showColumns}. */
    private record Columns(boolean rolesEditable, boolean actions) implements java.io.Serializable {
    }

    private boolean can(String permission) {
        return acting.permissions().contains(permission);
    }

    private boolean isSelf(Member member) {
        return member.accountId().equals(scope.accountId());
    }

    private Component roleCell(Member member) {
        if (!can(Permissions.MEMBERS_CHANGE_ROLE) || isSelf(member)) {
            return new Span(member.roleName());
        }
        RoleSummary current = rolesById.computeIfAbsent(member.roleId(), id -> roles.find(scope, id).orElseThrow());
        boolean currentAssignable = assignable.contains(current);
        Select<RoleSummary> select = new Select<>();
        select.setId("role-select-" + member.accountId());
        select.setAriaLabel(getTranslation("member.grid.role-of", member.name()));
        Aria.nameOptions(select, getTranslation("member.grid.role-of", member.name()));
        select.setItemLabelGenerator(RoleSummary::name);
        // A role the acting member may not give is still shown as the current one, but cannot be changed here.
        select.setItems(currentAssignable ? assignable : Stream.concat(assignable.stream(), Stream.of(current)).toList());
        select.setValue(current);
        select.setEnabled(currentAssignable);
        select.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                confirmRoleChange(member, e.getOldValue(), e.getValue(), select);
            }
        });
        return select;
    }

    private void confirmRoleChange(Member member, RoleSummary from, RoleSummary to, Select<RoleSummary> select) {
        String text = getTranslation("member.grid.change-role.question", member.name(), to.name());
        if (hasAdminRights(to) && !hasAdminRights(from)) {
            text += " " + getTranslation("member.grid.change-role.gives-admin");
        } else if (hasAdminRights(from) && !hasAdminRights(to)) {
            text += " " + getTranslation("member.grid.change-role.takes-admin");
        }
        ConfirmDialog dialog = Feedback.confirm(CONFIRM_ROLE_CHANGE_ID, getTranslation("member.grid.change-role"), text,
                getTranslation("member.grid.change-role"), () -> change(() -> members.changeRole(scope, member.accountId(), to.id()),
                        getTranslation("member.grid.change-role.done", member.name(), to.name())));
        dialog.addCancelListener(e -> select.setValue(from));
        dialog.open();
    }

    /** Admin rights: managing other members' roles, which an Owner always can. */
    private static boolean hasAdminRights(RoleSummary role) {
        return role.isOwner() || role.permissions().contains(Permissions.MEMBERS_CHANGE_ROLE);
    }

    private Component actions(Member member) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (isSelf(member)) {
            return actions;
        }
        if (can(Permissions.WORKSPACE_TRANSFER_OWNERSHIP) && !member.owner()) {
            Button transfer = new Button(getTranslation("member.grid.make-owner"), e -> confirmTransfer(member));
            transfer.setId("transfer-ownership-" + member.accountId());
            transfer.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            actions.add(transfer);
        }
        if (can(Permissions.MEMBERS_REMOVE)) {
            Button remove = new Button(getTranslation("member.grid.remove"), e -> confirmRemove(member));
            remove.setId("remove-member-" + member.accountId());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            actions.add(remove);
        }
        return actions;
    }

    private void confirmRemove(Member member) {
        ConfirmDialog dialog = Feedback.confirm(CONFIRM_REMOVE_ID, getTranslation("member.grid.remove.title"),
                getTranslation("member.grid.remove.question", member.name(), scope.workspaceName()),
                getTranslation("member.grid.remove"), () -> change(() -> members.remove(scope, member.accountId()),
                        getTranslation("member.grid.remove.done", member.name())));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void confirmTransfer(Member member) {
        Feedback.confirm(CONFIRM_TRANSFER_ID, getTranslation("member.grid.transfer.title"),
                getTranslation("member.grid.transfer.question", member.name(), scope.workspaceName()),
                getTranslation("member.grid.make-owner"), () -> change(() -> members.transferOwnership(scope, member.accountId()),
                        getTranslation("member.grid.transfer.done", member.name()))).open();
    }

    /** Runs a change the service may refuse; either way the grid then shows the members as they are. */
    private void change(Runnable change, String done) {
        try {
            change.run();
            Feedback.success(done);
        } catch (PermissionDeniedException | MemberRuleException e) {
            Feedback.refusal(e);
        }
        reload();
    }
}
