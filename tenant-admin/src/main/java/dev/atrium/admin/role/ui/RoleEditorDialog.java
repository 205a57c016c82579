package dev.atrium.admin.role.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionCatalog;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleException;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * A role's name, description and permissions, picked from the catalog area by area, with a live summary of what the
 * role allows. Permissions the acting member's role does not hold cannot be picked: the service would refuse them.
 * Built-in roles open read-only, so that everyone can see what they allow.
 */
public class RoleEditorDialog extends Dialog {

    public static final String ID = "role-editor-dialog";
    public static final String NAME_ID = "role-name-field";
    public static final String DESCRIPTION_ID = "role-description-field";
    public static final String SUMMARY_ID = "role-summary";
    public static final String ERROR_ID = "role-editor-error";
    public static final String NOTE_ID = "role-editor-note";
    public static final String SAVE_ID = "save-role";
    public static final String CLOSE_ID = "close-role-editor";

    /** What the dialog does with the role it opens. */
    public enum Mode {
        /** A new, empty custom role. */
        CREATE,
        /** Changes a custom role. */
        EDIT,
        /** A new custom role starting from another role's name, description and (held) permissions. */
        DUPLICATE,
        /** Shows the role; nothing can be changed. */
        VIEW
    }

    private final RoleService roles;
    private final TenantScope scope;
    private final Mode mode;
    private final RoleSummary role;
    private final TextField name = new TextField(getTranslation("role.editor.name"));
    private final TextArea description = new TextArea(getTranslation("role.editor.description"));
    private final Div error = new Div();
    private final Div summary = new Div();
    private final Map<String, List<Permission>> areas;
    private final Map<String, Checkbox> boxes = new LinkedHashMap<>();
    private final Map<String, Checkbox> areaBoxes = new LinkedHashMap<>();
    /** Per area, the boxes its "select all" acts on: the held permissions, or all of them when only viewing. */
    private final Map<String, List<Checkbox>> selectable = new LinkedHashMap<>();

    /** {@code role} is the role to edit, duplicate or view; null to create one. */
    public RoleEditorDialog(RoleService roles, AccessControl access, PermissionCatalog catalog, TenantScope scope,
            Mode mode, RoleSummary role) {
        this.roles = roles;
        this.scope = scope;
        this.mode = mode;
        this.role = role;
        this.areas = catalog.byArea();
        boolean readOnly = mode == Mode.VIEW;
        Set<String> held = access.roleOf(scope).permissions();
        setId(ID);
        setWidth("min(56rem, 95vw)");
        setHeaderTitle(switch (mode) {
            case CREATE -> getTranslation("role.editor.title.create");
            case EDIT -> getTranslation("role.editor.title.edit", role.name());
            case DUPLICATE -> getTranslation("role.editor.title.duplicate", role.name());
            case VIEW -> getTranslation("role.editor.title.view", role.name());
        });

        error.setId(ERROR_ID);
        error.addClassName("atrium-note-error");
        error.setVisible(false);

        name.setId(NAME_ID);
        name.setMaxLength(RoleService.MAX_NAME_LENGTH);
        name.setRequiredIndicatorVisible(!readOnly);
        name.setWidthFull();
        // Errors come from Save (the service's verdict), not from the browser while typing.
        name.setManualValidation(true);
        name.addValueChangeListener(e -> name.setInvalid(false));
        description.setId(DESCRIPTION_ID);
        description.setMaxLength(RoleService.MAX_DESCRIPTION_LENGTH);
        description.setWidthFull();

        Set<String> checked = new LinkedHashSet<>();
        if (role != null) {
            name.setValue(mode == Mode.DUPLICATE ? copyName(role.name()) : role.name());
            description.setValue(RoleTexts.description(role));
            checked.addAll(role.permissions());
        }
        if (mode == Mode.DUPLICATE) {
            checked.retainAll(held);
            checked.removeIf(permission -> !BuiltInRoles.grantable(permission));
        }

        Div matrix = new Div();
        matrix.addClassName("atrium-permission-matrix");
        areas.forEach((area, permissions) -> matrix.add(areaSection(area, permissions, held, checked, readOnly)));
        summary.setId(SUMMARY_ID);
        summary.addClassName("atrium-role-summary");
        Div body = new Div(matrix, summary);
        body.addClassName("atrium-role-editor-body");

        add(error);
        if (mode == Mode.DUPLICATE && checked.size() < role.permissions().size()) {
            int left = role.permissions().size() - checked.size();
            Div note = new Div(getTranslation("role.editor.copy-leaves-out", left, role.name()));
            note.setId(NOTE_ID);
            note.addClassName("atrium-note");
            add(note);
        }
        add(name, description, body);
        name.setEnabled(!readOnly);
        description.setEnabled(!readOnly);
        updateSummary();

        Button close = new Button(getTranslation(readOnly ? "role.editor.close" : "role.editor.cancel"), e -> close());
        close.setId(CLOSE_ID);
        getFooter().add(close);
        if (!readOnly) {
            Button save = new Button(getTranslation("role.editor.save"), e -> save());
            save.setId(SAVE_ID);
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            getFooter().add(save);
            addOpenedChangeListener(e -> name.focus());
        }
    }

    /** "Copy of …", cut to the longest name the service accepts. */
    private String copyName(String original) {
        String copy = getTranslation("role.editor.copy-of", original);
        return copy.length() <= RoleService.MAX_NAME_LENGTH ? copy : copy.substring(0, RoleService.MAX_NAME_LENGTH).strip();
    }

    private Div areaSection(String area, List<Permission> permissions, Set<String> held, Set<String> checked,
            boolean readOnly) {
        Checkbox all = new Checkbox(getTranslation("role.editor.select-all"));
        String areaName = getTranslation(Permission.areaKey(area));
        all.setId("permission-area-" + area);
        all.setAriaLabel(getTranslation("role.editor.select-all-in", areaName));
        H4 heading = new H4(areaName);
        Div header = new Div(heading, all);
        header.addClassName("atrium-permission-area-header");
        Div section = new Div(header);
        section.addClassName("atrium-permission-area");

        List<Checkbox> areaSelectable = new ArrayList<>();
        for (Permission permission : permissions) {
            boolean grantable = BuiltInRoles.grantable(permission.key());
            boolean holds = held.contains(permission.key()) && grantable;
            Checkbox box = new Checkbox(getTranslation(permission.nameKey()), checked.contains(permission.key()));
            box.setId("permission-" + permission.key().replace('.', '-').replace('_', '-'));
            box.setEnabled(!readOnly && holds);
            String description = getTranslation(permission.descriptionKey());
            if (readOnly || holds) {
                box.setHelperText(description);
            } else {
                String why = getTranslation(grantable ? "role.editor.not-held" : "role.editor.owner-only");
                box.setHelperText(description + " " + why + ".");
                box.setTooltipText(why);
            }
            box.addValueChangeListener(e -> {
                updateArea(area);
                updateSummary();
            });
            boxes.put(permission.key(), box);
            if (readOnly || holds) {
                areaSelectable.add(box);
            }
            section.add(box);
        }
        selectable.put(area, areaSelectable);
        areaBoxes.put(area, all);
        all.setEnabled(!readOnly && !areaSelectable.isEmpty());
        all.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                areaSelectable.forEach(box -> box.setValue(e.getValue()));
            }
        });
        updateArea(area);
        return section;
    }

    /** "Select all" is ticked when every selectable permission of the area is, half-ticked when some are. */
    private void updateArea(String area) {
        List<Checkbox> areaSelectable = selectable.get(area);
        Checkbox all = areaBoxes.get(area);
        long ticked = areaSelectable.stream().filter(Checkbox::getValue).count();
        all.setValue(ticked > 0 && ticked == areaSelectable.size());
        all.setIndeterminate(ticked > 0 && ticked < areaSelectable.size());
    }

    private void updateSummary() {
        summary.removeAll();
        UnorderedList byArea = new UnorderedList();
        areas.forEach((area, permissions) -> {
            List<ListItem> names = permissions.stream()
                    .filter(permission -> boxes.get(permission.key()).getValue())
                    .map(permission -> new ListItem(getTranslation(permission.nameKey())))
                    .toList();
            if (!names.isEmpty()) {
                byArea.add(new ListItem(new Span(getTranslation(Permission.areaKey(area))), new UnorderedList(names.toArray(ListItem[]::new))));
            }
        });
        if (byArea.getChildren().findAny().isEmpty()) {
            summary.add(new Span(getTranslation("role.editor.summary.nothing")));
        } else {
            summary.add(new Span(getTranslation("role.editor.summary.can") + " "), byArea);
        }
    }

    private Set<String> checkedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        boxes.forEach((key, box) -> {
            if (box.getValue()) {
                keys.add(key);
            }
        });
        return keys;
    }

    private void save() {
        error.setVisible(false);
        if (name.getValue().isBlank()) {
            name.setErrorMessage(getTranslation("error.role.name.missing"));
            name.setInvalid(true);
            return;
        }
        RoleDraft draft = new RoleDraft(name.getValue(), description.getValue(), checkedKeys());
        try {
            RoleSummary saved = mode == Mode.EDIT ? roles.update(scope, role.id(), draft) : roles.create(scope, draft);
            close();
            fireEvent(new SavedEvent(this, saved));
        } catch (RoleException e) {
            if (e.field() == RoleException.Field.NAME) {
                name.setErrorMessage(Feedback.text(e));
                name.setInvalid(true);
            } else {
                showError(Feedback.text(e));
            }
        } catch (PermissionDeniedException e) {
            showError(Feedback.text(e));
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    public Registration addSavedListener(ComponentEventListener<SavedEvent> listener) {
        return addListener(SavedEvent.class, listener);
    }

    /** The role was created or changed. */
    public static class SavedEvent extends ComponentEvent<RoleEditorDialog> {
        private final RoleSummary role;

        SavedEvent(RoleEditorDialog source, RoleSummary role) {
            super(source, true);
            this.role = role;
        }

        public RoleSummary role() {
            return role;
        }
    }
}
