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

/** A drop-down menu has no items until it opens, and lists what is true each time it opens. */
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
    void makesItsItemsAgainOnEachOpeningAndAChosenItemReachesItsListener() {
        menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode());
        MenuItem item = menu.getItems().getFirst();
        item.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(item.getElement(), "click", JsonNodeFactory.instance.objectNode()));
        assertThat(chosen).containsExactly("Opened 1");

        menu.onBeforeOpenMenu(JsonNodeFactory.instance.objectNode());
        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 2", "Sign out");
    }
}
