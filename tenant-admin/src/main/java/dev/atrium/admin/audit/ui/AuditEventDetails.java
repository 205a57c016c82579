package dev.atrium.admin.audit.ui;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.DescriptionList;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;

import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.ui.Formats;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Everything recorded about one audit event, with its before and after values side by side. */
public class AuditEventDetails extends Composite<Div> {

    public static final String ID = "audit-details";
    public static final String DIFF_ID = "audit-diff";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    public AuditEventDetails() {
        getContent().setId(ID);
        getContent().addClassName("atrium-audit-details");
        show(null);
    }

    /** Null clears the panel. */
    public void show(AuditEvent event) {
        getContent().removeAll();
        if (event == null) {
            getContent().add(new Paragraph(getTranslation("audit.details.empty")));
            return;
        }
        DescriptionList fields = new DescriptionList();
        add(fields, getTranslation("audit.details.event"), "#" + event.seq() + " · " + event.id());
        add(fields, getTranslation("audit.details.time"), Formats.dateTime(event.occurredAt()));
        add(fields, getTranslation("audit.details.actor"), switch (event.actorKind()) {
            case SYSTEM -> getTranslation("audit.actor.system");
            case API_KEY -> getTranslation("audit.actor.api-key", event.actorName()) + " · " + event.actorId();
            case MEMBER -> event.actorName() + " <" + event.actorEmail() + "> · " + event.actorId();
        });
        add(fields, getTranslation("audit.details.action"), event.action());
        add(fields, getTranslation("audit.details.target"), event.target() == null ? null
                : event.target().label() + " (" + event.target().type() + " " + event.target().id() + ")");
        add(fields, getTranslation("audit.details.ip-address"), event.ipAddress());
        add(fields, getTranslation("audit.details.user-agent"), event.userAgent());
        add(fields, getTranslation("audit.details.request"), event.requestId());
        getContent().add(new H3(event.action()), fields);
        if (event.before() != null || event.after() != null) {
            getContent().add(diff(parse(event.before()), parse(event.after())));
        }
    }

    private static void add(DescriptionList list, String term, String value) {
        list.add(new DescriptionList.Term(term), new DescriptionList.Description(value == null ? "—" : value));
    }

    private NativeTable diff(Map<String, Object> before, Map<String, Object> after) {
        NativeTable table = new NativeTable();
        table.setId(DIFF_ID);
        table.addClassName("atrium-diff");
        NativeTableHeader head = new NativeTableHeader();
        head.addRow().add(new NativeTableHeaderCell(getTranslation("audit.details.key")),
                new NativeTableHeaderCell(getTranslation("audit.details.before")),
                new NativeTableHeaderCell(getTranslation("audit.details.after")));
        NativeTableBody body = new NativeTableBody();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            NativeTableRow row = body.addRow();
            row.add(new NativeTableHeaderCell(key), new NativeTableCell(render(before, key)), new NativeTableCell(render(after, key)));
            // A key present on one side only changed too, even if its value is null.
            if (before.containsKey(key) != after.containsKey(key) || !Objects.equals(before.get(key), after.get(key))) {
                row.addClassName("atrium-diff-changed");
            }
        }
        table.add(head, body);
        return table;
    }

    private static Map<String, Object> parse(String json) {
        return json == null ? Map.of() : JSON.readValue(json, OBJECT);
    }

    /** Text as it is, anything else as compact JSON; "—" for a key the side does not have. */
    private static String render(Map<String, Object> values, String key) {
        if (!values.containsKey(key)) {
            return "—";
        }
        Object value = values.get(key);
        return value instanceof String text ? text : JSON.writeValueAsString(value);
    }
}
