package dev.atrium.admin.workspace.ui;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.workspace.WorkspaceDeletionService;

/**
 * Deleting the workspace: what happens, the export (a zip streamed straight into the download), and the workspace's
 * name typed to confirm. The service decides (Owner only, the name); the dialog shows its refusal.
 */
public class DeleteWorkspaceDialog extends Dialog {

    public static final String OPEN_ID = "open-delete-workspace";
    public static final String EXPORT_ID = "delete-workspace-export";
    public static final String NAME_ID = "delete-workspace-name";
    public static final String CONFIRM_ID = "delete-workspace-confirm";

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final WorkspaceDeletionService deletions;
    private final TenantScope scope;
    private final TextField name = new TextField(getTranslation("workspace.delete.confirm-label"));

    public DeleteWorkspaceDialog(WorkspaceDeletionService deletions, TenantScope scope) {
        this.deletions = deletions;
        this.scope = scope;
        setHeaderTitle(getTranslation("workspace.delete.title"));
        DownloadHandler download = event -> {
            event.setFileName("workspace-" + scope.slug() + "-" + LocalDateTime.now(Formats.zone()).format(FILE_TIME) + ".zip");
            event.setContentType("application/zip");
            deletions.export(scope, event.getOutputStream());
        };
        Anchor export = new Anchor(download, AttachmentType.DOWNLOAD, getTranslation("workspace.delete.export"));
        export.setId(EXPORT_ID);
        name.setId(NAME_ID);
        name.setWidthFull();
        name.setManualValidation(true);
        name.addValueChangeListener(e -> name.setInvalid(false));
        add(new VerticalLayout(new Paragraph(getTranslation("workspace.delete.explanation", scope.workspaceName(),
                deletions.grace().toDays())), export, name));
        Button confirm = new Button(getTranslation("workspace.delete.confirm"), e -> delete());
        confirm.setId(CONFIRM_ID);
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("workspace.delete.cancel"), e -> close()), confirm);
    }

    private void delete() {
        try {
            OffsetDateTime restorableUntil = deletions.delete(scope, name.getValue());
            close();
            Feedback.success(getTranslation("workspace.delete.done", scope.workspaceName(), Formats.dateTime(restorableUntil)));
            fireEvent(new DeletedEvent(this));
        } catch (AtriumRefusal e) {
            name.setErrorMessage(Feedback.text(e));
            name.setInvalid(true);
        }
    }

    public Registration addDeletedListener(ComponentEventListener<DeletedEvent> listener) {
        return addListener(DeletedEvent.class, listener);
    }

    /** The workspace was deleted. */
    public static class DeletedEvent extends ComponentEvent<DeleteWorkspaceDialog> {
        DeletedEvent(DeleteWorkspaceDialog source) {
            super(source, false);
        }
    }
}
