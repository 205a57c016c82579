package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.atrium.e2e.pages.ApiKeysPage;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** An Owner creates an API key, copies its secret once, a program calls the API with it, and the call is in the audit log. */
@AtriumE2ETest
class ApiKeysTest extends BrowserTest {

    @Test
    void aCopiedKeyCallsTheApiAndTheCallIsAuditedWithTheKeyAsActorUntilItIsRevoked() throws Exception {
        String workspace = unique("Keyring");
        signIn(page, uniqueEmail("kai"), "Kai Owner").openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace, new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        String slug = slugOf(page);

        ApiKeysPage keys = new ApiKeysPage(page).open(slug);
        keys.startCreating("Deploy bot", "Admin");
        assertThat(keys.neverExpires()).isVisible();
        keys.submit();
        String shown = keys.secret().inputValue();
        assertThat(shown).matches("atrium_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}");
        keys.copy();
        String secret = (String) page.evaluate("() => navigator.clipboard.readText()");
        assertThat(secret).isEqualTo(shown);
        keys.closeCreated();
        assertThat(keys.cell("Deploy bot")).isVisible();
        assertThat(keys.status()).hasText("Active");

        HttpResponse<String> created = call(secret, "{\"name\": \"Robots\", \"permissions\": [\"members.view\"]}");
        assertThat(created.statusCode()).isEqualTo(201);

        AuditLogPage audit = new AuditLogPage(page).open(slug);
        assertThat(audit.cellsWith("API key Deploy bot").first()).isVisible();
        assertThat(audit.cellsWith("role.created").first()).isVisible();

        keys.open(slug);
        keys.revokeOnly();
        assertThat(keys.status()).hasText("Revoked");
        assertThat(call(secret, "{\"name\": \"Too late\", \"permissions\": []}").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> call(String key, String role) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/roles"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(role)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
