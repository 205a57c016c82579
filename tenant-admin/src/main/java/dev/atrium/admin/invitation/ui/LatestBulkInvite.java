package dev.atrium.admin.invitation.ui;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

import dev.atrium.admin.invitation.BulkInvitationService;
import dev.atrium.admin.invitation.BulkJob;
import dev.atrium.admin.invitation.BulkRow;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Formats;

/**
 * The workspace's latest bulk invite as stored: its progress while rows are left (pushed while this node works on it),
 * then every row's outcome to download. Whoever comes back later, after a restart too, finds it here.
 */
public class LatestBulkInvite extends Div {

    public static final String ID = "bulk-latest";
    public static final String STATUS_ID = "bulk-latest-status";
    public static final String SUMMARY_ID = "bulk-latest-summary";
    public static final String DOWNLOAD_ID = "bulk-latest-download";

    private final BulkInvitationService bulk;
    private final TenantScope scope;
    private final Paragraph status = new Paragraph();
    private final Paragraph summary = new Paragraph();
    private final Anchor download = new Anchor();
    private @Nullable Runnable unwatch;

    public LatestBulkInvite(BulkInvitationService bulk, TenantScope scope) {
        this.bulk = bulk;
        this.scope = scope;
        setId(ID);
        status.setId(STATUS_ID);
        summary.setId(SUMMARY_ID);
        download.setId(DOWNLOAD_ID);
        add(status, summary, download);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        BulkResult.enablePush(attachEvent.getUI());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopWatching();
        super.onDetach(detachEvent);
    }

    /** Reads the latest job again (after a file was confirmed, or a chunk of it done). */
    public void refresh() {
        stopWatching();
        Optional<BulkJob> latest = bulk.latest(scope);
        setVisible(latest.isPresent());
        if (latest.isEmpty()) {
            return;
        }
        BulkJob job = latest.get();
        String confirmed = Formats.dateTime(job.confirmedAt());
        if (!job.finished()) {
            status.setText(getTranslation("bulk.latest.running", confirmed, job.done(), job.toInvite()));
            summary.setVisible(false);
            download.setVisible(false);
            UI ui = UI.getCurrent();
            unwatch = bulk.watch(scope, job.id(), done -> ui.access(this::refresh));
            // It may have finished between the read above and the watch.
            if (bulk.job(scope, job.id()).map(BulkJob::finished).orElse(false)) {
                refresh();
            }
            return;
        }
        List<BulkRow> rows = bulk.rows(scope, job.id());
        status.setText(getTranslation("bulk.latest.finished", confirmed, Formats.dateTime(job.finishedAt())));
        summary.setText(BulkResult.counts(this, rows));
        summary.setVisible(true);
        BulkResult.offerDownload(download, bulk, scope, rows);
        download.setVisible(true);
    }

    private void stopWatching() {
        if (unwatch != null) {
            unwatch.run();
            unwatch = null;
        }
    }
}
