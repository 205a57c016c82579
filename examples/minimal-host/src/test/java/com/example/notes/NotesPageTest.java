package com.example.notes;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import dev.atrium.admin.tenancy.TenantScope;

/**
 * The minimal host in Debian's Chromium, signed in through the local OIDC provider: its notes page opens inside
 * Atrium's layout from Atrium's navigation, for members whose role holds notes.view and for nobody else.
 */
@NotesHostTest
class NotesPageTest {

    private static final String CHROMIUM = System.getenv().getOrDefault("ATRIUM_CHROMIUM", "/usr/bin/chromium");

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    Workspaces workspaces;

    @BeforeAll
    static void launchBrowser() {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException("Chromium not found at " + CHROMIUM
                    + "; install Debian's chromium (apt-get install chromium) or set ATRIUM_CHROMIUM.");
        }
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
        playwright.close();
    }

    @Test
    void aMemberOpensNotesFromAtriumsNavigationAndWritesOne() {
        try (BrowserContext context = newContext()) {
            NotesPage notes = new NotesPage(context.newPage());

            notes.signIn(uniqueEmail("nora"), "Nora").createFirstWorkspace("Nora Notes").openFromNavigation();

            assertThat(notes.page).hasURL(Pattern.compile("/w/nora-notes/notes$"));
            assertThat(notes.page).hasTitle("Notes");
            assertThat(notes.atriumsNavigation()).isVisible();
            assertThat(notes.heading()).hasText("Notes");
            notes.create("First note");
            assertThat(notes.row("First note")).isVisible();
        }
    }

    @Test
    void aMemberWhoseRoleLacksNotesViewHasNoEntryAndFindsNoPage() {
        String email = uniqueEmail("bea");
        try (BrowserContext context = newContext()) {
            NotesPage notes = new NotesPage(context.newPage()).signIn(email, "Bea");
            TenantScope owner = workspaces.create(workspaces.person("Olga"), "Closed");
            workspaces.join(owner, email, workspaces.accountOf(email), workspaces.customRole(owner, "Blind", Set.of()));

            notes.openWorkspace(owner.slug());
            assertThat(notes.navigationEntry()).hasCount(0);
            notes.page.navigate("/w/" + owner.slug() + "/notes");
            assertThat(notes.notFound()).isVisible();
            assertThat(notes.grid()).hasCount(0);
        }
    }

    private BrowserContext newContext() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL("http://localhost:" + port));
        context.setDefaultTimeout(15_000);
        return context;
    }

    private static String uniqueEmail(String person) {
        return person + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** Selectors of Atrium's sign-in page, the local provider's form, Atrium's shell and the notes page. */
    private record NotesPage(Page page) {

        /** Signs in and waits for Atrium's header, so that the account exists. */
        NotesPage signIn(String email, String name) {
            page.navigate("/");
            // Atrium's sign-in page asks for the address first, then the local provider's form.
            page.locator("#sign-in-email input").fill(email);
            page.locator("#sign-in-continue").click();
            page.locator("input[name=username]").fill(email);
            page.locator("textarea[name=claims]").fill("{\"name\": \"" + name + "\"}");
            page.locator("input[type=submit]").click();
            page.locator("#account-menu").waitFor();
            return this;
        }

        /** A workspace's home, once Atrium's navigation shows its entries (Home is always the first). */
        void openWorkspace(String slug) {
            page.navigate("/w/" + slug);
            atriumsNavigation().locator("vaadin-side-nav-item").first().waitFor();
        }

        NotesPage createFirstWorkspace(String name) {
            page.locator("#create-first-workspace").click();
            page.locator("#workspace-name-field input").fill(name);
            page.locator("#create-workspace-submit").click();
            return this;
        }

        /** The entry Atrium's layout adds for the host's page, shown to a member holding notes.view. */
        NotesPage openFromNavigation() {
            navigationEntry().click();
            grid().waitFor();
            return this;
        }

        Locator navigationEntry() {
            return atriumsNavigation().locator("#nav-notes");
        }

        Locator grid() {
            return page.locator("#notes");
        }

        Locator notFound() {
            return page.locator("#not-found-title");
        }

        Locator atriumsNavigation() {
            return page.locator("vaadin-app-layout #workspace-nav");
        }

        Locator heading() {
            return page.locator("h1");
        }

        void create(String title) {
            page.locator("#note-title input").fill(title);
            page.locator("#note-create").click();
        }

        /** The visible grid cell holding this text; the grid keeps hidden rows for reuse. */
        Locator row(String text) {
            return page.locator("#notes vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
        }
    }
}
