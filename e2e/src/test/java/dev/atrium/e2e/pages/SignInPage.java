package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * Signing in: Atrium's sign-in page (e-mail first; it sends the address to its workspace's identity provider or to
 * the app-wide one), then the local OpenID Connect provider's form.
 */
public class SignInPage {

    private final Page page;

    public SignInPage(Page page) {
        this.page = page;
    }

    /** Through the app-wide local provider, which takes the address as subject and e-mail. */
    public void signIn(String email, String name) {
        if (atriumOrProvider()) {
            enterEmail(email);
        }
        atProvider(email, "{\"name\": \"" + name + "\"}");
    }

    /** Atrium's sign-in page: types the address and continues. */
    public void enterEmail(String email) {
        emailField().fill(email);
        page.locator("#sign-in-continue").click();
    }

    /** The identity provider's form (the local provider, any of its issuers): the subject and the ID token's claims. */
    public void atProvider(String subject, String claimsJson) {
        page.locator("input[name=username]").fill(subject);
        page.locator("textarea[name=claims]").fill(claimsJson);
        page.locator("input[type=submit]").click();
    }

    public Locator emailField() {
        return page.locator("#sign-in-email input");
    }

    /** Why the last sign-in failed, as Atrium's sign-in page says it. */
    public Locator error() {
        return page.locator("#sign-in-error");
    }

    public boolean isShown() {
        return emailField().isVisible() || page.locator("input[name=username]").isVisible();
    }

    /** Atrium's sign-in page or, when already past it, the provider's form. */
    public void waitUntilShown() {
        atriumOrProvider();
    }

    /** Waits for either page; true when it is Atrium's. */
    private boolean atriumOrProvider() {
        page.locator("#sign-in-email input, input[name=username]").first().waitFor();
        return emailField().isVisible();
    }
}
