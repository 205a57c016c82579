package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.DomainsSection;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/**
 * Workspace → Settings → Domains end to end. The app looks TXT records up with dnsjava at the test's DNS server
 * ({@code atrium.domains.dns-server}, see {@link AtriumE2ETest}), where the test publishes and withdraws them.
 */
@AtriumE2ETest
class VerifiedDomainsTest extends BrowserTest {

    @Autowired TestDns dns;
    @Autowired DomainService domainService;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;

    @Test
    void anOwnerVerifiesADomainByItsTxtRecordAnotherWorkspaceIsRefusedItAndTheReCheckTakesItBack() {
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
        assertThat(domains.recordValue(domain)).hasText(Pattern.compile("^atrium-domain-verification=[A-Za-z0-9_-]{43}$"));
        assertThat(domains.copyButton(domain)).isVisible();

        domains.verify(domain);
        assertThat(domains.notification()).containsText("was not found");
        assertThat(domains.status(domain)).hasText("Pending");

        dns.publish(domains.recordName(domain).textContent(), domains.recordValue(domain).textContent());
        domains.verify(domain);
        assertThat(domains.status(domain)).hasText("Verified");
        assertThat(domains.notification()).containsText(domain + " is verified.");

        Page otherPage = newPage();
        AppShell other = signIn(otherPage, uniqueEmail("otto"), "Otto Owner");
        other.openCreateFromWelcome().enterName(unique("Rivals")).submit();
        assertThat(new WorkspaceHomePage(otherPage).title()).isVisible();
        DomainsSection rival = new DomainsSection(otherPage).open(slugOf(otherPage)).add(domain);
        assertThat(rival.addError()).hasText("Another workspace has already verified " + domain + ". It stays theirs until they remove it.");

        // The hourly re-check (run here for this workspace, as the system) finds the record gone.
        clock.advance(Duration.ofHours(1));
        dns.withdraw("_atrium-challenge." + domain);
        String slug = slugOf(page);
        binder.systemScopes().stream().filter(scope -> scope.slug().equals(slug)).forEach(domainService::recheck);
        domains.open(slug);
        assertThat(domains.status(domain)).containsText("Unverified");
        assertThat(domains.status(domain)).containsText("TXT record not found at");

        domains.remove(domain);
        assertThat(domains.notification()).containsText(domain + " removed.");
        domains.open(slug);
        assertThat(domains.status(domain)).hasCount(0);
    }
}
