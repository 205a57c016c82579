package dev.atrium.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.tenancy.TenantScope;

/** Verified domains (their TXT records published in the in-process DNS server) and people with addresses at them. */
@Component
public class TestDomains {

    private final DomainService domains;
    private final TestDns dns;
    private final AccountService accounts;

    TestDomains(DomainService domains, TestDns dns, AccountService accounts) {
        this.domains = domains;
        this.dns = dns;
        this.accounts = accounts;
    }

    /** A domain name no other test uses: {@code <label>-<random>.example}. */
    public static String unique(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    /** The domain, added and verified by the workspace; its name. */
    public String verify(TenantScope owner, String domain) {
        WorkspaceDomain added = domains.add(owner, domain);
        dns.publish(added.recordName(), added.recordValue());
        assertThat(domains.verify(owner, added.id()).verified()).isTrue();
        return added.domain();
    }

    /** Someone signed in with an address at the domain; {@code verified}: whether their sign-in verified it. */
    public Account person(String name, String domain, boolean verified) {
        String subject = UUID.randomUUID().toString();
        return accounts.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase(Locale.ROOT) + "-" + subject.substring(0, 8) + "@" + domain, verified, name));
    }

    /** Someone whose sign-in verified an address at the domain. */
    public Account colleague(String name, String domain) {
        return person(name, domain, true);
    }
}
