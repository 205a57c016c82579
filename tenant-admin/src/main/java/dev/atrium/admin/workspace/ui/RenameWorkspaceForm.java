package dev.atrium.admin.workspace.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.workspace.WorkspaceNames;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;
import dev.atrium.admin.workspace.WorkspaceValidationException;

/** The workspace's name, editable; the service checks the permission and the name. */
public class RenameWorkspaceForm extends Composite<HorizontalLayout> {

    public static final String NAME_ID = "workspace-rename-field";
    public static final String SAVE_ID = "save-workspace-name";

    public RenameWorkspaceForm(WorkspaceService workspaces, TenantScope scope) {
        TextField name = new TextField(getTranslation("workspace.rename.name"));
        name.setId(NAME_ID);
        name.setValue(scope.workspaceName());
        name.setMaxLength(WorkspaceNames.MAX_NAME_LENGTH + 20);
        name.setHelperText(getTranslation("workspace.rename.name.helper", "/w/" + scope.slug()));
        name.setWidth("min(28rem, 90vw)");
        name.addValueChangeListener(e -> name.setInvalid(false));
        Button save = new Button(getTranslation("workspace.rename.save"), e -> {
            try {
                WorkspaceSummary renamed = workspaces.rename(scope, name.getValue());
                Feedback.success(getTranslation("workspace.rename.done", renamed.name()));
                fireEvent(new RenamedEvent(this, renamed));
            } catch (WorkspaceValidationException problem) {
                name.setErrorMessage(Feedback.text(problem));
                name.setInvalid(true);
            }
        });
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getContent().setAlignItems(FlexComponent.Alignment.BASELINE);
        getContent().add(name, save);
    }

    public Registration addRenamedListener(ComponentEventListener<RenamedEvent> listener) {
        return addListener(RenamedEvent.class, listener);
    }

    /** The workspace has a new name. */
    public static class RenamedEvent extends ComponentEvent<RenameWorkspaceForm> {
        private final WorkspaceSummary workspace;

        RenamedEvent(RenameWorkspaceForm source, WorkspaceSummary workspace) {
            super(source, false);
            this.workspace = workspace;
        }

        public WorkspaceSummary workspace() {
            return workspace;
        }
    }
}
