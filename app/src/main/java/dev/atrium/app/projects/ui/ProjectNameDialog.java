package dev.atrium.app.projects.ui;

import java.util.function.Function;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.app.projects.Project;
import dev.atrium.app.projects.ProjectException;
import dev.atrium.app.projects.ProjectService;

/**
 * A project's name, for a new project or a rename. The service decides what is acceptable; its refusal is shown next
 * to the field and the dialog stays open.
 */
class ProjectNameDialog extends Dialog {

    static final String NAME_ID = "project-name-field";
    static final String SAVE_ID = "save-project";

    private final TextField name = new TextField();

    /** {@code save} calls the service with the typed name; the dialog closes and {@code saved} runs when it returns. */
    ProjectNameDialog(String title, String saveText, String initialName, Function<String, Project> save, Runnable saved) {
        setHeaderTitle(title);
        name.setLabel(getTranslation("projects.dialog.name"));
        setWidth("min(28rem, 95vw)");
        name.setId(NAME_ID);
        name.setWidthFull();
        name.setValue(initialName);
        name.setMaxLength(ProjectService.MAX_NAME_LENGTH + 20);
        name.setRequiredIndicatorVisible(true);
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> name.setInvalid(false));
        add(name);

        Button submit = new Button(saveText, e -> {
            try {
                save.apply(name.getValue());
                close();
                saved.run();
            } catch (ProjectException | PermissionDeniedException refused) {
                name.setErrorMessage(Feedback.text(refused));
                name.setInvalid(true);
            }
        });
        submit.setId(SAVE_ID);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        getFooter().add(new Button(getTranslation("projects.dialog.cancel"), e -> close()), submit);
        addOpenedChangeListener(e -> name.focus());
    }
}
