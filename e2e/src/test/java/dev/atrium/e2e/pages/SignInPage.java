package dev.atrium.e2e.pages;

import com.microsoft.playwright.Page;

/** The local OpenID Connect provider's sign-in form. */
public class SignInPage {

    private final Page page;

    public SignInPage(Page page) {
        this.page = page;
    }

    public void signIn(String email, String name) {
        page.locator("input[name=username]").fill(email);
        page.locator("textarea[name=claims]").fill("{\"name\": \"" + name + "\"}");
        page.locator("input[type=submit]").click();
    }

    public boolean isShown() {
        return page.locator("input[name=username]").isVisible();
    }

    public void waitUntilShown() {
        page.locator("input[name=username]").waitFor();
    }
}
