package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;

import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** Everything works by keyboard alone: the invite flow without a single click. */
@AtriumE2ETest
class KeyboardTest extends BrowserTest {

    /** More than any of Atrium's pages has stops before its main action. */
    private static final int MAX_TABS = 40;

    @Test
    void anOwnerInvitesSomeoneWithTheKeyboardAlone() {
        String workspace = unique("Keys");
        AppShell shell = signIn(page, uniqueEmail("kim"), "Kim Keys");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        String slug = slugOf(page);
        page.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);

        tabTo(page.locator("#nav-invitations"));
        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile("/w/" + slug + "/invitations$"));
        InvitationsPage invitations = new InvitationsPage(page);

        tabTo(invitations.inviteButton());
        page.keyboard().press("Enter");
        Locator emails = page.locator("#invite-emails textarea");
        assertThat(emails).isFocused();
        String gus = uniqueEmail("gus");
        page.keyboard().type(gus);

        Locator role = page.locator("#invite-role");
        tabTo(role);
        page.keyboard().press("Enter");
        Locator guest = page.locator("#invite-role vaadin-select-item[role=option]").filter(new Locator.FilterOptions().setHasText("Guest"));
        guest.waitFor();
        for (int presses = 0; !hasFocus(guest); presses++) {
            assertThat(presses).as("arrow presses to reach Guest").isLessThan(MAX_TABS);
            page.keyboard().press("ArrowDown");
        }
        page.keyboard().press("Enter");
        assertThat(role.locator("vaadin-select-value-button")).hasText("Guest");

        Locator send = page.locator("#invite-submit");
        tabTo(send);
        page.keyboard().press("Enter");
        invitations.link(0).waitFor();
        Locator linksDialog = page.locator("#invitation-links-dialog");
        assertThat(invitations.link(0)).hasValue(Pattern.compile("/invite/"));
        for (int i = 0; i < 6; i++) {
            assertThat(hasFocus(linksDialog)).as("focus stays in the open dialog after %s tabs, not on %s", i, focused()).isTrue();
            page.keyboard().press("Tab");
        }
        for (int i = 0; i < 6; i++) {
            page.keyboard().press("Shift+Tab");
            assertThat(hasFocus(linksDialog)).as("focus stays in the open dialog after %s back-tabs, not on %s", i + 1, focused())
                    .isTrue();
        }

        tabTo(page.locator("#invitation-links-close"));
        page.keyboard().press("Enter");
        assertThat(page.locator("#invitation-links-close")).hasCount(0);
        assertThat(hasFocus(invitations.inviteButton())).as("focus returns to where the flow started").isTrue();

        assertThat(invitations.cellWith(gus)).isVisible();
        assertThat(invitations.cellWith("Guest")).isVisible();
    }

    /**
     * Whether the focused element, or the component it is part of, draws the focus: Vaadin marks keyboard
     * focus with a focus-ring attribute that Lumo styles, and plain elements show an outline or a shadow.
     */
    private static final String FOCUS_DRAWN = """
            () => {
              let focused = document.activeElement;
              while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
              for (let e = focused; e; e = e.parentElement ?? e.getRootNode().host) {
                const style = getComputedStyle(e);
                if (e.hasAttribute('focus-ring') || style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                    || style.boxShadow !== 'none') return true;
                if (e.localName.includes('-')) break;
              }
              return false;
            }""";

    /**
     * Presses Tab until the target holds the focus, and checks that the focus is visible there.
     */
    private void tabTo(Locator target) {
        target.first().waitFor();
        for (int presses = 0; !hasFocus(target); presses++) {
            assertThat(presses).as("Tab presses to reach %s", target).isLessThan(MAX_TABS);
            page.keyboard().press("Tab");
        }
        assertThat((Boolean) page.evaluate(FOCUS_DRAWN)).as("visible focus on %s", target).isTrue();
    }

    /** The focused element's start tag, inside shadow roots too. */
    private String focused() {
        return (String) page.evaluate("""
                () => {
                  let focused = document.activeElement;
                  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
                  return focused ? focused.outerHTML.substring(0, focused.outerHTML.indexOf('>') + 1) : 'nothing';
                }""");
    }

    /** Whether the element or something inside it (its shadow tree or its overlay's content) holds the focus. */
    private static boolean hasFocus(Locator element) {
        return (Boolean) element.evaluate("""
                e => {
                  let focused = document.activeElement;
                  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
                  for (let node = focused; node; node = node.parentNode ?? node.host) {
                    if (node === e) return true;
                  }
                  return false;
                }""");
    }
}
