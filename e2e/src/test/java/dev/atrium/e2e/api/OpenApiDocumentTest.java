package dev.atrium.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.atrium.e2e.AtriumE2ETest;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI 3.1 document is generated from the code and must equal the committed {@code docs/openapi.json}: a
 * change of the API shows up as a change of that file in review. After a deliberate change, write the new document with
 * {@code -Datrium.openapi.write=true} and commit it.
 */
@AtriumE2ETest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @LocalServerPort int port;

    @Test
    void theGeneratedDocumentIsTheCommittedOne() throws Exception {
        ApiClient.Response document = new ApiClient(port, null).get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        Map<String, Object> json = document.json();
        assertThat((String) json.get("openapi")).startsWith("3.1");
        assertThat(json.get("paths").toString()).contains("/api/v1/members").doesNotContain("/saml/");
        String generated = CANONICAL.writeValueAsString(CANONICAL.readValue(document.body(), Object.class)) + "\n";

        if (Boolean.getBoolean("atrium.openapi.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/openapi.json is not the API the code serves; if the change is deliberate, rerun with -Datrium.openapi.write=true")
                .isEqualTo(generated);
    }

    /**
     * The page reads as a reference: every operation says what it does and what it answers, refusals as problems, those
     * given before a controller runs included (406 for an Accept it cannot answer, 415 for a body of another type).
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationHasASummaryADescriptionAndItsAnswers() {
        Map<String, Object> paths = (Map<String, Object>) new ApiClient(port, null).get("/v3/api-docs").json().get("paths");
        assertThat(paths).isNotEmpty();
        paths.forEach((path, operations) -> ((Map<String, Map<String, Object>>) operations).forEach((method, operation) -> {
            String name = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
            assertThat((String) operation.get("summary")).as(name).isNotBlank();
            assertThat((String) operation.get("description")).as(name).isNotBlank();
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            assertThat(responses).as(name).containsKeys("401", "403", "406", "429").anySatisfy((status, response) -> assertThat(status).startsWith("2"));
            if (operation.containsKey("requestBody")) {
                assertThat(responses).as(name).containsKey("415");
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("4")) {
                    assertThat((Map<String, Object>) response.get("content")).as(name + " " + status).containsOnlyKeys("application/problem+json");
                }
            });
        }));
    }

    @Test
    @SuppressWarnings("unchecked")
    void creatingAWorkspaceDocumentsAnOwnerEmailThatIsNoAddress() {
        Map<String, Object> paths = (Map<String, Object>) new ApiClient(port, null).get("/v3/api-docs").json().get("paths");
        Map<String, Object> create = ((Map<String, Map<String, Object>>) paths.get("/api/v1/workspaces")).get("post");
        Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) create.get("responses");

        assertThat((String) responses.get("422").get("description")).contains("workspace.owner.invalid");
    }

    @Test
    void theReadablePageIsAtApi() {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient.Response page = anonymous.get("/api");
        assertThat(page.status()).isEqualTo(302);
        String location = page.header("Location");
        assertThat(location).contains("swagger-ui");
        ApiClient.Response ui = anonymous.get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
