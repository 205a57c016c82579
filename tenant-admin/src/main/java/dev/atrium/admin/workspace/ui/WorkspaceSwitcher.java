package dev.atrium.admin.workspace.ui;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinSuggestion;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.workspace.DeletedWorkspace;
import dev.atrium.admin.workspace.WorkspaceSummary;

/**
 * The header's workspace switcher: the current workspace, the others to switch to, the workspaces colleagues use with
 * Request to join (or Join, or "Request sent"), and "Create workspace". It fires events; the layout acts on them.
 */
public class WorkspaceSwitcher extends Composite<MenuBar> {

    public static final String ID = "workspace-switcher";
    public static final String CREATE_ITEM_ID = "switcher-create-workspace";
    /** On the "Your colleagues at … use …" entry: the workspace's slug. */
    public static final String DATA_JOIN_SUGGESTION = "data-join-suggestion";
    /** On the entry that asks to join (or says the request was sent): the workspace's slug. */
    public static final String DATA_JOIN_ACTION = "data-join-workspace";

    public WorkspaceSwitcher() {
        getContent().setId(ID);
        getContent().addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
    }

    /**
     * Shows the account's workspaces and, before "Create workspace", the workspaces their colleagues use that they may
     * ask to join ({@code joinable}); {@code currentSlug} may be null when no workspace is open.
     */
    public void show(List<WorkspaceSummary> workspaces, @Nullable String currentSlug, List<JoinSuggestion> joinable) {
        MenuBar menu = getContent();
        menu.removeAll();
        String title = workspaces.stream().filter(w -> w.slug().equals(currentSlug)).findFirst()
                .map(WorkspaceSummary::name).orElse(getTranslation("workspace.switcher.workspaces"));
        MenuItem root = menu.addItem(title);
        root.addComponentAsFirst(VaadinIcon.BUILDING.create());
        root.add(VaadinIcon.CHEVRON_DOWN_SMALL.create());
        root.getElement().setAttribute("aria-label", getTranslation("workspace.switcher.label", title));
        SubMenu items = root.getSubMenu();
        for (WorkspaceSummary workspace : workspaces) {
            MenuItem item = items.addItem(workspace.name(), e -> fireEvent(new SwitchEvent(this, workspace)));
            item.setCheckable(true);
            item.setChecked(workspace.slug().equals(currentSlug));
            item.getElement().setAttribute("data-slug", workspace.slug());
        }
        if (!workspaces.isEmpty()) {
            items.addSeparator();
        }
        for (JoinSuggestion suggestion : joinable) {
            MenuItem colleagues = items.addItem(getTranslation("joinrequest.suggestion", suggestion.domain(), suggestion.workspaceName()));
            colleagues.setEnabled(false);
            colleagues.getElement().setAttribute(DATA_JOIN_SUGGESTION, suggestion.slug());
            MenuItem ask = items.addItem(getTranslation(askLabel(suggestion)), e -> fireEvent(new JoinEvent(this, suggestion)));
            ask.setEnabled(!suggestion.requested() || suggestion.ssoPath() != null);
            ask.getElement().setAttribute(DATA_JOIN_ACTION, suggestion.slug());
            items.addSeparator();
        }
        MenuItem create = items.addItem(getTranslation("workspace.switcher.create"), e -> fireEvent(new CreateEvent(this)));
        create.setId(CREATE_ITEM_ID);
    }

    /**
     * Adds the deleted workspaces the account may restore, after {@link #show}: "Name — Deleted, restore until …";
     * choosing one asks to restore it.
     */
    public void showDeleted(List<DeletedWorkspace> deleted) {
        if (deleted.isEmpty() || getContent().getItems().isEmpty()) {
            return;
        }
        SubMenu items = getContent().getItems().getFirst().getSubMenu();
        items.addSeparator();
        for (DeletedWorkspace workspace : deleted) {
            MenuItem item = items.addItem(workspace.name() + " — " + getTranslation("workspace.deleted.entry",
                    Formats.dateTime(workspace.purgeAfter())), e -> fireEvent(new RestoreEvent(this, workspace)));
            item.getElement().setAttribute("data-deleted-slug", workspace.slug());
        }
    }

    private static String askLabel(JoinSuggestion suggestion) {
        if (suggestion.ssoPath() != null) {
            return "joinrequest.join-through-sso";
        }
        if (suggestion.requested()) {
            return "joinrequest.switcher.pending";
        }
        return suggestion.mode() == JoinMode.AUTOMATIC ? "joinrequest.join" : "joinrequest.request";
    }

    public Registration addJoinListener(ComponentEventListener<JoinEvent> listener) {
        return addListener(JoinEvent.class, listener);
    }

    /** The person asked to join a workspace their colleagues use (or to sign in with its single sign-on). */
    public static class JoinEvent extends ComponentEvent<WorkspaceSwitcher> {
        private final JoinSuggestion suggestion;

        JoinEvent(WorkspaceSwitcher source, JoinSuggestion suggestion) {
            super(source, true);
            this.suggestion = suggestion;
        }

        public JoinSuggestion suggestion() {
            return suggestion;
        }
    }

    public Registration addRestoreListener(ComponentEventListener<RestoreEvent> listener) {
        return addListener(RestoreEvent.class, listener);
    }

    /** The person asked to restore a deleted workspace. */
    public static class RestoreEvent extends ComponentEvent<WorkspaceSwitcher> {
        private final DeletedWorkspace workspace;

        RestoreEvent(WorkspaceSwitcher source, DeletedWorkspace workspace) {
            super(source, true);
            this.workspace = workspace;
        }

        public DeletedWorkspace workspace() {
            return workspace;
        }
    }

    public Registration addSwitchListener(ComponentEventListener<SwitchEvent> listener) {
        return addListener(SwitchEvent.class, listener);
    }

    public Registration addCreateListener(ComponentEventListener<CreateEvent> listener) {
        return addListener(CreateEvent.class, listener);
    }

    /** The person picked another workspace. */
    public static class SwitchEvent extends ComponentEvent<WorkspaceSwitcher> {
        private final WorkspaceSummary workspace;

        SwitchEvent(WorkspaceSwitcher source, WorkspaceSummary workspace) {
            super(source, true);
            this.workspace = workspace;
        }

        public WorkspaceSummary workspace() {
            return workspace;
        }
    }

    /** The person asked to create a new workspace. */
    public static class CreateEvent extends ComponentEvent<WorkspaceSwitcher> {
        CreateEvent(WorkspaceSwitcher source) {
            super(source, true);
        }
    }
}
