package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import com.microsoft.playwright.Page;

import dev.atrium.admin.dns.TestDns;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.DomainsSection;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/**
 * A workspace its Owner just created in the browser, with a fresh domain verified the way an admin does it: added in
 * Settings → Domains, its TXT record published at the tests' DNS server, then "Verify".
 */
record VerifiedWorkspace(String name, String slug, String domain) {

    static VerifiedWorkspace create(Page page, AppShell owner, String name, String domainLabel, TestDns dns) {
        owner.openCreateFromWelcome().enterName(name).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(name);
        String slug = BrowserTest.slugOf(page);
        String domain = domainLabel + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        DomainsSection domains = new DomainsSection(page).open(slug).add(domain);
        dns.publish(domains.recordName(domain).textContent(), domains.recordValue(domain).textContent());
        domains.verify(domain);
        assertThat(domains.status(domain)).hasText("Verified");
        return new VerifiedWorkspace(name, slug, domain);
    }
}
