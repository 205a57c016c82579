package dev.atrium.admin.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.dom.Element;

/**
 * Decorative icons on pages every member opens, as {@code vaadin-icon} elements rather than {@link Icon} components: an
 * icon never talks to the server, while a component costs the session its state (and, the first of its class in a UI,
 * an entry in the UI's loaded dependencies) for as long as the page shows. The shell's {@code @Uses(Icon.class)} loads
 * the element's definition.
 */
public final class Icons {

    private Icons() {
    }

    /** Puts {@code icon} into the {@code slot} ("prefix", "suffix") of {@code component}. */
    public static void inSlot(HasElement component, String slot, VaadinIcon icon) {
        component.getElement().appendChild(new Element("vaadin-icon").setAttribute("icon", new Icon(icon).getIcon())
                .setAttribute("slot", slot));
    }
}
