package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import dev.atrium.admin.time.MutableClock;
import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.MissingTexts;
import dev.atrium.e2e.pages.ProjectsPage;
import dev.atrium.e2e.pages.RolesPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import dev.atrium.e2e.pages.WorkspaceSettingsPage;

/**
 * A person's language and time zone come from their browser (Accept-Language, the browser's zone); a language chosen
 * in the account menu is remembered on the account and wins in every browser.
 */
@AtriumE2ETest
class LanguageAndTimeZoneTest extends BrowserTest {

    private static final String GERMAN_WELCOME = "Erstellen Sie Ihren ersten Arbeitsbereich";

    @Autowired MutableClock clock;
    @Autowired GreenMail mailSink;

    /**
     * One German sign-in visits every view and opens the dialogs, invites someone by e-mail, and finds no text
     * missing from the bundles anywhere (texts, labels, tooltips, page titles).
     */
    @Test
    void aGermanBrowserGetsEveryViewInGermanWithNoTextMissing() throws Exception {
        Page german = newPage(options -> options.setLocale("de-DE"));
        Map<String, List<String>> missing = new LinkedHashMap<>();
        AppShell shell = signIn(german, uniqueEmail("greta"), "Greta Gast");
        assertThat(shell.welcomeTitle()).hasText(GERMAN_WELCOME);
        missing.put("welcome", MissingTexts.on(german));
        String workspace = unique("Gretas Werkstatt");

        shell.openCreateFromWelcome(GERMAN_WELCOME).enterName(workspace).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(german);
        assertThat(home.title()).hasText(workspace);
        String slug = slugOf(german);
        assertThat(german.locator("body")).containsText("Ihre Rolle");
        assertThat(shell.navigation()).containsText(new String[] {"Startseite", "Projekte", "Mitglieder", "Einladungen",
                "Rollen", "Audit-Protokoll", "Einstellungen"});
        missing.put("workspace home", MissingTexts.on(german));
        assertThat(shell.languageItem("de")).isVisible();
        missing.put("account menu", MissingTexts.on(german));
        shell.closeMenu();

        ProjectsPage projects = new ProjectsPage(german).openFromNavigation();
        assertThat(german).hasTitle("Projekte · Atrium");
        assertThat(german.locator("#projects-grid vaadin-grid-sorter")).hasText(new String[] {"Name", "Erstellt"});
        String project = unique("Apollo");
        projects.create(project);
        assertThat(projects.row(project)).isVisible();
        missing.put("projects", MissingTexts.on(german));
        projects.deleteWith(project + " löschen");
        assertThat(german.locator("vaadin-notification-card")).containsText("Projekt „" + project + "“ gelöscht.");

        MembersPage members = new MembersPage(german).open(slug);
        assertThat(german).hasTitle("Mitglieder · Atrium");
        assertThat(members.row("Greta Gast")).isVisible();
        missing.put("members", MissingTexts.on(german));

        String invitee = uniqueEmail("ines");
        InvitationsPage invitations = new InvitationsPage(german).open(slug);
        assertThat(german).hasTitle("Einladungen · Atrium");
        missing.put("invitations", MissingTexts.on(german));
        invitations.inviteButton().click();
        assertThat(german.locator("#invite-emails")).containsText("E-Mail-Adressen");
        missing.put("invite dialog", MissingTexts.on(german));
        german.locator("#invite-emails textarea").fill(invitee);
        german.locator("#invite-submit").click();
        assertThat(invitations.linksDialog()).containsText("Seine E-Mail ist in der Warteschlange");
        missing.put("invitation link dialog", MissingTexts.on(german));
        invitations.copyLink(0, "Link kopiert");
        invitations.closeLinks();
        assertThat(invitations.cellWith(invitee)).isVisible();
        missing.put("invitations with a row", MissingTexts.on(german));
        MimeMessage mail = mailTo(invitee);
        assertThat(mail.getSubject()).isEqualTo("Atrium: Greta Gast hat Sie in den Arbeitsbereich „" + workspace + "“ eingeladen");

        RolesPage roles = new RolesPage(german).open(slug);
        assertThat(german).hasTitle("Rollen · Atrium");
        assertThat(roles.cellWith("Verwaltet Mitglieder, Einladungen und Rollen.")).isVisible();
        missing.put("roles", MissingTexts.on(german));
        roles.startCreating();
        assertThat(german.locator("#role-editor-dialog")).containsText("Mitglieder ansehen");
        assertThat(german.locator("#role-editor-dialog")).containsText("Sehen, wer zum Arbeitsbereich gehört und welche Rolle hat.");
        assertThat(german.locator("#role-editor-dialog h4")).containsText(new String[] {"Mitglieder", "Rollen", "Audit-Protokoll",
                "Arbeitsbereich", "Projekte (Beispielanwendung)"});
        roles.tick("projects.view");
        assertThat(roles.summary()).containsText("Projekte ansehen");
        missing.put("role editor", MissingTexts.on(german));
        roles.closeEditor();

        AuditLogPage audit = new AuditLogPage(german).open(slug);
        assertThat(german).hasTitle("Audit-Protokoll · Atrium");
        assertThat(audit.cellsWith("invitation.created").first()).isVisible();
        assertThat(audit.verify()).containsText("Unversehrt");
        audit.select("invitation.created");
        audit.details().waitFor();
        missing.put("audit log with details", MissingTexts.on(german));

        new WorkspaceSettingsPage(german).open(slug);
        assertThat(german).hasTitle("Einstellungen · Atrium");
        missing.put("settings", MissingTexts.on(german));

        AcceptInvitationPage invalidLink = new AcceptInvitationPage(german);
        german.navigate("/invite/no-such-invitation");
        assertThat(invalidLink.title()).hasText("Dieser Einladungslink ist ungültig");
        missing.put("invalid invitation link", MissingTexts.on(german));

        german.navigate("/w/no-such-workspace");
        assertThat(home.notFoundTitle()).hasText("Nicht gefunden");
        missing.put("not found", MissingTexts.on(german));

        assertThat(missing).as("views visited").hasSize(15);
        assertThat(missing).as("texts missing from the bundles, by view").allSatisfy((view, keys) -> assertThat(keys).as(view).isEmpty());
    }

    @Test
    void englishChosenInTheAccountMenuIsRememberedInTheNextBrowser() throws Exception {
        String email = uniqueEmail("hans");
        Page first = newPage(options -> options.setLocale("de-DE"));
        AppShell shell = signIn(first, email, "Hans Hin");
        assertThat(shell.welcomeTitle()).hasText(GERMAN_WELCOME);
        assertThat(shell.languageItem("de")).hasAttribute("menu-item-checked", "");
        // Screen readers hear which language is chosen: the items are radio items with aria-checked.
        assertThat(shell.languageItem("de")).hasAttribute("role", "menuitemradio");
        assertThat(shell.languageItem("de")).hasAttribute("aria-checked", "true");
        assertThat(shell.languageItem("en")).hasAttribute("aria-checked", "false");
        shell.closeMenu();

        shell.chooseLanguage("en");
        assertThat(shell.welcomeTitle()).hasText("Create your first workspace");
        assertThat(shell.languageItem("en")).hasAttribute("menu-item-checked", "");
        assertThat(first.getByRole(AriaRole.MENUITEMRADIO, new Page.GetByRoleOptions().setName("English").setChecked(true))).isVisible();
        assertThat(first.getByRole(AriaRole.MENUITEMRADIO, new Page.GetByRoleOptions().setName("Deutsch").setChecked(false))).isVisible();
        shell.closeMenu();

        // The browser still asks for German; the invitation e-mail follows the language the page shows.
        String workspace = unique("Hans Haus");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        String invitee = uniqueEmail("ida");
        new InvitationsPage(first).open(slugOf(first)).invite(invitee, "Member");
        assertThat(mailTo(invitee).getSubject()).isEqualTo("Atrium: Hans Hin invited you to the workspace \"" + workspace + "\"");

        Page second = newPage(options -> options.setLocale("de-DE"));
        AppShell again = signIn(second, email, "Hans Hin");
        assertThat(again.navigation()).containsText(new String[] {"Home", "Projects", "Members", "Invitations"});
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

    /** Mails go out after the invitation committed: waits for the one to this address. */
    private MimeMessage mailTo(String address) {
        return await().until(() -> Arrays.stream(mailSink.getReceivedMessages()).filter(mail -> isTo(mail, address)).toList(),
                mails -> !mails.isEmpty()).getFirst();
    }

    private static boolean isTo(MimeMessage mail, String address) {
        try {
            return Arrays.stream(mail.getAllRecipients()).anyMatch(to -> to.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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
