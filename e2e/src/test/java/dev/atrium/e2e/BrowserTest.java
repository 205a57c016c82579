package dev.atrium.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.SignInPage;

/** One headless Debian Chromium per test class, a fresh browser context (no cookies) per test. */
public abstract class BrowserTest {

    /**
     * How long an action or an assertion waits for the page. Creating a workspace migrates a new schema, which takes
     * seconds on a busy 2-core machine: Playwright's default of 5 s for assertions made such steps fail there.
     */
    static final int TIMEOUT_MS = 15_000;

    private static final String CHROMIUM = System.getenv().getOrDefault("ATRIUM_CHROMIUM", "/usr/bin/chromium");

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    protected int port;

    private final List<BrowserContext> contexts = new java.util.ArrayList<>();
    protected Page page;

    @BeforeAll
    static void launchBrowser() {
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
        playwright = Playwright.create();
        browser = launchChromium(playwright);
    }

    /** Debian's headless Chromium, as every browser test (and the session memory benchmark's browsers) runs it. */
    public static Browser launchChromium(Playwright playwright) {
        if (!Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException("Chromium not found at " + CHROMIUM
                    + "; install Debian's chromium (apt-get install chromium) or set ATRIUM_CHROMIUM.");
        }
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
        playwright.close();
    }

    @BeforeEach
    void openPage() {
        page = newPage();
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** A page in a fresh browser context: another person, or the same person on another device. */
    protected Page newPage() {
        return newPage(UnaryOperator.identity());
    }

    /** A page in a fresh context made as this class makes them, then adjusted: e.g. the browser's language or zone. */
    protected Page newPage(UnaryOperator<Browser.NewContextOptions> adjust) {
        BrowserContext context = browser.newContext(adjust.apply(contextOptions()));
        context.setDefaultTimeout(TIMEOUT_MS);
        contexts.add(context);
        return context.newPage();
    }

    /** How every context of this class is made; a class may add to it. */
    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setBaseURL(baseUrl())
                .setPermissions(List.of("clipboard-read", "clipboard-write"));
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Signs in through the local OIDC provider's form and waits for Atrium's header. */
    protected AppShell signIn(Page page, String email, String name) {
        page.navigate("/");
        new SignInPage(page).signIn(email, name);
        AppShell shell = new AppShell(page);
        shell.waitUntilShown();
        return shell;
    }

    /** The slug of the workspace the page shows, from its URL. */
    protected static String slugOf(Page page) {
        java.util.regex.Pattern workspaceUrl = java.util.regex.Pattern.compile("/w/([a-z0-9-]+)");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page).hasURL(workspaceUrl);
        java.util.regex.Matcher matcher = workspaceUrl.matcher(page.url());
        if (!matcher.find()) {
            throw new IllegalStateException("Not a workspace page: " + page.url());
        }
        return matcher.group(1);
    }

    /** An e-mail address no other test uses. */
    protected static String uniqueEmail(String person) {
        return person + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    protected static String unique(String text) {
        return text + " " + UUID.randomUUID().toString().substring(0, 6);
    }
}
