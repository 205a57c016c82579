package dev.atrium.admin.invitation.ui;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.communication.PushMode;

import dev.atrium.admin.invitation.BulkInvitationService;
import dev.atrium.admin.invitation.BulkRow;
import dev.atrium.admin.invitation.BulkVerdict;
import dev.atrium.admin.tenancy.TenantScope;

/** How a bulk invite's rows are summed up and downloaded, the same in its dialog and on the Invitations page. */
final class BulkResult {

    private BulkResult() {
    }

    /** "Invited: 2 · Invalid address: 1", verdicts in their declared order, in the reader's words. */
    static String counts(Component reader, List<BulkRow> rows) {
        Map<BulkVerdict, Long> byVerdict = rows.stream().collect(Collectors.groupingBy(BulkRow::verdict, TreeMap::new, Collectors.counting()));
        return byVerdict.entrySet().stream().map(e -> reader.getTranslation(e.getKey().messageKey()) + ": " + e.getValue())
                .collect(Collectors.joining(" · "));
    }

    /** Progress and results arrive from a background thread: they need server push, which not every host enables. */
    static void enablePush(UI ui) {
        var push = ui.getPushConfiguration();
        if (!push.getPushMode().isEnabled()) {
            push.setPushMode(PushMode.AUTOMATIC);
        }
    }

    /** Makes {@code link} download the rows with their outcomes as CSV. */
    static void offerDownload(Anchor link, BulkInvitationService bulk, TenantScope scope, List<BulkRow> rows) {
        Function<BulkVerdict, String> worded = verdict -> link.getTranslation(verdict.messageKey());
        DownloadHandler csv = event -> {
            event.setFileName("invitations-" + scope.slug() + ".csv");
            event.setContentType("text/csv");
            bulk.writeResult(rows, worded, event.getOutputStream());
        };
        link.setHref(csv, AttachmentType.DOWNLOAD);
        link.setText(link.getTranslation("bulk.dialog.download"));
    }
}
