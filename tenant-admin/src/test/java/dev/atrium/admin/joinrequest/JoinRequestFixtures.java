package dev.atrium.admin.joinrequest;

import org.springframework.stereotype.Component;

import dev.atrium.admin.TestDomains;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.tenancy.TenantScope;

/** Workspaces with a verified domain and people of that domain, for the join request tests. */
@Component
class JoinRequestFixtures {

    private final TestWorkspaces teams;
    private final TestDomains domains;

    JoinRequestFixtures(TestWorkspaces teams, TestDomains domains) {
        this.teams = teams;
        this.domains = domains;
    }

    static String uniqueDomain(String label) {
        return TestDomains.unique(label);
    }

    /** The Owner's scope of a new workspace that verified a new domain. */
    TenantScope workspaceVerifying(String ownerName, String domain) {
        TenantScope owner = teams.newWorkspace(ownerName);
        domains.verify(owner, domain);
        return owner;
    }

    /** Someone signed in with an address at the domain; {@code verified}: whether their sign-in verified it. */
    Account person(String name, String domain, boolean verified) {
        return domains.person(name, domain, verified);
    }
}
