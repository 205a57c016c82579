package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * An event's link (format 2) covers its before/after values as the text PostgreSQL's jsonb gives back, and the event
 * is recorded with the text {@link AuditHashing#toJson} writes: the two must be the same for every value, or events
 * recorded with it would read as tampered with.
 */
@SpringBootTest
class AuditJsonbTextTest {

    @Autowired DSLContext platform;
    @Autowired AuditLog auditLog;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;

    private static final List<Map<String, ?>> VALUES = values();

    private static List<Map<String, ?>> values() {
        List<Map<String, ?>> values = new ArrayList<>(List.of(Map.of("role", "Admin"),
                Map.of("zeta", 1, "alpha", List.of(3, 1, 2), "mid", "x", "ab", true, "b", false),
                // keys sorted by their length in bytes, then bytewise: "é" is two bytes, "zz" and "ä" too
                Map.of("é", 1, "zz", 2, "a", 3, "ä", 4, "Zz", 5, "日本", 6, "abcdef", 7),
                Map.of("nested", Map.of("b", true, "a", Map.of("y", 2.5, "x", -7)), "email", "a@b.c"),
                Map.of("permissions", List.of("members.view", "roles.view"), "count", 12345678901L, "min", Long.MIN_VALUE),
                Map.of("empty", Map.of(), "none", List.of(), "lists", List.of(List.of(), List.of(Map.of("k", List.of(1))))),
                Map.of("text", "ünïcödé \"and\" quotes \\ back\\slash / slash", "controls", "\b\f\n\r\t\u0001\u001f\u007f"),
                Map.of("lone", "high \uD800 and low \uDC00", "pair", "emoji 🚀", "separators", "\u2028\u2029\u0085\ufeff"),
                Map.of("doubles", List.of(0.5, 0.1, 1.0, 1e10, 1.5e-7, -2.25, 1e300, 123456.789),
                        "floats", List.of(0.1f, 3.0f), "decimals", List.of(new BigDecimal("1.50"), new BigDecimal("1E+3"),
                                new BigDecimal("-0.000"), new BigDecimal("123456789012345678901234567890.0001")),
                        "big", new BigInteger("-123456789012345678901234567890"))));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("nothing", null);
        withNull.put("list", java.util.Arrays.asList(null, "x"));
        values.add(withNull);
        return values;
    }

    @Test
    void valuesAreWrittenAsPostgresqlsJsonbGivesThemBack() {
        for (Map<String, ?> value : VALUES) {
            String written = AuditHashing.toJson(value);
            String stored = platform.select(DSL.cast(DSL.val(written), SQLDataType.JSONB).cast(SQLDataType.CLOB)).fetchSingle().value1();
            // compared as the link covers them, in UTF-8: a lone surrogate is stored as the '?' getBytes makes of it
            assertThat(written.getBytes(StandardCharsets.UTF_8)).as("%s as %s", stored, written.replace('\uD800', '?').replace('\uDC00', '?'))
                    .isEqualTo(stored.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eventsRecordedWithEveryShapeOfValueAndTextVerify() {
        TenantScope owner = teams.newWorkspace("Jason Bourne 🚀");
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int k = 0; k < VALUES.size(); k++) {
                auditLog.record(owner, "test.value", new AuditTarget("test", "t\u0001\uDC00", "label \"" + k + "\""),
                        VALUES.get(k), VALUES.get(VALUES.size() - 1 - k));
            }
        });

        assertThat(tenantDsl.of(owner).fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("test.value"))).isEqualTo(VALUES.size());
        AuditVerification verification = audit.verify(owner);
        assertThat(verification.intact()).as("%s", verification.problem()).isTrue();
    }
}
