package dev.atrium.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

import tools.jackson.databind.node.JsonNodeFactory;

/** A drop-down menu has no items until it opens, lists what is true when it opens, and lets go of its items when closed. */
class DropDownMenuTest {

    private final UI ui = new UI();
    private final Button button = new Button("Menu");
    private final AtomicInteger opened = new AtomicInteger();
    private final List<String> chosen = new ArrayList<>();
    private DropDownMenu menu;

    @BeforeEach
    void menuOnAButton() {
        // Attaching needs a session; a service answering nothing is enough for a menu.
        VaadinSession session = new VaadinSession(Mockito.mock(VaadinService.class, Mockito.RETURNS_DEEP_STUBS)) {
            @Override
            public boolean hasLock() {
                return true;
            }
        };
        ui.getInternals().setSession(session);
        UI.setCurrent(ui);
        ui.add(button);
        menu = new DropDownMenu(button, items -> {
            int time = opened.incrementAndGet();
            items.addItem("Opened " + time, e -> chosen.add("Opened " + time));
            items.addItem("Sign out");
        });
    }

    @AfterEach
    void noUi() {
        UI.setCurrent(null);
    }

    @Test
    void hasNoItemsUntilItOpensAndThenListsWhatIsTrueThen() {
        assertThat(menu.getItems()).isEmpty();
        assertThat(button.getElement().getAttribute("aria-haspopup")).isEqualTo("menu");

        assertThat(menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode())).isTrue();

        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 1", "Sign out");
    }

    @Test
    void dropsItsItemsOnceClosedAfterTheRoundTripsEventsAndMakesThemAgainOnTheNextOpening() {
        menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode());
        menu.getElement().setProperty("opened", true);
        MenuItem item = menu.getItems().getFirst();

        menu.getElement().setProperty("opened", false);
        // A chosen item's click arrives with the closing: it still reaches the item's listener.
        assertThat(menu.getItems()).hasSize(2);
        item.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(item.getElement(), "click", JsonNodeFactory.instance.objectNode()));
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();

        assertThat(chosen).containsExactly("Opened 1");
        assertThat(menu.getItems()).isEmpty();

        menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode());
        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 2", "Sign out");
    }

    @Test
    void aReopeningInTheRoundTripOfTheClosingKeepsItsNewItems() {
        menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode());
        menu.getElement().setProperty("opened", true);

        menu.getElement().setProperty("opened", false);
        menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode());
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();

        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 2", "Sign out");
    }
}
