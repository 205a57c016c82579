package dev.atrium.admin.invitation.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.invitation.BulkInvitationService;
import dev.atrium.admin.invitation.BulkInviteDeferredException;
import dev.atrium.admin.invitation.BulkRow;
import dev.atrium.admin.invitation.BulkVerdict;
import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * Inviting people from a CSV file: upload, a preview with each row's verdict, one confirmation, progress while the
 * invitations are made in the background (pushed to the browser), then every row's outcome, downloadable as CSV.
 */
public class BulkInviteDialog extends Dialog {

    public static final String UPLOAD_ID = "bulk-upload";
    public static final String ERROR_ID = "bulk-error";
    public static final String ROWS_ID = "bulk-rows";
    public static final String SUMMARY_ID = "bulk-summary";
    public static final String CONFIRM_ID = "bulk-confirm";
    public static final String PROGRESS_ID = "bulk-progress";
    public static final String PROGRESS_TEXT_ID = "bulk-progress-text";
    public static final String DOWNLOAD_ID = "bulk-download";

    private final BulkInvitationService bulk;
    private final TenantScope scope;
    private final Paragraph error = new Paragraph();
    private final Paragraph summary = new Paragraph();
    private final Grid<BulkRow> rows = new Grid<>();
    private final Button confirm = new Button();
    private final ProgressBar progress = new ProgressBar();
    private final Paragraph progressText = new Paragraph();
    private final Anchor download = new Anchor();
    private List<BulkRow> preview = List.of();

    public BulkInviteDialog(BulkInvitationService bulk, TenantScope scope) {
        this.bulk = bulk;
        this.scope = scope;
        setHeaderTitle(getTranslation("bulk.dialog.title"));
        setWidth("min(56rem, 95vw)");

        // Not UploadHandler.inMemory: it would hold however much a request sends before anything could refuse it.
        Upload upload = new Upload(event -> read(event.getUI(), event.getInputStream()));
        upload.setId(UPLOAD_ID);
        upload.setMaxFiles(1);
        upload.setMaxFileSize(BulkInvitationService.MAX_FILE_BYTES);
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.addFileRejectedListener(e -> showError(getTranslation("bulk.dialog.file-rejected", BulkInvitationService.MAX_FILE_BYTES / 1024)));

        error.setId(ERROR_ID);
        error.addClassName("atrium-note-error");
        error.setVisible(false);
        summary.setId(SUMMARY_ID);
        rows.setId(ROWS_ID);
        rows.addColumn(BulkRow::line).setHeader(getTranslation("bulk.dialog.line")).setAutoWidth(true).setFlexGrow(0);
        rows.addColumn(BulkRow::email).setHeader(getTranslation("bulk.dialog.email")).setFlexGrow(2);
        rows.addColumn(BulkRow::roleName).setHeader(getTranslation("bulk.dialog.role"));
        rows.addColumn(row -> getTranslation(row.verdict().messageKey())).setHeader(getTranslation("bulk.dialog.verdict")).setFlexGrow(2);
        rows.setAllRowsVisible(false);
        rows.setHeight("20rem");
        rows.setVisible(false);
        progress.setId(PROGRESS_ID);
        progress.setVisible(false);
        progressText.setId(PROGRESS_TEXT_ID);
        progressText.setVisible(false);
        download.setId(DOWNLOAD_ID);
        download.setVisible(false);

        VerticalLayout body = new VerticalLayout(new Paragraph(getTranslation("bulk.dialog.help", BulkInvitationService.MAX_ROWS)),
                upload, error, summary, rows, progress, progressText, download);
        body.setPadding(false);
        add(body);

        confirm.setId(CONFIRM_ID);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setVisible(false);
        confirm.addClickListener(e -> start());
        getFooter().add(new Button(getTranslation("bulk.dialog.close"), e -> close()), confirm);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        BulkResult.enablePush(attachEvent.getUI());
    }

    /** In the upload's request, which holds no session lock: the file is read and judged there, then shown. */
    private void read(UI ui, InputStream upload) throws IOException {
        try (InputStream file = upload) {
            List<BulkRow> judged = bulk.preview(scope, file);
            ui.access(() -> show(judged));
        } catch (InvitationException | PermissionDeniedException e) {
            ui.access(() -> refuse(e));
        }
    }

    private void refuse(AtriumRefusal refusal) {
        preview = List.of();
        rows.setVisible(false);
        summary.setText("");
        confirm.setVisible(false);
        showError(Feedback.text(refusal));
    }

    private void show(List<BulkRow> judged) {
        preview = judged;
        error.setVisible(false);
        rows.setItems(preview);
        rows.setVisible(true);
        long invitable = preview.stream().filter(row -> row.verdict() == BulkVerdict.WILL_INVITE).count();
        summary.setText(BulkResult.counts(this, preview));
        confirm.setText(getTranslation("bulk.dialog.confirm", invitable));
        confirm.setEnabled(invitable > 0);
        confirm.setVisible(true);
    }

    private void start() {
        UI ui = UI.getCurrent();
        int total = (int) preview.stream().filter(row -> row.verdict() == BulkVerdict.WILL_INVITE).count();
        try {
            bulk.invite(scope, preview, getLocale(), done -> ui.access(() -> showProgress(done, total)))
                    .whenComplete((result, failure) -> ui.access(() -> finish(result, failure)));
        } catch (RateLimitExceededException | PermissionDeniedException e) {
            showError(Feedback.text(e));
            return;
        }
        confirm.setEnabled(false);
        progress.setVisible(true);
        progressText.setVisible(true);
        showProgress(0, total);
    }

    private void showProgress(int done, int total) {
        progress.setValue(total == 0 ? 1 : (double) done / total);
        progressText.setText(getTranslation("bulk.dialog.progress", done, total));
    }

    private void finish(List<BulkRow> result, Throwable failure) {
        progress.setVisible(false);
        confirm.setVisible(false);
        if (failure != null) {
            progressText.setText(getTranslation(failure instanceof BulkInviteDeferredException ? "bulk.dialog.deferred" : "bulk.dialog.failed"));
            fireEvent(new InvitedEvent(this));
            return;
        }
        progressText.setText(getTranslation("bulk.dialog.done"));
        rows.setItems(result);
        summary.setText(BulkResult.counts(this, result));
        BulkResult.offerDownload(download, bulk, scope, result);
        download.setVisible(true);
        fireEvent(new InvitedEvent(this));
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    public Registration addInvitedListener(ComponentEventListener<InvitedEvent> listener) {
        return addListener(InvitedEvent.class, listener);
    }

    /** Invitations from the file were made (possibly none). */
    public static class InvitedEvent extends ComponentEvent<BulkInviteDialog> {
        InvitedEvent(BulkInviteDialog source) {
            super(source, false);
        }
    }
}
