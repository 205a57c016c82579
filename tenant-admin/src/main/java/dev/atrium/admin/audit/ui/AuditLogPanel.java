package dev.atrium.admin.audit.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditCheckpoint;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditExportFormat;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.audit.AuditPage;
import dev.atrium.admin.audit.AuditVerification;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Formats;

/**
 * The workspace's audit log, one keyset page at a time (newest first), filtered; with the selected event's details,
 * export of what the filter matches, a check of the keyed chain against the last signed checkpoint, and the retention
 * setting.
 */
public class AuditLogPanel extends Composite<VerticalLayout> {

    public static final String GRID_ID = "audit-grid";
    public static final int PAGE_SIZE = 50;

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm");

    private final AuditLogService audit;
    private final TenantScope scope;
    private final TextField actor = textFilter("audit-filter-actor", "audit.log.actor", "audit.log.actor.placeholder");
    private final Select<String> action = new Select<>();
    private final TextField target = textFilter("audit-filter-target", "audit.log.target", "audit.log.target.placeholder");
    private final DatePicker from = new DatePicker(getTranslation("audit.log.from"));
    private final DatePicker to = new DatePicker(getTranslation("audit.log.to"));
    private final TextField text = textFilter("audit-filter-text", "audit.log.text", "audit.log.text.placeholder");
    private final Grid<AuditEvent> grid = new Grid<>();
    private final AuditEventDetails details = new AuditEventDetails();
    private final Button newer = new Button(getTranslation("audit.log.newer"), VaadinIcon.ANGLE_LEFT.create());
    private final Button older = new Button(getTranslation("audit.log.older"), VaadinIcon.ANGLE_RIGHT.create());
    private final Span verifyResult = new Span();
    /** Read by export downloads, which run in their own request. */
    private volatile AuditFilter filter = AuditFilter.NONE;
    private AuditPage page;

    public AuditLogPanel(AuditLogService audit, AccessControl access, TenantScope scope) {
        this.audit = audit;
        this.scope = scope;

        action.setId("audit-filter-action");
        action.setLabel(getTranslation("audit.log.action"));
        Aria.nameOptions(action, getTranslation("audit.log.action"));
        action.setItems(actionItems());
        action.setItemLabelGenerator(this::actionLabel);
        action.setValue("");
        from.setId("audit-filter-from");
        to.setId("audit-filter-to");
        to.setHelperText(getTranslation("audit.log.to.helper"));
        List.<HasValue<?, ?>>of(actor, action, target, from, to, text).forEach(f -> f.addValueChangeListener(e -> showNewest()));

        grid.setId(GRID_ID);
        grid.addClassName("atrium-grid");
        grid.addColumn(e -> Formats.dateTime(e.occurredAt())).setHeader(getTranslation("audit.log.time")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(this::actorLabel).setHeader(getTranslation("audit.log.actor"));
        grid.addColumn(AuditEvent::action).setHeader(getTranslation("audit.log.action")).setAutoWidth(true);
        grid.addColumn(e -> e.target() == null ? "" : e.target().label()).setHeader(getTranslation("audit.log.target"));
        grid.addColumn(AuditEvent::ipAddress).setHeader(getTranslation("audit.log.ip")).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText(getTranslation("audit.log.empty"));
        grid.asSingleSelect().addValueChangeListener(e -> details.show(e.getValue()));

        newer.setId("audit-newer");
        newer.addClickListener(e -> show(audit.page(scope, filter, null, page.newestSeq(), PAGE_SIZE)));
        older.setId("audit-older");
        older.setIconAfterText(true);
        older.addClickListener(e -> show(audit.page(scope, filter, page.oldestSeq(), null, PAGE_SIZE)));

        Button verify = new Button(getTranslation("audit.log.verify"), VaadinIcon.CHECK_CIRCLE_O.create(), e -> verify());
        verify.setId("audit-verify");
        verifyResult.setId("audit-verify-result");
        HorizontalLayout actions = new HorizontalLayout(verify, verifyResult);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.setWrap(true);
        if (access.has(scope, Permissions.AUDIT_EXPORT)) {
            actions.add(exportLink(AuditExportFormat.CSV, "audit-export-csv", getTranslation("audit.log.export-csv")),
                    exportLink(AuditExportFormat.JSON_LINES, "audit-export-jsonl", getTranslation("audit.log.export-json-lines")));
        }

        HorizontalLayout filters = new HorizontalLayout(actor, action, target, from, to, text);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        Div body = new Div(grid, details);
        body.addClassName("atrium-audit-body");
        HorizontalLayout paging = new HorizontalLayout(newer, older);
        getContent().setPadding(false);
        getContent().add(actions, filters, body, paging,
                new AuditRetentionForm(audit, scope, access.has(scope, Permissions.AUDIT_SETTINGS), this::showNewest));
        showNewest();
    }

    /** Any filter change starts over from the newest matching events. */
    private void showNewest() {
        filter = new AuditFilter(actor.getValue(), action.getValue(), target.getValue(), startOf(from.getValue()),
                startOf(to.getValue() == null ? null : to.getValue().plusDays(1)), text.getValue());
        show(audit.page(scope, filter, null, null, PAGE_SIZE));
    }

    private void show(AuditPage shown) {
        page = shown;
        grid.setItems(shown.events());
        details.show(null);
        newer.setEnabled(shown.hasNewer());
        older.setEnabled(shown.hasOlder());
    }

    private void verify() {
        AuditVerification result = audit.verify(scope);
        verifyResult.setText(result.intact()
                ? getTranslation("audit.log.verify.intact", result.checked()) + " " + checkpointStatus(result)
                : (result.brokenAtSeq() == null ? getTranslation("audit.log.verify.broken")
                        : getTranslation("audit.log.verify.broken-at", result.brokenAtSeq())) + " " + problemText(result.problem()));
        verifyResult.setClassName("atrium-verify-broken", !result.intact());
        verifyResult.setClassName("atrium-verify-intact", result.intact());
    }

    /** The problem in the UI's language; its times in the person's time zone. */
    private String problemText(AuditVerification.Problem problem) {
        Object[] args = problem.args().stream()
                .map(arg -> arg instanceof Instant time ? Formats.dateTime(time.atOffset(ZoneOffset.UTC)) : arg)
                .toArray();
        return getTranslation(problem.kind().messageKey(), args);
    }

    /** Whether the chain matched the last signed checkpoint kept outside the database, and the one published now. */
    private String checkpointStatus(AuditVerification result) {
        AuditCheckpoint compared = result.comparedWith();
        String status = compared == null ? getTranslation("audit.log.checkpoint.none")
                : getTranslation("audit.log.checkpoint.consistent", compared.seq(),
                        Formats.dateTime(compared.signedAt().atOffset(ZoneOffset.UTC)));
        AuditCheckpoint published = result.published();
        return published == null ? status : status + " " + getTranslation("audit.log.checkpoint.published", published.seq());
    }

    /** Streams the export straight into the response, so no export is ever held in memory whole. */
    private Anchor exportLink(AuditExportFormat format, String id, String label) {
        DownloadHandler download = event -> {
            event.setFileName("audit-" + scope.slug() + "-" + LocalDateTime.now(Formats.zone()).format(FILE_TIME)
                    + "." + format.extension());
            event.setContentType(format.contentType());
            audit.export(scope, filter, format, event.getOutputStream());
        };
        Anchor link = new Anchor(download, AttachmentType.DOWNLOAD, label);
        link.setId(id);
        link.addClassName("atrium-export-link");
        return link;
    }

    private TextField textFilter(String id, String labelKey, String placeholderKey) {
        TextField field = new TextField(getTranslation(labelKey));
        field.setId(id);
        field.setPlaceholder(getTranslation(placeholderKey));
        field.setClearButtonVisible(true);
        field.setValueChangeMode(ValueChangeMode.LAZY);
        return field;
    }

    /** "" for all, then each group (its prefix) followed by its actions. */
    private static List<String> actionItems() {
        List<String> items = new ArrayList<>(List.of(""));
        AuditActions.groups().forEach((group, actions) -> {
            items.add(group);
            items.addAll(actions);
        });
        return items;
    }

    private String actionLabel(String item) {
        return item.isEmpty() ? getTranslation("audit.log.all-actions")
                : item.endsWith(".") ? getTranslation("audit.log.all-group-actions", item + "*") : item;
    }

    private String actorLabel(AuditEvent event) {
        return switch (event.actorKind()) {
            case SYSTEM -> getTranslation("audit.actor.system");
            case API_KEY -> getTranslation("audit.actor.api-key", event.actorName());
            case MEMBER -> event.actorName() + " (" + event.actorEmail() + ")";
        };
    }

    /** Dates are days in the person's time zone, as Formats shows times. */
    private static OffsetDateTime startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(Formats.zone()).toOffsetDateTime();
    }
}
