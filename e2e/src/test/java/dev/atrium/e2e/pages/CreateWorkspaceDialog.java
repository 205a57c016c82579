package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The "Create a workspace" dialog. */
public class CreateWorkspaceDialog {

    private final Page page;

    public CreateWorkspaceDialog(Page page) {
        this.page = page;
        nameField().waitFor();
    }

    public Locator nameField() {
        return page.locator("#workspace-name-field input");
    }

    public Locator slugField() {
        return page.locator("#workspace-slug-field input");
    }

    public CreateWorkspaceDialog enterName(String name) {
        nameField().fill(name);
        return this;
    }

    public CreateWorkspaceDialog enterSlug(String slug) {
        slugField().fill(slug);
        return this;
    }

    public void submit() {
        page.locator("#create-workspace-submit").click();
    }

    /** The message the dialog shows under the name field. */
    public Locator nameError() {
        return page.locator("#workspace-name-field [slot=error-message]");
    }

    /** A refusal that is about no field, such as a rate limit. */
    public Locator error() {
        return page.locator("#create-workspace-error");
    }

    /** "Your colleagues at … use …" above the name field, for the workspace. */
    public Locator joinSuggestion(String slug) {
        return page.locator("#create-workspace-join-suggestions .join-suggestion[data-workspace='" + slug + "']");
    }

    public void cancel() {
        page.locator("#create-workspace-cancel").click();
        nameField().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    }

    public Locator slugError() {
        return page.locator("#workspace-slug-field [slot=error-message]");
    }
}
