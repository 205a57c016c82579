package dev.atrium.admin.webhook.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.ui.Feedback;

/** An endpoint's new signing secret, to copy now: only a sealed copy is stored, and it is never shown again. */
public class WebhookSecretDialog extends Dialog {

    public static final String ID = "webhook-secret-dialog";
    public static final String SECRET_ID = "webhook-secret";
    public static final String COPY_ID = "copy-webhook-secret";
    public static final String CLOSE_ID = "webhook-secret-close";

    /** @param rotated whether it replaced a secret (which then signs alongside for a day) */
    public WebhookSecretDialog(String secret, boolean rotated) {
        setId(ID);
        setHeaderTitle(getTranslation("webhook.secret.title"));
        setWidth("min(40rem, 95vw)");
        TextField field = new TextField();
        field.setId(SECRET_ID);
        field.setValue(secret);
        field.setReadOnly(true);
        field.setAriaLabel(getTranslation("webhook.secret.label"));
        field.setWidthFull();
        Button copy = new Button(getTranslation("webhook.secret.copy"), VaadinIcon.COPY.create(), e -> copy(secret));
        copy.setId(COPY_ID);
        HorizontalLayout line = new HorizontalLayout(field, copy);
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        line.setWidthFull();
        Paragraph once = new Paragraph(getTranslation(rotated ? "webhook.secret.rotated" : "webhook.secret.once"));
        once.addClassName("atrium-note");
        add(line, once);
        Button close = new Button(getTranslation("webhook.secret.close"), e -> close());
        close.setId(CLOSE_ID);
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
    }

    /** The browser may refuse the clipboard; then the person copies by hand. */
    private void copy(String secret) {
        UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", secret)
                .then(done -> Feedback.success(getTranslation("webhook.secret.copied")),
                        error -> Feedback.error(getTranslation("webhook.secret.not-copied")));
    }
}
