package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.admin.time.MutableClock;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.ProjectsPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/**
 * A person's language and time zone come from their browser (Accept-Language, the browser's zone); a language chosen
 * in the account menu is remembered on the account and wins in every browser.
 */
@AtriumE2ETest
class LanguageAndTimeZoneTest extends BrowserTest {

    /** How a text missing from the bundles shows: its key between exclamation marks. */
    private static final Pattern MISSING_KEY = Pattern.compile("![a-z][\\w.-]*!");
    private static final String GERMAN_WELCOME = "Erstellen Sie Ihren ersten Arbeitsbereich";

    @Autowired MutableClock clock;

    @Test
    void aGermanBrowserGetsTheWholeFlowInGerman() {
        Page german = newPage(options -> options.setLocale("de-DE"));
        AppShell shell = signIn(german, uniqueEmail("greta"), "Greta Gast");
        String workspace = unique("Gretas Werkstatt");

        shell.openCreateFromWelcome(GERMAN_WELCOME).enterName(workspace).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(german);
        assertThat(home.title()).hasText(workspace);
        assertThat(german.locator("body")).containsText("Ihre Rolle");
        assertThat(shell.navigation()).containsText(new String[] {"Startseite", "Projekte", "Mitglieder", "Einladungen",
                "Rollen", "Audit-Protokoll", "Einstellungen"});

        ProjectsPage projects = new ProjectsPage(german).openFromNavigation();
        assertThat(german).hasTitle("Projekte · Atrium");
        assertThat(german.locator("#projects-grid vaadin-grid-sorter")).hasText(new String[] {"Name", "Erstellt"});
        String project = unique("Apollo");
        projects.create(project);
        assertThat(projects.row(project)).isVisible();
        projects.deleteWith(project + " löschen");
        assertThat(german.locator("vaadin-notification-card")).containsText("Projekt „" + project + "“ gelöscht.");
        assertThat(german.locator("body")).not().containsText(MISSING_KEY);
    }

    @Test
    void englishChosenInTheAccountMenuIsRememberedInTheNextBrowser() {
        String email = uniqueEmail("hans");
        Page first = newPage(options -> options.setLocale("de-DE"));
        AppShell shell = signIn(first, email, "Hans Hin");
        assertThat(shell.welcomeTitle()).hasText(GERMAN_WELCOME);
        assertThat(shell.languageItem("de")).hasAttribute("menu-item-checked", "");
        first.keyboard().press("Escape");

        shell.chooseLanguage("en");
        assertThat(shell.welcomeTitle()).hasText("Create your first workspace");
        assertThat(shell.languageItem("en")).hasAttribute("menu-item-checked", "");

        Page second = newPage(options -> options.setLocale("de-DE"));
        AppShell again = signIn(second, email, "Hans Hin");
        assertThat(again.welcomeTitle()).hasText("Create your first workspace");
    }

    @Test
    void timesAreShownInTheBrowsersTimeZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Page page = newPage(options -> options.setTimezoneId(tokyo.getId()));
        Instant before = clock.instant();
        AppShell shell = signIn(page, uniqueEmail("kenji"), "Kenji Tanaka");
        shell.openCreateFromWelcome().enterName(unique("Tokyo Office")).submit();
        String slug = slugOf(page);
        Instant after = clock.instant();

        AuditLogPage audit = new AuditLogPage(page).open(slug);

        assertThat(audit.cellsWith(anyMinuteBetween(before, after, tokyo)).first()).isVisible();
        assertThat(audit.cellsWith(anyMinuteBetween(before, after, ZoneId.of("UTC")))).hasCount(0);
    }

    /** How Atrium shows a time in English, for every minute from {@code from} to {@code to} in {@code zone}. */
    private static Pattern anyMinuteBetween(Instant from, Instant to, ZoneId zone) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.ENGLISH).withZone(zone);
        List<String> shown = new ArrayList<>();
        for (Instant minute = from; !minute.isAfter(to.plus(Duration.ofMinutes(1))); minute = minute.plus(Duration.ofMinutes(1))) {
            shown.add(format.format(minute));
        }
        // Java puts a narrow no-break space before AM/PM; the cell may show any space there. Playwright matches in the
        // browser, with JavaScript's regular expressions, which know no \Q...\E quoting.
        return Pattern.compile(shown.stream().distinct()
                .map(text -> Arrays.stream(text.split("[\\s\\u202f\\u00a0]+"))
                        .map(word -> word.replaceAll("[.*+?^${}()|\\[\\]\\\\/]", "\\\\$0"))
                        .collect(Collectors.joining("[\\s\\u202f\\u00a0]+")))
                .collect(Collectors.joining("|", "^(", ")$")));
    }
}
