package dev.atrium.admin.workspace.ui;

import java.util.UUID;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.workspace.WorkspaceNames;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;
import dev.atrium.admin.workspace.WorkspaceValidationException;

/**
 * Name and address of a new workspace. The address follows the name until the person edits it; the service
 * decides what is acceptable and the dialog shows its messages next to the fields. Whoever opens it may show something
 * above the name field ({@link #showAboveName}), such as the workspaces the person's colleagues use.
 */
public class CreateWorkspaceDialog extends Dialog {

    public static final String NAME_ID = "workspace-name-field";
    public static final String SLUG_ID = "workspace-slug-field";
    public static final String SUBMIT_ID = "create-workspace-submit";
    public static final String ERROR_ID = "create-workspace-error";
    public static final String CANCEL_ID = "create-workspace-cancel";

    private final WorkspaceService workspaces;
    private final UUID accountId;
    private final TextField name = new TextField(getTranslation("workspace.create.name"));
    private final TextField slug = new TextField(getTranslation("workspace.create.slug"));
    private final Div error = new Div();
    private final Div aboveName = new Div();
    private boolean slugEdited;

    public CreateWorkspaceDialog(WorkspaceService workspaces, UUID accountId) {
        this.workspaces = workspaces;
        this.accountId = accountId;
        setHeaderTitle(getTranslation("workspace.create.title"));
        setWidth("min(32rem, 95vw)");

        name.setId(NAME_ID);
        name.setPlaceholder(getTranslation("workspace.create.name.placeholder"));
        name.setMaxLength(WorkspaceNames.MAX_NAME_LENGTH + 20);
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.setRequiredIndicatorVisible(true);
        name.addValueChangeListener(e -> {
            name.setInvalid(false);
            if (!slugEdited) {
                slug.setValue(WorkspaceNames.suggestSlug(e.getValue()));
            }
        });

        slug.setId(SLUG_ID);
        slug.setPrefixComponent(new Span("/w/"));
        slug.setHelperText(getTranslation("workspace.create.slug.helper"));
        slug.setValueChangeMode(ValueChangeMode.EAGER);
        slug.addValueChangeListener(e -> {
            slug.setInvalid(false);
            if (e.isFromClient()) {
                slugEdited = true;
            }
        });

        error.setId(ERROR_ID);
        error.addClassName("atrium-note-error");
        error.setVisible(false);
        aboveName.setVisible(false);
        add(aboveName, error, new FormLayout(name, slug));

        Button create = new Button(getTranslation("workspace.create.submit"), e -> create());
        create.setId(SUBMIT_ID);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);
        create.setDisableOnClick(true);
        create.addClickListener(e -> create.setEnabled(true));
        Button cancel = new Button(getTranslation("workspace.create.cancel"), e -> close());
        cancel.setId(CANCEL_ID);
        getFooter().add(cancel, create);
        addOpenedChangeListener(e -> name.focus());
    }

    /**
     * Shows a component above the name field: the creator's offer of what to do instead, e.g. the workspaces the
     * person's colleagues use, which they may ask to join rather than create another.
     */
    public void showAboveName(Component component) {
        aboveName.removeAll();
        aboveName.add(component);
        aboveName.setVisible(true);
    }

    private void create() {
        error.setVisible(false);
        try {
            WorkspaceSummary created = workspaces.create(accountId, name.getValue(), slug.getValue());
            close();
            fireEvent(new CreatedEvent(this, created));
        } catch (WorkspaceValidationException e) {
            e.problems().forEach(problem -> {
                TextField field = problem.field() == WorkspaceNames.Field.NAME ? name : slug;
                field.setErrorMessage(Feedback.text(problem.reason()));
                field.setInvalid(true);
            });
        } catch (RateLimitExceededException e) {
            error.setText(Feedback.text(e));
            error.setVisible(true);
        }
    }

    public Registration addCreatedListener(ComponentEventListener<CreatedEvent> listener) {
        return addListener(CreatedEvent.class, listener);
    }

    /** A workspace was created; the person is its Owner. */
    public static class CreatedEvent extends ComponentEvent<CreateWorkspaceDialog> {
        private final WorkspaceSummary workspace;

        CreatedEvent(CreateWorkspaceDialog source, WorkspaceSummary workspace) {
            super(source, true);
            this.workspace = workspace;
        }

        public WorkspaceSummary workspace() {
            return workspace;
        }
    }
}
