package dev.atrium.admin.ui;

import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.select.Select;

/** Accessibility details Vaadin's components leave to the application. */
public final class Aria {

    private Aria() {
    }

    /**
     * Names the list a {@link Select} opens: Vaadin names the select's button but not its list box, so a screen reader
     * would announce a nameless list of options.
     */
    public static void nameOptions(Select<?> select, String name) {
        select.getElement().getChildren().filter(child -> "vaadin-select-list-box".equals(child.getTag()))
                .forEach(listBox -> listBox.setAttribute("aria-label", name));
    }

    /**
     * Names the list a {@link TextSelect} opens, as {@link #nameOptions(Select, String)} does for Vaadin's: the
     * browser makes that list (into the select's own children) when the options are first shown, and again when they
     * change, so it is named whenever it appears.
     */
    public static void nameOptions(TextSelect<?> select, String name) {
        select.getElement().executeJs("""
                const name = $0;
                const apply = () => this.querySelectorAll('vaadin-select-list-box').forEach(list => {
                  if (list.getAttribute('aria-label') !== name) {
                    list.setAttribute('aria-label', name);
                  }
                });
                apply();
                new MutationObserver(apply).observe(this, {childList: true, subtree: true});
                """, name);
    }

    /**
     * Makes a menu item one of a set of choices that screen readers announce as chosen or not: Vaadin shows a
     * checkable item's tick ({@code menu-item-checked}) but gives it role {@code menuitem}, which has no checked
     * state, and sets that role again whenever the menu renders. The item keeps role {@code menuitemradio} with
     * {@code aria-checked}, restored in the browser right after the menu resets it. The item's tick is set here too.
     */
    public static void choice(MenuItem item, boolean chosen) {
        item.setCheckable(true);
        item.setChecked(chosen);
        item.getElement().executeJs("""
                const item = this;
                const apply = () => {
                  if (item.getAttribute('role') !== 'menuitemradio') {
                    item.setAttribute('role', 'menuitemradio');
                  }
                  item.setAttribute('aria-checked', $0 ? 'true' : 'false');
                };
                apply();
                new MutationObserver(apply).observe(item, {attributes: true, attributeFilter: ['role']});
                """, chosen);
    }
}
