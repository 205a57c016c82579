package dev.atrium.e2e;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;

/**
 * Records, for one page, every Content-Security-Policy violation (the browser's securitypolicyviolation events and
 * its console reports) and every document Atrium served. {@link #checkpoint} provokes a violation of its own and
 * waits for it, so that every violation the view caused before has been reported by then.
 */
final class SecurityPolicyWatch {

    private static final String MARKER_HOST = ".csp-marker.invalid";

    private final Page page;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Response> documents = new CopyOnWriteArrayList<>();

    SecurityPolicyWatch(Page page, String atriumOrigin) {
        this.page = page;
        page.context().exposeBinding("atriumCspViolation", (source, args) -> {
            violations.add((String) args[0]);
            return null;
        });
        page.context().addInitScript("""
                document.addEventListener('securitypolicyviolation', e => window.atriumCspViolation(
                    e.violatedDirective + ' blocked ' + e.blockedURI + ' in ' + e.sourceFile + ':' + e.lineNumber));""");
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                violations.add("console: " + message.text());
            }
        });
        page.onResponse(response -> {
            if (response.request().isNavigationRequest() && response.url().startsWith(atriumOrigin)) {
                documents.add(response);
            }
        });
    }

    /**
     * Waits until a deliberate violation named after the view has been reported, then returns (and forgets) every
     * violation but the deliberate ones.
     */
    List<String> checkpoint(String view) {
        String marker = view.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        page.evaluate("host => { new Image().src = 'http://' + host + '/'; }", marker + MARKER_HOST);
        try {
            page.waitForCondition(() -> violations.stream()
                    .anyMatch(v -> !v.startsWith("console: ") && v.contains(marker + MARKER_HOST)));
        } catch (TimeoutError e) {
            throw new AssertionError("The browser did not report the deliberate violation on " + page.url()
                    + "; reported: " + violations, e);
        }
        List<String> found = violations.stream().filter(v -> !v.contains(MARKER_HOST)).toList();
        violations.clear();
        return found;
    }

    /** Every response Atrium gave to a navigation of this page (documents and redirects). */
    List<Response> documents() {
        return List.copyOf(documents);
    }
}
