package dev.atrium.e2e.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Choosing in a {@code vaadin-select}, as a person does: open its list, click the option. */
final class Selects {

    private Selects() {
    }

    /**
     * Chooses {@code option} (its exact name) in {@code select}. Clicked while its list is still closing from the last
     * choice, a select does not open: this waits until the list has closed, before and after.
     */
    static void choose(Page page, Locator select, String option) {
        closed(select);
        select.click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(option).setExact(true)).click();
        closed(select);
    }

    private static void closed(Locator select) {
        assertThat(select.locator("vaadin-select-overlay[opened], vaadin-select-overlay[closing]")).hasCount(0);
    }
}
