package dev.atrium.admin.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.internal.JacksonUtils;

/**
 * A text select's options reach the browser whenever the select is put into the page, and the session does not keep
 * their labels; a choice made in the browser is the option at its position.
 */
class TextSelectTest {

    private final UI ui = TestUis.current();
    private final TextSelect<String> select = new TextSelect<>();

    @AfterEach
    void clearCurrent() {
        UI.setCurrent(null);
    }

    @Test
    void theOptionsAreSentAtEveryAttachAndNotKept() {
        select.setOptions("All roles", List.of("owner", "member"), String::toUpperCase);
        ui.add(select);
        assertThat(sentItems()).containsExactly("""
                [{"label":"All roles","value":""},{"label":"OWNER","value":"0"},{"label":"MEMBER","value":"1"}]""");
        assertThat(select.getElement().hasProperty("items")).as("labels kept by the session").isFalse();

        ui.remove(select);
        ui.add(select);
        assertThat(sentItems()).as("a new element in the browser has no items yet").hasSize(1);

        select.setOptions("All roles", List.of("admin"), String::toUpperCase);
        assertThat(sentItems()).containsExactly("""
                [{"label":"All roles","value":""},{"label":"ADMIN","value":"0"}]""");
    }

    @Test
    void aChoiceInTheBrowserIsTheOptionAtItsPosition() {
        select.setOptions("All roles", List.of("owner", "member"), String::toUpperCase);
        ui.add(select);
        select.getElement().setProperty("value", "1");
        assertThat(select.getValue()).isEqualTo("member");
        select.getElement().setProperty("value", "");
        assertThat(select.getValue()).isNull();
    }

    /** The items this round trip sets in the browser, as JSON; the queue is emptied as the browser would. */
    private List<String> sentItems() {
        ui.getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return ui.getInternals().dumpPendingJavaScriptInvocations().stream()
                .filter(js -> js.getInvocation().getExpression().contains("this.items = "))
                .map(js -> JacksonUtils.getMapper().valueToTree(js.getInvocation().getParameters().getFirst()).toString())
                .toList();
    }
}
