package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

@SpringBootTest
class SchemaMigratorTest {

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;

    @Test
    void aSchemaCountsAsUpToDateOnlyWhenItsHistoryMatchesTheChangelogExactly() throws Exception {
        SchemaMigrator migrator = new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.TENANT_CHANGELOG);
        String schema = "migrator_probe_" + Long.toHexString(System.nanoTime());
        assertThat(migrator.isUpToDate(platform, schema)).isFalse();

        migrator.migrate(schema);
        assertThat(migrator.isUpToDate(platform, schema)).isTrue();

        var history = DSL.table(DSL.name(schema, "databasechangelog"));
        var checksum = DSL.field(DSL.name("md5sum"), String.class);
        platform.update(history).set(checksum, "9:edited-by-hand").where(DSL.field(DSL.name("id")).eq("create-member")).execute();
        assertThat(migrator.isUpToDate(platform, schema)).isFalse();

        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, "db/changelog/test/tenant-next-version.xml");
        platform.update(history).set(checksum, DSL.inline((String) null)).where(DSL.field(DSL.name("id")).eq("create-member")).execute();
        migrator.migrate(schema);
        assertThat(migrator.isUpToDate(platform, schema)).isTrue();
        assertThat(nextRelease.isUpToDate(platform, schema)).isFalse();
        platform.dropSchema(DSL.name(schema)).cascade().execute();
    }
}
