package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.APIResponse;

import dev.atrium.admin.tenancy.TenantMigrations;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.WorkspaceHomePage;

@AtriumE2ETest
class RefusedWorkspaceTest extends BrowserTest {

    @Autowired TenantMigrations migrations;
    @Autowired DSLContext platform;

    /** Listed in atrium.operators (application-e2e.properties): may read health details. */
    private static final String OPERATOR = "heidi.operator@example.test";

    @Test
    void aWorkspaceWhoseSchemaFailsToMigrateIsRefusedAndReportedToOperatorsUntilItMigratesAgain() throws Exception {
        AppShell shell = signIn(page, OPERATOR, "Heidi Operator");
        String name = unique("Heidi Fragile");
        shell.openCreateFromWelcome().enterName(name).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(name);
        var workspace = platform.select(WORKSPACE.ID, WORKSPACE.SCHEMA_NAME).from(WORKSPACE)
                .where(WORKSPACE.NAME.eq(name)).fetchSingle();
        UUID workspaceId = workspace.value1();

        // Forget that the built-in roles were inserted: the next migration inserts them again and fails. And forget
        // the workspace's changelog version, so that start-up counts it as behind and migrates it.
        Table<Record> history = DSL.table(DSL.name(workspace.value2(), "databasechangelog"));
        var changeset = DSL.field(DSL.name("id"), String.class);
        Record applied = platform.selectFrom(history).where(changeset.eq("insert-built-in-roles")).fetchSingle();
        platform.deleteFrom(history).where(changeset.eq("insert-built-in-roles")).execute();
        platform.update(WORKSPACE).setNull(WORKSPACE.CHANGELOG_VERSION).where(WORKSPACE.ID.eq(workspaceId)).execute();
        try {
            assertThat(migrations.migrateAll()).isOne();

            page.reload();
            assertThat(page.locator("#workspace-unavailable-title")).hasText("Workspace unavailable");
            assertThat(home.title()).hasCount(0);
            assertThat(tenantsHealth()).contains("\"status\":\"DEGRADED\"").contains(workspaceId.toString());
            assertThat(anonymousHealth("/actuator/health").body()).contains("\"status\":\"UP\"").doesNotContain("DEGRADED")
                    .doesNotContain(workspaceId.toString());
            assertThat(anonymousHealth("/actuator/health/workspaces").statusCode()).isNotEqualTo(200);
        } finally {
            applied.changed(true);
            platform.insertInto(history).set(applied).execute();
        }

        assertThat(migrations.migrateAll()).isZero();
        page.reload();
        assertThat(home.title()).hasText(name);
        assertThat(tenantsHealth()).contains("\"status\":\"UP\"").doesNotContain(workspaceId.toString());
    }

    /** As the signed-in operator: with the browser's session. */
    private String tenantsHealth() {
        APIResponse response = page.request().get("/actuator/health/workspaces");
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    private HttpResponse<String> anonymousHealth(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
