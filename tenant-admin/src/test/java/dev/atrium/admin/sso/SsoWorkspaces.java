package dev.atrium.admin.sso;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * Workspaces with what the SSO policies build on, made the way admins make them: an Owner whose address is in a
 * domain the workspace verified (at the in-process DNS server), an enabled connection to an issuer of a real
 * (in-process) OpenID provider, and members joined by invitation.
 */
@Component
class SsoWorkspaces {

    /** An Owner's workspace with its verified domain and enabled connection. */
    record Setup(TenantScope owner, String domain, WorkspaceDomain verified, SsoConnection connection) {

        UUID workspaceId() {
            return owner.workspaceId();
        }
    }

    private final AccountService accounts;
    private final WorkspaceService workspaces;
    private final InvitationService invitations;
    private final DomainService domains;
    private final SsoService sso;
    private final TestDns dns;
    private final TestWorkspaces teams;
    private final TenantBinder binder;
    private final SsoConnectionTests connectionTests;

    SsoWorkspaces(AccountService accounts, WorkspaceService workspaces, InvitationService invitations, DomainService domains,
            SsoService sso, TestDns dns, TestWorkspaces teams, TenantBinder binder, SsoConnectionTests connectionTests) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.invitations = invitations;
        this.domains = domains;
        this.sso = sso;
        this.dns = dns;
        this.teams = teams;
        this.binder = binder;
        this.connectionTests = connectionTests;
    }

    Setup create(String ownerName, String issuer) {
        String domain = ownerName.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        Account owner = person(ownerName, domain);
        TenantScope scope = binder.bind(owner.id(),
                workspaces.create(owner.id(), ownerName + "'s team", TestAccounts.uniqueSlug("sso")).slug());
        WorkspaceDomain added = domains.add(scope, domain);
        dns.publish(added.recordName(), added.recordValue());
        WorkspaceDomain verified = domains.verify(scope, added.id());
        sso.save(scope, new SsoConnectionDraft(SsoPreset.OKTA, issuer, "atrium-client", "secret", "", teams.roleId(scope, "member")));
        return new Setup(scope, domain, verified, testAndEnable(scope));
    }

    /** Enables the workspace's connection after a successful "Test connection", as enabling requires. */
    SsoConnection testAndEnable(TenantScope owner) {
        connectionTests.succeeded(connectionTests.start(owner), owner.accountId(), Map.of("sub", "connection-test"));
        return sso.enable(owner);
    }

    /** A new account with an address in the domain. */
    Account person(String name, String domain) {
        String subject = UUID.randomUUID().toString();
        return accounts.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase(Locale.ROOT) + "-" + subject.substring(0, 8) + "@" + domain, true, name));
    }

    /** A new account with an address in the domain, joined by invitation with the role of the key. */
    TenantScope join(Setup setup, String name, String roleKey) {
        return join(setup.owner(), person(name, setup.domain()), roleKey);
    }

    TenantScope join(TenantScope owner, Account person, String roleKey) {
        InviteOutcome outcome = invitations.invite(owner, person.email(), teams.roleId(owner, roleKey), Locale.ENGLISH);
        invitations.accept(TestWorkspaces.tokenOf(outcome.invited().getFirst().link()), person.id());
        return binder.bind(person.id(), owner.slug());
    }

    static SsoSession session(Setup setup, boolean multiFactor) {
        return new SsoSession(setup.workspaceId(), setup.connection().id(), multiFactor, Instant.now());
    }
}
