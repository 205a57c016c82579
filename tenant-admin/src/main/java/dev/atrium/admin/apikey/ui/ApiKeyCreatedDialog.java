package dev.atrium.admin.apikey.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.apikey.CreatedApiKey;
import dev.atrium.admin.apikey.CreatedPlatformApiKey;
import dev.atrium.admin.ui.Feedback;

/** A new key's secret, to copy now: only its hash is stored, so it cannot be shown again. */
public class ApiKeyCreatedDialog extends Dialog {

    public static final String ID = "api-key-created-dialog";
    public static final String SECRET_ID = "api-key-secret";
    public static final String COPY_ID = "copy-api-key";
    public static final String CLOSE_ID = "api-key-created-close";

    public ApiKeyCreatedDialog(CreatedApiKey created) {
        this(created.key().name(), created.secret());
    }

    public ApiKeyCreatedDialog(CreatedPlatformApiKey created) {
        this(created.key().name(), created.secret());
    }

    private ApiKeyCreatedDialog(String name, String secretText) {
        setId(ID);
        setHeaderTitle(getTranslation("apikey.created.title", name));
        setWidth("min(48rem, 95vw)");
        TextField secret = new TextField();
        secret.setId(SECRET_ID);
        secret.setValue(secretText);
        secret.setReadOnly(true);
        secret.setAriaLabel(getTranslation("apikey.created.secret"));
        secret.setWidthFull();
        Button copy = new Button(getTranslation("apikey.created.copy"), VaadinIcon.COPY.create(), e -> copy(secretText));
        copy.setId(COPY_ID);
        HorizontalLayout line = new HorizontalLayout(secret, copy);
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        line.setWidthFull();
        Paragraph once = new Paragraph(getTranslation("apikey.created.once"));
        once.addClassName("atrium-note");
        add(line, once);
        Button close = new Button(getTranslation("apikey.created.close"), e -> close());
        close.setId(CLOSE_ID);
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
    }

    /** The browser may refuse the clipboard (no permission, page not focused); then the person copies by hand. */
    private void copy(String secret) {
        UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", secret)
                .then(done -> Feedback.success(getTranslation("apikey.created.copied")),
                        error -> Feedback.error(getTranslation("apikey.created.not-copied")));
    }
}
