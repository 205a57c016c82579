package dev.atrium.admin.sso;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Workspaces set up for signing in through a connection, the way admins set them up: a domain verified through the
 * test DNS server and an enabled connection (tested first, as enabling requires) to an issuer of the tests'
 * mock-oauth2-server.
 */
@Component
class TestConnections {

    /** A workspace's Owner, its verified domain and its enabled connection. */
    record SsoWorkspace(TenantScope owner, String domain, SsoConnection connection) {

        String issuer() {
            return connection.issuer();
        }

        /** What the workspace's identity provider says about a person with this address. */
        SsoIdentity identity(String subject, String email, String name) {
            return identity(subject, email, name, null);
        }

        SsoIdentity identity(String subject, String email, String name, String hostedDomain) {
            return new SsoIdentity(issuer(), subject, email, true, name, hostedDomain, List.of(), List.of());
        }

        /** A new person's address in the workspace's verified domain. */
        String newAddress(String localPart) {
            return localPart + "-" + unique() + "@" + domain;
        }
    }

    private final TestWorkspaces teams;
    private final DomainService domains;
    private final SsoService sso;
    private final TestDns dns;
    private final AuditLogService audit;
    private final SsoConnectionTests tests;

    TestConnections(TestWorkspaces teams, DomainService domains, SsoService sso, TestDns dns, AuditLogService audit,
            SsoConnectionTests tests) {
        this.tests = tests;
        this.teams = teams;
        this.domains = domains;
        this.sso = sso;
        this.dns = dns;
        this.audit = audit;
    }

    /** A new workspace with a verified domain and an enabled connection whose default role has the key. */
    SsoWorkspace newWorkspace(TestIdentityProvider idp, String ownerName, SsoPreset preset, String defaultRoleKey) {
        TenantScope owner = teams.newWorkspace(ownerName);
        String domain = verifiedDomain(owner, ownerName.toLowerCase());
        return new SsoWorkspace(owner, domain, saveTestedEnabled(owner, preset, idp.issuerUrl("idp-" + unique()).toString(),
                teams.roleId(owner, defaultRoleKey)));
    }

    /** Makes the role the connection's default, as an admin does: saved, tested again and enabled. */
    SsoWorkspace withDefaultRole(SsoWorkspace workspace, UUID roleId) {
        return new SsoWorkspace(workspace.owner(), workspace.domain(),
                saveTestedEnabled(workspace.owner(), workspace.connection().preset(), workspace.issuer(), roleId));
    }

    private SsoConnection saveTestedEnabled(TenantScope owner, SsoPreset preset, String issuer, UUID defaultRoleId) {
        SsoConnection saved = sso.save(owner, new SsoConnectionDraft(preset, issuer, "atrium", "secret", "", defaultRoleId));
        tests.succeeded(tests.start(owner), owner.accountId(), Map.of("sub", "connection-test"));
        sso.enable(owner);
        return sso.connection(owner).orElse(saved);
    }

    /** A new domain the workspace verified. */
    String verifiedDomain(TenantScope owner, String label) {
        return verify(owner, label + "-" + unique() + ".example");
    }

    /** Adds the domain to the workspace and verifies it; returns it as stored. */
    String verify(TenantScope owner, String domain) {
        WorkspaceDomain claim = domains.add(owner, domain);
        dns.publish(claim.recordName(), claim.recordValue());
        if (!domains.verify(owner, claim.id()).verified()) {
            throw new IllegalStateException("Domain not verified: " + claim.domain());
        }
        return claim.domain();
    }

    /** The workspace's events of the action about the target (e.g. an account's id), newest first. */
    List<AuditEvent> events(TenantScope owner, String action, UUID targetId) {
        return audit.page(owner, new AuditFilter(null, action, targetId.toString(), null, null, null), null, null, 200).events();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
