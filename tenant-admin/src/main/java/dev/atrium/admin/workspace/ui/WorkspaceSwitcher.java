package dev.atrium.admin.workspace.ui;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.function.SerializableSupplier;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinSuggestion;
import dev.atrium.admin.ui.DropDownMenu;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.ui.Icons;
import dev.atrium.admin.workspace.DeletedWorkspace;
import dev.atrium.admin.workspace.WorkspaceSummary;

/**
 * The header's workspace switcher: a button naming the current workspace, whose menu lists the others to switch to, the
 * workspaces colleagues use with Request to join (or Join, or "Request sent"), the deleted workspaces the account may
 * restore, and "Create workspace". The menu's items are read and made when it opens (see {@link DropDownMenu}). It
 * fires events; the layout acts on them.
 */
public class WorkspaceSwitcher extends Composite<Button> {

    public static final String ID = "workspace-switcher";
    public static final String CREATE_ITEM_ID = "switcher-create-workspace";
    /** On the "Your colleagues at … use …" entry: the workspace's slug. */
    public static final String DATA_JOIN_SUGGESTION = "data-join-suggestion";
    /** On the entry that asks to join (or says the request was sent): the workspace's slug. */
    public static final String DATA_JOIN_ACTION = "data-join-workspace";

    /**
     * What the menu lists: the account's workspaces, the workspaces their colleagues use that they may ask to join, and
     * the deleted workspaces they may restore.
     */
    public record Entries(List<WorkspaceSummary> workspaces, List<JoinSuggestion> joinable, List<DeletedWorkspace> deleted) {
    }

    private final SerializableSupplier<Entries> entries;
    private @Nullable String currentSlug;

    /** A switcher whose menu, when opened, lists the {@code entries} read then. */
    public WorkspaceSwitcher(SerializableSupplier<Entries> entries) {
        this.entries = entries;
        Button button = getContent();
        button.setId(ID);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Icons.inSlot(button, "prefix", VaadinIcon.BUILDING);
        Icons.inSlot(button, "suffix", VaadinIcon.CHEVRON_DOWN_SMALL);
        DropDownMenu.on(button, this::addItems);
    }

    /**
     * Names the workspace open now ({@code currentSlug}, null when none is) on the button, found among the account's
     * {@code workspaces}; "Workspaces" when none of them is open.
     */
    public void show(List<WorkspaceSummary> workspaces, @Nullable String currentSlug) {
        this.currentSlug = currentSlug;
        String title = workspaces.stream().filter(w -> w.slug().equals(currentSlug)).findFirst()
                .map(WorkspaceSummary::name).orElse(getTranslation("workspace.switcher.workspaces"));
        getContent().setText(title);
        getContent().setAriaLabel(getTranslation("workspace.switcher.label", title));
    }

    private void addItems(DropDownMenu items) {
        Entries now = entries.get();
        for (WorkspaceSummary workspace : now.workspaces()) {
            MenuItem item = items.addItem(workspace.name(), e -> fireEvent(new SwitchEvent(this, workspace)));
            item.setCheckable(true);
            item.setChecked(workspace.slug().equals(currentSlug));
            item.getElement().setAttribute("data-slug", workspace.slug());
        }
        if (!now.workspaces().isEmpty()) {
            items.addSeparator();
        }
        for (JoinSuggestion suggestion : now.joinable()) {
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
        if (!now.deleted().isEmpty()) {
            items.addSeparator();
        }
        for (DeletedWorkspace workspace : now.deleted()) {
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
