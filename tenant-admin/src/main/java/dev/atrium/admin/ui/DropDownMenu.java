package dev.atrium.admin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.ContextMenuPosition;
import com.vaadin.flow.function.SerializableConsumer;

import tools.jackson.databind.node.ObjectNode;

/**
 * A menu that opens under its button when clicked, whose items are made each time it opens and dropped once it has
 * closed. Every item is a component with its own state and click listener, kept for as long as the session lasts,
 * while most people never open most menus; made on opening, the items also show what is true then.
 */
public class DropDownMenu extends ContextMenu {

    private final SerializableConsumer<DropDownMenu> items;
    /** Openings so far: a closing drops the items only if no opening came after it in the same round trip. */
    private int openings;

    /** A menu under {@code button}, which marks itself as opening one; {@code items} adds the items when it opens. */
    public DropDownMenu(Component button, SerializableConsumer<DropDownMenu> items) {
        super(button);
        this.items = items;
        setOpenOnClick(true);
        setPosition(ContextMenuPosition.BOTTOM_START);
        button.getElement().setAttribute("aria-haspopup", "menu");
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

    @Override
    protected boolean onBeforeOpenMenu(ObjectNode eventDetail) {
        openings++;
        removeAll();
        items.accept(this);
        return true;
    }
}
