package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.atrium.e2e.pages.PlatformApiKeysPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** An operator creates a platform API key, copies its secret once, and a backend creates a workspace with it that its owner opens. */
@AtriumE2ETest
class PlatformApiKeysTest extends BrowserTest {

    /**
     * Listed in atrium.operators (application-e2e.properties); not RefusedWorkspaceTest's operator, who must find no
     * workspace of hers when she signs in.
     */
    private static final String OPERATOR = "ivo.operator@example.test";

    @Test
    void anOperatorCreatesAndCopiesAPlatformKeyThatCreatesAWorkspaceForItsOwner() throws Exception {
        signIn(page, OPERATOR, "Ivo Operator");
        PlatformApiKeysPage keys = new PlatformApiKeysPage(page).open();
        keys.create("CRM backend");
        String shown = keys.secret().inputValue();
        assertThat(shown).matches("atrium_platform_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}");
        keys.copy();
        String secret = (String) page.evaluate("() => navigator.clipboard.readText()");
        assertThat(secret).isEqualTo(shown);
        keys.closeCreated();
        assertThat(keys.cell("CRM backend").first()).isVisible();

        String name = unique("Backend made");
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/workspaces"))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"ownerEmail\": \"" + OPERATOR + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        page.navigate(created.body().replaceAll(".*\"path\":\"([^\"]+)\".*", "$1"));
        assertThat(new WorkspaceHomePage(page).title()).hasText(name, new LocatorAssertions.HasTextOptions().setTimeout(30_000));
    }
}
