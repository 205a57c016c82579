package dev.atrium.admin.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditExportFormat;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.audit.AuditPage;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.audit.AuditVerification;
import dev.atrium.admin.paging.SortKey;
import dev.atrium.admin.tenancy.TenantScope;

/** The audit log: pages with the UI's filters, newest first; a streamed export (CSV or JSON Lines); verifying the chain. */
@RestController
@RequestMapping(path = "/api/v1/audit-events")
class AuditEventsApi {

    private static final int MAX_LIMIT = 200;
    /** The instants PostgreSQL's timestamps hold (4713 BC to 294276 AD): a date beyond them cannot be compared with the log's. */
    private static final Instant EARLIEST = Instant.parse("-4712-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+294276-01-01T00:00:00Z");

    private final AuditLogService audit;
    private final ApiCursor cursors;

    AuditEventsApi(AuditLogService audit, ApiCursor cursors) {
        this.audit = audit;
        this.cursors = cursors;
    }

    record AuditEventView(long seq, UUID id, OffsetDateTime occurredAt, String actorKind, @Nullable UUID actorId,
            @Nullable String actorEmail, @Nullable String actorName, String action, @Nullable AuditTarget target,
            @Nullable String before, @Nullable String after, @Nullable String ipAddress, @Nullable String requestId) {

        static AuditEventView of(AuditEvent event) {
            return new AuditEventView(event.seq(), event.id(), event.occurredAt(), event.actorKind().name().toLowerCase(Locale.ROOT),
                    event.actorId(), event.actorEmail(), event.actorName(), event.action(), event.target(), event.before(), event.after(),
                    event.ipAddress(), event.requestId());
        }
    }

    record VerificationView(boolean intact, long checked, @Nullable Long brokenAtSeq, @Nullable UUID brokenEventId,
            @Nullable String problem) {
    }

    @Operation(summary = "List audit events", description = "Events matching the audit log page's filters (actor, action or an action group such as member., target, from, to, text), newest first. Pass nextCursor back as cursor until it is null.", responses = {
            @ApiResponse(responseCode = "200", description = "A page of events"),
            @ApiResponse(responseCode = "422", description = "A bad limit, a from or to beyond the years 4713 BC to 294275, or a cursor that is malformed, altered or of another workspace (api.invalid-parameter), or a cursor of other filters (api.cursor-mismatch)") })
    @GetMapping(produces = "application/json")
    ApiPage<AuditEventView> list(@AuthenticationPrincipal TenantScope scope, @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action, @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable OffsetDateTime from, @RequestParam(required = false) @Nullable OffsetDateTime to,
            @RequestParam(required = false) @Nullable String text, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = ApiSort.limit(limit, MAX_LIMIT);
        AuditFilter filter = filter(actor, action, target, from, to, text);
        String view = "audit|" + filter;
        SortKey after = cursors.after(cursor, scope, view);
        AuditPage page = audit.page(scope, filter, after == null ? null : seq(after), null, size);
        List<AuditEventView> items = page.events().stream().map(AuditEventView::of).toList();
        return new ApiPage<>(items, page.hasOlder() && page.oldestSeq() != null
                ? cursors.of(scope, view, new SortKey(List.of(page.oldestSeq()))) : null);
    }

    private static AuditFilter filter(@Nullable String actor, @Nullable String action, @Nullable String target, @Nullable OffsetDateTime from,
            @Nullable OffsetDateTime to, @Nullable String text) {
        return new AuditFilter(actor, action, target, withinLog(from, "from"), withinLog(to, "to"), text);
    }

    private static @Nullable OffsetDateTime withinLog(@Nullable OffsetDateTime date, String parameter) {
        if (date != null && (date.toInstant().isBefore(EARLIEST) || !date.toInstant().isBefore(LATEST))) {
            throw ApiRequestException.invalid(parameter);
        }
        return date;
    }

    /** The log pages by sequence number, newest first: the cursor's key is the last event's. */
    private static long seq(SortKey key) {
        try {
            long seq = key.values().size() == 1 ? Long.parseLong(key.values().getFirst().toString()) : -1;
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException malformed) {
            // Falls through to the refusal.
        }
        throw ApiRequestException.invalid("cursor");
    }

    @Operation(summary = "Export audit events", description = "Every matching event, streamed as CSV (format=csv) or JSON Lines (format=jsonl, the default).", responses = {
            @ApiResponse(responseCode = "200", description = "The events, streamed"),
            @ApiResponse(responseCode = "422", description = "An unknown format, or a from or to beyond the years 4713 BC to 294275 (api.invalid-parameter)") })
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal TenantScope scope, @RequestParam(defaultValue = "jsonl") String format,
            @RequestParam(required = false) @Nullable String actor, @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target, @RequestParam(required = false) @Nullable OffsetDateTime from,
            @RequestParam(required = false) @Nullable OffsetDateTime to, @RequestParam(required = false) @Nullable String text) {
        AuditExportFormat chosen = switch (format) {
            case "csv" -> AuditExportFormat.CSV;
            case "jsonl" -> AuditExportFormat.JSON_LINES;
            default -> throw ApiRequestException.invalid("format");
        };
        AuditFilter filter = filter(actor, action, target, from, to, text);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.contentType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-log." + chosen.extension() + "\"")
                .body(out -> audit.export(scope, filter, chosen, out));
    }

    @Operation(summary = "Verify the audit log", description = "Checks the log's keyed hash chain and its last signed checkpoint; says where it is broken, if it is.", responses = {
            @ApiResponse(responseCode = "200", description = "The outcome: intact, or where the chain breaks") })
    @PostMapping(path = "/verify", produces = "application/json")
    VerificationView verify(@AuthenticationPrincipal TenantScope scope) {
        AuditVerification result = audit.verify(scope);
        return new VerificationView(result.intact(), result.checked(), result.brokenAtSeq(), result.brokenEventId(),
                result.problem() == null ? null : result.problem().kind().messageKey());
    }
}
