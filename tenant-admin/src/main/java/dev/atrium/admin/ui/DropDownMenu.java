package dev.atrium.admin.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.ContextMenuPosition;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.DomEventListener;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;

import tools.jackson.databind.node.ObjectNode;

/**
 * A menu that opens under its button when clicked, whose items are made each time it opens and dropped once it has
 * closed. Every item is a component with its own state and click listener, kept for as long as the session lasts,
 * while most people never open most menus; made on opening, the items also show what is true then. The menu itself,
 * a component with its own state and listeners too, is made at the button's first click ({@link #on}).
 */
public class DropDownMenu extends ContextMenu {

    private final SerializableConsumer<DropDownMenu> items;
    /** Openings so far: a closing drops the items only if no opening came after it in the same round trip. */
    private int openings;

    /**
     * Makes {@code button}, which marks itself as opening a menu, open one whose items {@code items} adds when it
     * opens. Until the first click the button has only that click's listener; the click makes the menu, which then
     * opens as every later click opens it (the browser clicks the button again once the menu listens).
     */
    public static void on(Button button, SerializableConsumer<DropDownMenu> items) {
        button.getElement().setAttribute("aria-haspopup", "menu");
        new FirstClick(button, items);
    }

    /**
     * The button's listener until its first click, which makes the menu and then lets go of the listener: a listener of
     * the element's click, which asks the browser for none of the details a {@code ClickEvent} carries.
     */
    private static final class FirstClick implements DomEventListener {

        private final Button button;
        private final SerializableConsumer<DropDownMenu> items;
        private final Registration registration;
        private boolean clicked;

        private FirstClick(Button button, SerializableConsumer<DropDownMenu> items) {
            this.button = button;
            this.items = items;
            this.registration = button.getElement().addEventListener("click", this);
        }

        @Override
        public void handleEvent(DomEvent click) {
            if (clicked) {
                return;
            }
            clicked = true;
            registration.remove();
            new DropDownMenu(button, items);
            // After the menu's connector, which starts listening once the menu's element is defined.
            button.getElement().executeJs("customElements.whenDefined('vaadin-context-menu').then(() => this.click())");
        }
    }

    private DropDownMenu(Button button, SerializableConsumer<DropDownMenu> items) {
        super(button);
        this.items = items;
        setOpenOnClick(true);
        setPosition(ContextMenuPosition.BOTTOM_START);
        // In the page for as long as its button is. Left to Vaadin, the menu leaves the page when its closing animation
        // ends; news of that end can reach the server after a quick reopening and take the reopened menu away.
        button.getUI().ifPresent(ui -> ui.add(this));
        button.addAttachListener(e -> e.getUI().add(this));
        button.addDetachListener(e -> removeFromParent());
        // After this round trip's events: a chosen item's click reaches the server together with the closing, and a
        // quick reopening may too, whose new items must stay.
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                return;
            }
            int closedAfter = openings;
            button.getUI().ifPresent(ui -> ui.beforeClientResponse(ui, context -> {
                if (openings == closedAfter && !isOpened()) {
                    removeAll();
                }
            }));
        });
    }

    /**
     * Makes the items and then opens the menu itself, once they are in the browser: the browser draws a menu's items as
     * it opens, so Vaadin's own opening, which comes first, would show the items of the last opening.
     */
    @Override
    protected boolean onBeforeOpenMenu(ObjectNode eventDetail) {
        openings++;
        removeAll();
        items.accept(this);
        getUI().ifPresent(ui -> ui.beforeClientResponse(this, context -> getTarget().getElement()
                .callJsFunction("$contextMenuTargetConnector.openMenu", getElement())));
        return false;
    }
}
