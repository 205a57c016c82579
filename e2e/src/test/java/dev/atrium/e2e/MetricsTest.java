package dev.atrium.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * {@code /actuator/prometheus}: refused to anyone but signed-in operators and the scraper's token; Atrium's meters are
 * there, and they move when invitations are sent and accepted.
 */
@AtriumE2ETest
@ExtendWith(StandInRequest.class)
class MetricsTest extends BrowserTest {

    /** Listed in atrium.operators (application-e2e.properties). */
    private static final String OPERATOR = "heidi.operator@example.test";
    /** Its SHA-256 is atrium.metrics.scrape-token-sha256 (application-e2e.properties). */
    private static final String SCRAPE_TOKEN = "e2e-scrape-token";

    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;

    @Test
    void onlyOperatorsAndTheScraperReadTheMetrics() throws Exception {
        assertThat(scrape(null).statusCode()).isEqualTo(401);
        assertThat(scrape("not-the-token").statusCode()).isEqualTo(401);
        assertThat(scrape(SCRAPE_TOKEN).statusCode()).isEqualTo(200);

        signIn(page, uniqueEmail("someone"), "Someone");
        assertThat(page.request().get("/actuator/prometheus").status()).as("a signed-in non-operator").isEqualTo(403);

        Page operatorPage = newPage();
        signIn(operatorPage, OPERATOR, "Heidi Operator");
        APIResponse operator = operatorPage.request().get("/actuator/prometheus");
        assertThat(operator.status()).isEqualTo(200);
        assertThat(operator.text()).contains("atrium_ui_sessions_active");
    }

    @Test
    void atriumsMetersAreThereAndMove() throws Exception {
        String before = scrape(SCRAPE_TOKEN).body();
        for (String meter : new String[] { "atrium_invitations_sent_total", "atrium_invitations_accepted_total",
                "atrium_invitations_failed_total", "atrium_outbox_backlog{outbox=\"mail\"}", "atrium_outbox_backlog{outbox=\"webhooks\"}",
                "atrium_webhook_delivery_failures_total", "atrium_permission_cache_hit_ratio", "cache_gets_total{cache=\"atrium.permissions\"",
                "atrium_workspace_migrations_seconds_count", "atrium_workspace_migration_failures_total", "atrium_audit_append_seconds_count",
                "atrium_ui_sessions_active" }) {
            assertThat(before).as(meter).contains(meter);
        }

        TenantScope owner = newWorkspace();
        Account invitee = account("Ines");
        String link = invitations.invite(owner, invitee.email(), roles.roles(owner).stream().filter(r -> r.key().equals("member"))
                .findFirst().orElseThrow().id(), Locale.ENGLISH).invited().getFirst().link();
        invitations.accept(link.substring(link.lastIndexOf('/') + 1), invitee.id());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape(SCRAPE_TOKEN).body();
            assertThat(value(after, "atrium_invitations_sent_total")).isGreaterThanOrEqualTo(value(before, "atrium_invitations_sent_total") + 1);
            assertThat(value(after, "atrium_invitations_accepted_total"))
                    .isGreaterThanOrEqualTo(value(before, "atrium_invitations_accepted_total") + 1);
            assertThat(value(after, "atrium_audit_append_seconds_count"))
                    .isGreaterThanOrEqualTo(value(before, "atrium_audit_append_seconds_count") + 3);
        });
    }

    private HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A meter's value in Prometheus' text format (its first series). */
    private static double value(String scraped, String meter) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(meter) + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scraped);
        assertThat(line.find()).as(meter).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private TenantScope newWorkspace() {
        Account owner = account("Olga");
        String slug = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        workspaces.create(owner.id(), "Metrics team", slug);
        return binder.bind(owner.id(), slug);
    }

    private Account account(String name) {
        return accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(),
                uniqueEmail(name.toLowerCase(Locale.ROOT)), true, name));
    }
}
