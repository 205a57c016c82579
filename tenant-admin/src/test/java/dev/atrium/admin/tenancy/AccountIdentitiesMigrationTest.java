package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

/**
 * Platform changelog 010 on a schema that has accounts from before it: every account keeps its issuer and subject as
 * its one identity (with its times), and the account table loses the columns and their unique key.
 */
@SpringBootTest
class AccountIdentitiesMigrationTest {

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;

    @Test
    void everyExistingAccountKeepsItsIssuerAndSubjectAsItsIdentity() throws Exception {
        String schema = "identities_probe_" + Long.toHexString(System.nanoTime());
        new SchemaMigrator(dataSource, resourceLoader, "db/changelog/test/platform-before-account-identities.xml").migrate(schema);
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        OffsetDateTime created = OffsetDateTime.parse("2026-01-02T03:04:05Z");
        OffsetDateTime signedIn = OffsetDateTime.parse("2026-11-30T10:00:00Z");
        for (Object[] row : new Object[][] {{ann, "https://idp.one", "ann"}, {bob, "https://idp.two", "ann"}}) {
            platform.execute("INSERT INTO " + schema + ".account (id, issuer, subject, email, email_verified, display_name, created_at,"
                    + " last_signed_in_at) VALUES (?, ?, ?, 'x@example.test', true, 'X', CAST(? AS timestamptz), CAST(? AS timestamptz))", row[0], row[1], row[2],
                    created.toString(), signedIn.toString());
        }

        new SchemaMigrator(dataSource, resourceLoader, "db/changelog/platform/master.xml").migrate(schema);

        var identities = platform.fetch("SELECT account_id, issuer, subject, created_at, last_signed_in_at FROM " + schema
                + ".account_identity ORDER BY issuer");
        assertThat(identities).hasSize(2);
        assertIdentity(identities.get(0), ann, "https://idp.one", created, signedIn);
        assertIdentity(identities.get(1), bob, "https://idp.two", created, signedIn);
        assertThat(platform.fetch("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = 'account'",
                schema).getValues(0, String.class)).doesNotContain("issuer", "subject").contains("email", "display_name");
        platform.dropSchema(DSL.name(schema)).cascade().execute();
    }

    private static void assertIdentity(Record identity, UUID accountId, String issuer, OffsetDateTime created, OffsetDateTime signedIn) {
        assertThat(identity.get("account_id", UUID.class)).isEqualTo(accountId);
        assertThat(identity.get("issuer", String.class)).isEqualTo(issuer);
        assertThat(identity.get("subject", String.class)).isEqualTo("ann");
        assertThat(identity.get("created_at", OffsetDateTime.class)).isEqualTo(created);
        assertThat(identity.get("last_signed_in_at", OffsetDateTime.class)).isEqualTo(signedIn);
    }
}
