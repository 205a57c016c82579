package dev.atrium.admin.joinlink.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.joinlink.CreatedJoinLink;
import dev.atrium.admin.ui.Feedback;

/** A new join link's URL, to copy now: only its hash is stored, so it cannot be shown again. */
public class JoinLinkCreatedDialog extends Dialog {

    public static final String ID = "join-link-created-dialog";
    public static final String URL_ID = "join-link-url";
    public static final String COPY_ID = "copy-join-link";
    public static final String CLOSE_ID = "join-link-created-close";

    public JoinLinkCreatedDialog(CreatedJoinLink created) {
        setId(ID);
        setHeaderTitle(getTranslation("joinlink.created.title", created.link().roleName()));
        setWidth("min(40rem, 95vw)");
        TextField url = new TextField();
        url.setId(URL_ID);
        url.setValue(created.url());
        url.setReadOnly(true);
        url.setAriaLabel(getTranslation("joinlink.created.url"));
        url.setWidthFull();
        Button copy = new Button(getTranslation("joinlink.created.copy"), VaadinIcon.COPY.create(), e -> copy(created.url()));
        copy.setId(COPY_ID);
        HorizontalLayout line = new HorizontalLayout(url, copy);
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        line.setWidthFull();
        Paragraph once = new Paragraph(getTranslation("joinlink.created.once"));
        once.addClassName("atrium-note");
        add(line, once);
        Button close = new Button(getTranslation("joinlink.created.close"), e -> close());
        close.setId(CLOSE_ID);
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(close);
    }

    /** The browser may refuse the clipboard (no permission, page not focused); then the person copies by hand. */
    private void copy(String url) {
        UI.getCurrent().getPage().executeJs("return navigator.clipboard.writeText($0)", url)
                .then(done -> Feedback.success(getTranslation("joinlink.created.copied")),
                        error -> Feedback.error(getTranslation("joinlink.created.not-copied")));
    }
}
