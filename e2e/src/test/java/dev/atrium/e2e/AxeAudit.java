package dev.atrium.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;

/**
 * Runs axe-core (bundled in Deque's Playwright binding, so nothing is fetched) on what a page shows now, open
 * dialogs and menus included, and collects per view the violations of impact serious or critical.
 */
final class AxeAudit {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    /**
     * No overlay is opening or closing and no finite animation runs, in the document or any shadow root (the
     * document's own list leaves out animations inside shadow roots).
     */
    private static final String SETTLED = """
            () => {
              const roots = [document];
              for (let i = 0; i < roots.length; i++) {
                for (const element of roots[i].querySelectorAll('*')) {
                  if (element.shadowRoot) roots.push(element.shadowRoot);
                }
              }
              return roots.every(root => !root.querySelector('[opening], [closing]')
                  && root.getAnimations().every(a => a.playState !== 'running'
                      || a.effect?.getTiming().iterations === Infinity));
            }""";

    /**
     * Defects inside Vaadin 25.2.5's own menu bar and context menu, which Atrium's markup cannot reach, each matched
     * exactly (rule, element, and the only finding): their shared item mixin marks every menu item
     * aria-selected="false", which ARIA does not allow on a menuitem (screen readers ignore it), and the menu bar's open
     * submenu's overlay is a focusable div inside the role=menubar element. Anything else on these elements still fails.
     */
    private static final List<KnownDefect> VAADIN_DEFECTS = List.of(
            new KnownDefect("aria-allowed-attr", "<vaadin-menu-bar-item ",
                    "Fix all of the following: ARIA attribute is not allowed: aria-selected=\"false\""),
            new KnownDefect("aria-allowed-attr", "<vaadin-context-menu-item ",
                    "Fix all of the following: ARIA attribute is not allowed: aria-selected=\"false\""),
            new KnownDefect("aria-required-children", "<vaadin-menu-bar ",
                    "Fix any of the following: Element has children which are not allowed: div[tabindex]"));

    private record KnownDefect(String rule, String elementStart, String summary) {
        boolean matches(Rule violation, CheckedNode node) {
            return violation.getId().equals(rule) && node.getHtml().startsWith(elementStart)
                    && summary.equals(node.getFailureSummary().strip().replaceAll("\\s+", " "));
        }
    }

    private final Map<String, List<String>> violationsByView = new LinkedHashMap<>();

    /** Checks the page as it is now, once its animations (dialogs fading in) have finished, under this view's name. */
    void check(Page page, String view) {
        // An overlay still fading in would be measured half transparent: its contrast would be wrong.
        page.waitForFunction(SETTLED);
        List<String> found = new ArrayList<>();
        for (Rule rule : new AxeBuilder(page).analyze().getViolations()) {
            List<CheckedNode> nodes = rule.getNodes().stream()
                    .filter(node -> VAADIN_DEFECTS.stream().noneMatch(defect -> defect.matches(rule, node))).toList();
            if (BLOCKING.contains(rule.getImpact()) && !nodes.isEmpty()) {
                found.add(rule.getId() + " (" + rule.getImpact() + ", " + nodes.size() + "x): "
                        + nodes.stream().map(AxeAudit::target).collect(Collectors.joining(" | ")));
            }
        }
        violationsByView.put(view, found);
    }

    /** The views checked so far, each with its serious and critical violations (rule, impact, count: targets). */
    Map<String, List<String>> violationsByView() {
        return violationsByView;
    }

    /** One line per view that has any, for a failure message. */
    String report() {
        return violationsByView.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + ":\n    " + String.join("\n    ", e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    private static String target(CheckedNode node) {
        String summary = node.getFailureSummary() == null ? "" : node.getFailureSummary().replaceAll("\\s+", " ");
        return node.getTarget() + " — " + summary;
    }
}
