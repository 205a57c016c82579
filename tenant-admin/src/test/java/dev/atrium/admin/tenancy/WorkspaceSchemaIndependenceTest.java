package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;

/**
 * A workspace's schema leaves the platform schema's tables as they were: no foreign key of a workspace table names a
 * platform table, not even for a moment while it is made. PostgreSQL keeps such a key's checks as triggers on the
 * platform table, so with one per workspace creating a workspace slowed with every workspace made before it (each new
 * key makes every session load all of the table's triggers again), and an update of an account ran through all of
 * them. Making such a key also locks the platform table until the creation commits, so creations took turns and a
 * sign-in waited for them.
 */
@SpringBootTest
class WorkspaceSchemaIndependenceTest {

    private static final String PLATFORM_TRIGGERS = """
            select count(*) from pg_catalog.pg_trigger t
            join pg_catalog.pg_class c on c.oid = t.tgrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'platform'""";
    private static final String KEYS_TO_PLATFORM = """
            select count(*) from pg_catalog.pg_constraint k
            join pg_catalog.pg_namespace n on n.oid = k.connamespace
            join pg_catalog.pg_class referenced on referenced.oid = k.confrelid
            join pg_catalog.pg_namespace rn on rn.oid = referenced.relnamespace
            where k.contype = 'f' and n.nspname = ? and rn.nspname = 'platform'""";

    /**
     * The checksums that versions before the keys were taken out of tenant changesets 002–020 stored for the changed
     * changesets (and for 027, which then dropped keys that were always there).
     */
    private static final Map<String, String> EARLIER_CHECKSUMS = Map.of(
            "create-member", "9:ded26eb0ca5f72471dc60f0f8187126f",
            "create-invitation", "9:a7997114e97bcc986c260e5fa495b03c",
            "create-sso-group-role", "9:a643bf9e4e54f0fce45e11e850dfe155",
            "create-join-link", "9:1dd3c2a5251f6146bf885fab133ec7e6",
            "create-bulk-invite-job", "9:162217746d471bd532d4bcf3ab3fe291",
            "create-api-key", "9:cd60de384035e455f2393dfc6bb707f9",
            "drop-foreign-keys-to-platform-account", "9:c123cb3a0c4bb839afc9ef4e095e1ad7");
    /** The keys to platform.account those versions made: table, column, name. */
    private static final String[][] EARLIER_KEYS = {
            {"member", "account_id", "member_account_fk"},
            {"invitation", "invited_by", "invitation_invited_by_fk"},
            {"invitation", "accepted_by", "invitation_accepted_by_fk"},
            {"sso_group_role", "configured_by", "sso_group_role_configured_by_fk"},
            {"join_link", "created_by", "join_link_created_by_fk"},
            {"join_link", "revoked_by", "join_link_revoked_by_fk"},
            {"bulk_invite_job", "confirmed_by", "bulk_invite_job_confirmed_by_fk"},
            {"api_key", "created_by", "api_key_created_by_fk"},
            {"api_key", "revoked_by", "api_key_revoked_by_fk"}};

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TestWorkspaces workspaces;
    @Autowired TestAccounts accounts;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void creatingAWorkspaceAddsNoTriggerToThePlatformTables() {
        int before = platformTriggers();
        TenantScope created = workspaces.newWorkspace("Imre");
        assertThat(keysToPlatform(created.schemaName())).isZero();
        assertThat(platformTriggers()).isEqualTo(before);
    }

    @Test
    void aSchemaMigratedByLiquibaseKeepsNoForeignKeyToThePlatformTables() {
        int before = platformTriggers();
        String byLiquibase = "lb_keys_" + Long.toHexString(System.nanoTime());
        try {
            SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).update(byLiquibase);
            assertThat(keysToPlatform(byLiquibase)).isZero();
            assertThat(platformTriggers()).isEqualTo(before);
        } finally {
            platform.dropSchemaIfExists(DSL.name(byLiquibase)).cascade().execute();
        }
    }

    @Test
    void aSchemaAnEarlierVersionMadeWithTheKeysStillMigratesAndLosesThem() {
        String schema = workspaces.newWorkspace("Elke").schemaName();
        // The schema as versions before 027 left it: its keys, the checksums they stored, and 027 not yet applied.
        for (String[] key : EARLIER_KEYS) {
            platform.execute("ALTER TABLE {0} ADD CONSTRAINT {1} FOREIGN KEY ({2}) REFERENCES platform.account (id)",
                    DSL.name(schema, key[0]), DSL.name(key[2]), DSL.name(key[1]));
        }
        var history = DSL.table(DSL.name(schema, "databasechangelog"));
        var id = DSL.field(DSL.name("id"), String.class);
        EARLIER_CHECKSUMS.forEach((changeset, checksum) -> platform.update(history)
                .set(DSL.field(DSL.name("md5sum"), String.class), checksum).where(id.eq(changeset)).execute());
        platform.deleteFrom(history).where(id.eq("drop-foreign-keys-to-platform-account")).execute();
        assertThat(keysToPlatform(schema)).isEqualTo(EARLIER_KEYS.length);

        SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).update(schema);

        assertThat(keysToPlatform(schema)).isZero();
    }

    @Test
    void creatingAWorkspaceDoesNotWaitForASignInWritingToAnAccount() throws Exception {
        UUID signingIn = accounts.newAccount("Sigrid").id();
        ExecutorService creator = Executors.newSingleThreadExecutor();
        try (Connection signIn = dataSource.getConnection()) {
            signIn.setAutoCommit(false);
            try {
                // A sign-in's write, not yet committed: it holds the lock on platform.account that making a foreign key
                // to that table would wait for.
                DSL.using(signIn, SQLDialect.POSTGRES).update(ACCOUNT).set(ACCOUNT.LAST_SIGNED_IN_AT, OffsetDateTime.now())
                        .where(ACCOUNT.ID.eq(signingIn)).execute();
                Future<TenantScope> created = creator.submit(() -> workspaces.newWorkspace("Wim"));
                assertThat(created).succeedsWithin(Duration.ofSeconds(30));
            } finally {
                signIn.rollback();
            }
        } finally {
            creator.close();
        }
    }

    private int platformTriggers() {
        return platform.resultQuery(PLATFORM_TRIGGERS).fetchSingle(0, Integer.class);
    }

    private int keysToPlatform(String schema) {
        return platform.resultQuery(KEYS_TO_PLATFORM, schema).fetchSingle(0, Integer.class);
    }
}
