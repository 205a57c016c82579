package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Test connection at the service: who may start and finish one, that enabling needs a success since the settings last
 * changed, that a success counts only for the settings it tested, and what the audit log keeps (claim names, never
 * values). The browser's round trip through the identity provider is in the e2e {@code SsoSignInTest}.
 */
@SpringBootTest
class SsoConnectionTestsTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoService sso;
    @Autowired SsoConnectionTests tests;
    @Autowired TestWorkspaces teams;
    @Autowired AuditLogService audit;
    @Autowired MemberService members;

    @Test
    void enablingNeedsASuccessfulTestSinceTheSettingsLastChanged() {
        TenantScope owner = teams.newWorkspace("Tia");
        sso.save(owner, draft(owner, "atrium-client", "s3cret"));
        assertThatThrownBy(() -> sso.enable(owner)).satisfies(Refusals.code("sso.not-tested"));

        tests.failed(tests.start(owner), owner.accountId(), "access_denied: the person cancelled");
        assertThatThrownBy(() -> sso.enable(owner)).as("a failed test does not count").satisfies(Refusals.code("sso.not-tested"));

        assertThat(tests.succeeded(tests.start(owner), owner.accountId(), Map.of("sub", "tia")).succeeded()).isTrue();
        assertThat(sso.enable(owner).enabled()).isTrue();
        assertThat(sso.disable(owner).enabled()).isFalse();
        assertThat(sso.enable(owner).enabled()).as("disabling changed no setting").isTrue();

        sso.save(owner, draft(owner, "another-client", ""));
        sso.disable(owner);
        assertThatThrownBy(() -> sso.enable(owner)).as("changed settings are untested").satisfies(Refusals.code("sso.not-tested"));
    }

    @Test
    void aSuccessCountsOnlyForTheSettingsItTested() {
        TenantScope owner = teams.newWorkspace("Uma");
        sso.save(owner, draft(owner, "atrium-client", "s3cret"));
        SsoTestTicket ticket = tests.start(owner);
        sso.save(owner, draft(owner, "changed-client", ""));

        SsoTestResult result = tests.succeeded(ticket, owner.accountId(), Map.of("sub", "uma"));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.failure()).isEqualTo("sso.changed-meanwhile");
        assertThatThrownBy(() -> sso.enable(owner)).satisfies(Refusals.code("sso.not-tested"));
    }

    @Test
    void onlyAManageSsoHolderTestsAndATestFinishesOnlyForWhoStartedItWhileTheyMay() {
        TenantScope owner = teams.newWorkspace("Vic");
        TenantScope admin = teams.join(owner, "Ada", "admin");
        TenantScope member = teams.join(owner, "Max", "member");
        TenantScope elsewhere = teams.newWorkspace("Wes");
        assertThatThrownBy(() -> tests.start(owner)).satisfies(Refusals.code("sso.not-configured"));
        sso.save(owner, draft(owner, "atrium-client", "s3cret"));

        assertThatThrownBy(() -> tests.start(member)).isInstanceOf(PermissionDeniedException.class);
        SsoTestTicket ticket = tests.start(admin);
        assertThatThrownBy(() -> tests.succeeded(ticket, owner.accountId(), Map.of("sub", "x")))
                .as("another admin's session").satisfies(Refusals.code("sso.test-not-pending"));
        SsoTestTicket forged = new SsoTestTicket(elsewhere.workspaceId(), owner.slug(), admin.accountId(), ticket.connectionVersion());
        assertThatThrownBy(() -> tests.succeeded(forged, admin.accountId(), Map.of("sub", "x")))
                .as("a ticket naming another workspace").satisfies(Refusals.code("sso.test-not-pending"));

        members.changeRole(owner, admin.accountId(), teams.roleId(owner, "member"));
        assertThatThrownBy(() -> tests.succeeded(ticket, admin.accountId(), Map.of("sub", "x")))
                .as("no longer allowed").isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> sso.enable(owner)).satisfies(Refusals.code("sso.not-tested"));

        String secretValue = "value-" + UUID.randomUUID();
        SsoTestResult result = tests.succeeded(tests.start(owner), owner.accountId(),
                Map.of("sub", "vic", "email", "vic@example.test", "department", secretValue));
        assertThat(result.claims()).containsEntry("department", secretValue).containsEntry("email", "vic@example.test");
        AuditEvent tested = audit.page(owner, new AuditFilter(null, AuditActions.SSO_CONNECTION_TESTED, null, null, null, null),
                null, null, 1).events().getFirst();
        assertThat(tested.actorId()).isEqualTo(owner.accountId());
        assertThat(tested.after()).contains("succeeded", "department", "email", "sub").doesNotContain(secretValue, "vic@example.test");
    }

    private SsoConnectionDraft draft(TenantScope owner, String clientId, String secret) {
        return new SsoConnectionDraft(SsoPreset.CUSTOM, IDP.issuerUrl("tests-" + owner.slug()).toString(), clientId, secret,
                "openid email", teams.roleId(owner, "member"));
    }
}
