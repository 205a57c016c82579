package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.atrium.admin.dns.TestDns;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.DomainsSection;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** The app looks TXT records up at the test's DNS server (atrium.domains.dns-server), through dnsjava. */
@AtriumE2ETest
class VerifiedDomainsTest extends BrowserTest {

    @Autowired TestDns dns;

    @Test
    void anOwnerAddsADomainSeesItsTxtRecordPublishesItAndVerifies() {
        AppShell owner = signIn(page, uniqueEmail("dora"), "Dora Owner");
        String workspace = unique("Domains");
        owner.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        DomainsSection domains = new DomainsSection(page).open(slugOf(page));

        domains.add("gmail.com");
        assertThat(domains.addError()).hasText("gmail.com is a free-mail or disposable-mail domain; it cannot be claimed.");

        String domain = "dora-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        domains.add(domain.toUpperCase());
        assertThat(domains.status(domain)).hasText("Pending");
        assertThat(domains.recordName(domain)).hasText("_atrium-challenge." + domain);
        assertThat(domains.recordValue(domain)).hasText(java.util.regex.Pattern.compile("^atrium-domain-verification=[A-Za-z0-9_-]{43}$"));
        assertThat(domains.copyButton(domain)).isVisible();

        domains.verify(domain);
        assertThat(domains.notification()).containsText("was not found");
        assertThat(domains.status(domain)).hasText("Pending");

        dns.publish(domains.recordName(domain).textContent(), domains.recordValue(domain).textContent());
        domains.verify(domain);
        assertThat(domains.status(domain)).hasText("Verified");
        assertThat(domains.notification()).containsText(domain + " is verified.");
    }
}
