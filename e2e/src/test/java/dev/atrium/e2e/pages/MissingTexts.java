package dev.atrium.e2e.pages;

import java.util.List;

import com.microsoft.playwright.Page;

/**
 * Texts missing from the bundles, as a page shows them: Atrium renders a key it cannot find as {@code !key!}. Looks at
 * every text and at the attributes people hear or see (labels, titles, placeholders), in the page, its open overlays
 * and the components' shadow roots, and at the page's title.
 */
public final class MissingTexts {

    private static final String FIND = """
            () => {
              const pattern = /![a-z][\\w.-]*!/g;
              const attributes = ['aria-label', 'title', 'placeholder', 'label', 'helper-text', 'error-message',
                  'header-title', 'aria-description'];
              const found = new Set(document.title.match(pattern) || []);
              const visit = root => {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
                for (let node = walker.currentNode; node; node = walker.nextNode()) {
                  if (node.nodeType === Node.TEXT_NODE) {
                    (node.data.match(pattern) || []).forEach(key => found.add(key));
                    continue;
                  }
                  if (node.getAttribute) {
                    for (const name of attributes) {
                      (node.getAttribute(name)?.match(pattern) || []).forEach(key => found.add(key));
                    }
                  }
                  if (node.shadowRoot) {
                    visit(node.shadowRoot);
                  }
                }
              };
              visit(document.documentElement);
              return [...found];
            }
            """;

    private MissingTexts() {
    }

    /** The {@code !key!} texts the page shows now; empty when every text was found. */
    @SuppressWarnings("unchecked")
    public static List<String> on(Page page) {
        return (List<String>) page.evaluate(FIND);
    }
}
