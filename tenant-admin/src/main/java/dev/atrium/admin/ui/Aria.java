package dev.atrium.admin.ui;

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
}
