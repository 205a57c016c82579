package dev.atrium.e2e.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitForSelectorState;

import dev.atrium.e2e.BrowserTest;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.SignInPage;

/**
 * The browsers of {@link SessionMemoryBenchmark}, in a JVM of their own so that the Java side of Playwright (an object
 * per context, page, frame and request) is not counted in the application's heap. Reads commands from standard input,
 * one per line, and answers each with one line on standard output:
 * <ul>
 * <li>{@code OPEN <path> <email>…}: per address a new browser context (no cookies) opens the path, is sent to the
 * sign-in page, signs in through the local provider and lands back on the path, which must show a grid with at least
 * one member's row; answers {@code OPENED <n>}, or {@code FAILED <reason>};
 * <li>{@code SIGNOUT}: every open context signs out through the account menu, waits for the sign-in page and is
 * closed; answers {@code SIGNEDOUT <n>};
 * <li>{@code QUIT}: closes everything and exits.
 * </ul>
 * Every context stays open until {@code SIGNOUT} or {@code QUIT}, so its session and its UI stay in use.
 */
public final class SessionOpener {

    private static final int TIMEOUT_MS = 120_000;
    private static final int ATTEMPTS = 3;

    private SessionOpener() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        List<BrowserContext> contexts = new ArrayList<>();
        try (Playwright playwright = Playwright.create();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            Browser browser = BrowserTest.launchChromium(playwright);
            String line;
            while ((line = in.readLine()) != null && !line.equals("QUIT")) {
                String[] words = line.trim().split("\\s+");
                try {
                    if (words[0].equals("SIGNOUT")) {
                        contexts.forEach(SessionOpener::signOut);
                        answer("SIGNEDOUT " + contexts.size());
                        contexts.clear();
                        continue;
                    }
                    for (int i = 2; i < words.length; i++) {
                        contexts.add(openRetrying(browser, baseUrl, words[1], words[i]));
                        System.err.println("Signed in " + contexts.size() + ": " + words[i]); // progress, to the log
                    }
                    answer("OPENED " + (words.length - 2));
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    answer("FAILED " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            contexts.forEach(BrowserContext::close);
            browser.close();
        }
    }

    /**
     * {@link #open}, again in a fresh context when a step timed out: on a machine shared with other builds one of forty
     * sign-ins can take longer than any sensible timeout. An abandoned attempt leaves at most a sign-in page's session.
     */
    private static BrowserContext openRetrying(Browser browser, String baseUrl, String path, String email) {
        for (int attempt = 1;; attempt++) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl));
            context.setDefaultTimeout(TIMEOUT_MS);
            try {
                open(context.newPage(), path, email);
                return context;
            } catch (TimeoutError e) {
                context.close();
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                System.err.println("Timed out signing in " + email + ", attempt " + attempt + "; trying again");
            }
        }
    }

    private static void open(Page page, String path, String email) {
        page.navigate(path);
        new SignInPage(page).signIn(email, "Member " + email.substring(0, email.indexOf('@')));
        // A member's row: the grid's data has arrived, not only its header.
        page.locator("vaadin-grid vaadin-grid-cell-content:visible", new Page.LocatorOptions().setHasText("@")).first()
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
        if (!URI.create(page.url()).getPath().equals(path)) {
            throw new IllegalStateException(email + " landed on " + page.url() + " instead of " + path);
        }
    }

    private static void signOut(BrowserContext context) {
        Page page = context.pages().getFirst();
        new AppShell(page).signOut();
        new SignInPage(page).waitUntilShown();
        context.close();
    }

    private static void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
