package dev.atrium.admin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.ContextMenuPosition;
import com.vaadin.flow.function.SerializableConsumer;

import tools.jackson.databind.node.ObjectNode;

/**
 * A menu that opens under its button when clicked, whose items are made each time it opens (and kept until it opens
 * again). Every item is a component with its own state and click listener, kept for as long as the session lasts,
 * while most people never open most menus; made on opening, the items also show what is true then. They are not
 * dropped on closing: a closing and the next opening can reach the server in one round trip, and the drop would then
 * take the new items.
 */
public class DropDownMenu extends ContextMenu {

    private final SerializableConsumer<DropDownMenu> items;

    /** A menu under {@code button}, which marks itself as opening one; {@code items} adds the items when it opens. */
    public DropDownMenu(Component button, SerializableConsumer<DropDownMenu> items) {
        super(button);
        this.items = items;
        setOpenOnClick(true);
        setPosition(ContextMenuPosition.BOTTOM_START);
        button.getElement().setAttribute("aria-haspopup", "menu");
    }

    @Override
    protected boolean onBeforeOpenMenu(ObjectNode eventDetail) {
        removeAll();
        items.accept(this);
        return true;
    }
}
