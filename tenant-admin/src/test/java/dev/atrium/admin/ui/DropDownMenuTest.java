package dev.atrium.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.internal.nodefeature.ElementListenerMap;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A drop-down menu is not made until its button is first clicked, has no items until it opens, lists what is true when
 * it opens, and lets go of its items when closed.
 */
class DropDownMenuTest {

    private final UI ui = TestUis.current();
    private final Button button = new Button("Menu");
    private final AtomicInteger opened = new AtomicInteger();
    private final List<String> chosen = new ArrayList<>();
    private DropDownMenu menu;

    @BeforeEach
    void menuOnAButton() {
        ui.add(button);
        DropDownMenu.on(button, items -> {
            int time = opened.incrementAndGet();
            items.addItem("Opened " + time, e -> chosen.add("Opened " + time));
            items.addItem("Sign out");
        });
        menu = firstClick();
    }

    /** The menu the button's first click made; the browser is asked to click again, now to open it. */
    private DropDownMenu firstClick() {
        assertThat(menus()).as("no menu before the first click").isEmpty();
        fire(button.getElement(), "click");
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        assertThat(ui.getInternals().dumpPendingJavaScriptInvocations())
                .anySatisfy(js -> assertThat(js.getInvocation().getExpression()).contains("this.click()"));
        assertThat(menus()).hasSize(1);
        return menus().getFirst();
    }

    private List<DropDownMenu> menus() {
        return ui.getChildren().filter(DropDownMenu.class::isInstance).map(DropDownMenu.class::cast).toList();
    }

    @AfterEach
    void noUi() {
        UI.setCurrent(null);
    }

    @Test
    void hasNoItemsUntilItOpensAndThenListsWhatIsTrueThen() {
        assertThat(menu.getItems()).isEmpty();
        assertThat(button.getElement().getAttribute("aria-haspopup")).isEqualTo("menu");

        openFromTheBrowser();

        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 1", "Sign out");
    }

    @Test
    void dropsItsItemsOnceClosedAfterTheRoundTripsEventsAndMakesThemAgainOnTheNextOpening() {
        openFromTheBrowser();
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

        openFromTheBrowser();
        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 2", "Sign out");
    }

    @Test
    void aReopeningBeforeTheLastClosingsAnimationEndedStaysInThePage() {
        openFromTheBrowser();
        menu.getElement().setProperty("opened", true);
        menu.getElement().setProperty("opened", false);
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();

        // Clicked again while the menu was still fading out: the end of that fade reaches the server after the reopening.
        openFromTheBrowser();
        fire(menu.getElement(), "closed");
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();

        assertThat(menu.isAttached()).as("the reopened menu is still in the page").isTrue();
        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 2", "Sign out");
    }

    @Test
    void laterClicksOpenTheMenuTheFirstMadeWithoutMakingAnother() {
        fire(button.getElement(), "click");
        openFromTheBrowser();

        assertThat(menus()).containsExactly(menu);
        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 1", "Sign out");
    }

    @Test
    void leavesThePageWithItsButton() {
        openFromTheBrowser();
        ui.remove(button);

        assertThat(menu.isAttached()).isFalse();
    }

    private void openFromTheBrowser() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("event.detail");
        button.getElement().getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(button.getElement(), "vaadin-context-menu-before-open", data));
    }

    private static void fire(Element element, String type) {
        element.getNode().getFeature(ElementListenerMap.class)
                .fireEvent(new DomEvent(element, type, JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void aReopeningInTheRoundTripOfTheClosingKeepsItsNewItems() {
        openFromTheBrowser();
        menu.getElement().setProperty("opened", true);

        menu.getElement().setProperty("opened", false);
        openFromTheBrowser();
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();

        assertThat(menu.getItems()).extracting(MenuItem::getText).containsExactly("Opened 2", "Sign out");
    }
}
