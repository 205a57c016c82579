package dev.atrium.admin.webhook;

import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/** Endpoints: only with webhooks.manage, valid or not stored at all, the secret shown once and stored sealed, every change audited. */
@SpringBootTest
class WebhookServiceTest {

    @Autowired WebhookService webhooks;
    @Autowired TestWorkspaces teams;
    @Autowired AuditLogService audit;
    @Autowired TenantDsl tenantDsl;

    @Test
    void anAdminCreatesAnEndpointWhoseSecretIsShownOnceAndStoredSealed() {
        TenantScope owner = teams.newWorkspace("Sina");
        TenantScope admin = teams.join(owner, "Ada", "admin");

        CreatedWebhook created = webhooks.create(admin, new WebhookDraft(" https://hooks.example.com/atrium ",
                List.of(WebhookEventTypes.AUDIT_EVENT, WebhookEventTypes.MEMBER_JOINED)));

        assertThat(created.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(created.secret().substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.endpoint().url()).isEqualTo("https://hooks.example.com/atrium");
        assertThat(created.endpoint().eventTypes()).as("in the catalog's order")
                .containsExactly(WebhookEventTypes.MEMBER_JOINED, WebhookEventTypes.AUDIT_EVENT);
        assertThat(created.endpoint().enabled()).isTrue();
        byte[] stored = tenantDsl.of(owner).select(WEBHOOK_ENDPOINT.SECRET_SEALED).from(WEBHOOK_ENDPOINT).fetchSingle().value1();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(created.secret().substring(6, 20));
        List<AuditEvent> events = audit.page(owner, new AuditFilter(null, AuditActions.WEBHOOK_CREATED, null, null, null, null),
                null, null, 10).events();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.after()).contains("hooks.example.com").doesNotContain("whsec_");
            assertThat(event.actorId()).isEqualTo(admin.accountId());
        });
    }

    @Test
    void aMemberWithoutThePermissionIsRefused() {
        TenantScope owner = teams.newWorkspace("Paula");
        TenantScope member = teams.join(owner, "Max", "member");

        assertThatThrownBy(() -> webhooks.create(member, new WebhookDraft("https://hooks.example.com", List.of(WebhookEventTypes.AUDIT_EVENT))))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> webhooks.list(member)).isInstanceOf(PermissionDeniedException.class);
        assertThat(webhooks.list(owner)).isEmpty();
    }

    @Test
    void badInputIsRefusedWithItsReasonAndStoresNothing() {
        TenantScope owner = teams.newWorkspace("Vera");

        assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft("ftp://hooks.example.com", List.of(WebhookEventTypes.AUDIT_EVENT))))
                .satisfies(Refusals.code("webhook.url-https"));
        assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft("https://user:pw@hooks.example.com", List.of(WebhookEventTypes.AUDIT_EVENT))))
                .satisfies(Refusals.code("webhook.url-invalid"));
        assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft("https://hooks.example.com:70000/", List.of(WebhookEventTypes.AUDIT_EVENT))))
                .satisfies(Refusals.code("webhook.url-invalid"));
        assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft("https://hooks.example.com:0/", List.of(WebhookEventTypes.AUDIT_EVENT))))
                .satisfies(Refusals.code("webhook.url-invalid"));
        assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft("https://hooks.example.com", List.of())))
                .satisfies(Refusals.code("webhook.no-events"));
        assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft("https://hooks.example.com", List.of("member.teleported"))))
                .satisfies(Refusals.reason("webhook.unknown-event", "member.teleported"));
        assertThat(webhooks.list(owner)).isEmpty();
        assertThat(audit.page(owner, new AuditFilter(null, AuditActions.WEBHOOK_CREATED, null, null, null, null), null, null, 10).events())
                .isEmpty();
    }

    @Test
    void aUrlWithBidiOrInvisibleCharactersIsRefusedAsInvalid() {
        TenantScope owner = teams.newWorkspace("Bea");
        WebhookEndpoint endpoint = webhooks.create(owner, new WebhookDraft("https://hooks.example.com/a",
                List.of(WebhookEventTypes.ROLE_CREATED))).endpoint();

        // Each would make the address shown in the list and the audit log read differently from where messages go.
        for (String url : List.of("https://hooks.example.com/\u202Egpj.exe", "https://hooks.example.com/a\u2066b\u2069",
                "https://hooks.example.com/a\u200Bb", "https://hooks.example.com/a?x=\u202D1", "https://hooks.example.com/\uE000")) {
            assertThatThrownBy(() -> webhooks.create(owner, new WebhookDraft(url, List.of(WebhookEventTypes.ROLE_CREATED))))
                    .as(url).satisfies(Refusals.reason("webhook.url-invalid", WebhookService.MAX_URL_LENGTH));
            assertThatThrownBy(() -> webhooks.update(owner, endpoint.id(), new WebhookDraft(url, List.of(WebhookEventTypes.ROLE_CREATED))))
                    .as(url).satisfies(Refusals.code("webhook.url-invalid"));
        }
        assertThat(webhooks.list(owner)).singleElement().satisfies(kept -> assertThat(kept.url()).isEqualTo("https://hooks.example.com/a"));
    }

    @Test
    void editingDisablingRotatingAndDeletingAreEachAudited() {
        TenantScope owner = teams.newWorkspace("Edda");
        WebhookEndpoint endpoint = webhooks.create(owner, new WebhookDraft("https://hooks.example.com/a",
                List.of(WebhookEventTypes.ROLE_CREATED))).endpoint();

        WebhookEndpoint changed = webhooks.update(owner, endpoint.id(), new WebhookDraft("https://hooks.example.com/b",
                List.of(WebhookEventTypes.ROLE_DELETED)));
        webhooks.setEnabled(owner, endpoint.id(), false);
        String secret = webhooks.rotateSecret(owner, endpoint.id());
        webhooks.delete(owner, endpoint.id());

        assertThat(changed.url()).endsWith("/b");
        assertThat(changed.eventTypes()).containsExactly(WebhookEventTypes.ROLE_DELETED);
        assertThat(secret).startsWith("whsec_");
        assertThat(webhooks.list(owner)).isEmpty();
        assertThat(audit.page(owner, new AuditFilter(null, "webhook.", null, null, null, null), null, null, 10).events())
                .extracting(AuditEvent::action).containsExactly(AuditActions.WEBHOOK_DELETED, AuditActions.WEBHOOK_SECRET_ROTATED,
                        AuditActions.WEBHOOK_DISABLED, AuditActions.WEBHOOK_UPDATED, AuditActions.WEBHOOK_CREATED);
        assertThatThrownBy(() -> webhooks.rotateSecret(owner, endpoint.id())).satisfies(Refusals.code("webhook.missing"));
    }

    @Test
    void anotherWorkspacesEndpointCannotBeReachedById() {
        TenantScope owner = teams.newWorkspace("Ilse");
        TenantScope stranger = teams.newWorkspace("Igor");
        WebhookEndpoint endpoint = webhooks.create(owner, new WebhookDraft("https://hooks.example.com",
                List.of(WebhookEventTypes.AUDIT_EVENT))).endpoint();

        assertThatThrownBy(() -> webhooks.rotateSecret(stranger, endpoint.id())).satisfies(Refusals.code("webhook.missing"));
        assertThatThrownBy(() -> webhooks.deliveries(stranger, endpoint.id())).satisfies(Refusals.code("webhook.missing"));
        assertThatThrownBy(() -> webhooks.delete(stranger, endpoint.id())).satisfies(Refusals.code("webhook.missing"));
        assertThat(webhooks.list(owner)).singleElement().satisfies(kept -> assertThat(kept.enabled()).isTrue());
    }
}
