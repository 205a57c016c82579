package dev.atrium.admin.joinrequest;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.tenancy.TenantScope;

/** Workspaces with a verified domain and people of that domain, for the join request tests. */
@Component
class JoinRequestFixtures {

    private final TestWorkspaces teams;
    private final DomainService domains;
    private final TestDns dns;
    private final AccountService accounts;

    JoinRequestFixtures(TestWorkspaces teams, DomainService domains, TestDns dns, AccountService accounts) {
        this.teams = teams;
        this.domains = domains;
        this.dns = dns;
        this.accounts = accounts;
    }

    static String uniqueDomain(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    /** The Owner's scope of a new workspace that verified a new domain. */
    TenantScope workspaceVerifying(String ownerName, String domain) {
        TenantScope owner = teams.newWorkspace(ownerName);
        WorkspaceDomain added = domains.add(owner, domain);
        dns.publish(added.recordName(), added.recordValue());
        domains.verify(owner, added.id());
        return owner;
    }

    /** Someone signed in with an address at the domain; {@code verified}: whether their sign-in verified it. */
    Account person(String name, String domain, boolean verified) {
        String subject = UUID.randomUUID().toString();
        return accounts.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase() + "-" + subject.substring(0, 8) + "@" + domain, verified, name));
    }
}
