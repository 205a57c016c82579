package dev.atrium.admin.ui;

import java.util.Arrays;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;

/** Notifications and confirmations of Atrium's components, so that they look and behave alike. */
public final class Feedback {

    private static final int SUCCESS_MILLIS = 5_000;
    /** Errors explain why nothing (or not everything) happened: they stay longer. */
    private static final int ERROR_MILLIS = 10_000;

    private Feedback() {
    }

    /** One line per argument. */
    public static void success(String... lines) {
        show(NotificationVariant.LUMO_SUCCESS, SUCCESS_MILLIS, lines);
    }

    public static void error(String... lines) {
        show(NotificationVariant.LUMO_ERROR, ERROR_MILLIS, lines);
    }

    /** The refusal's message in the UI's language, as an error notification. */
    public static void refusal(AtriumRefusal refusal) {
        error(text(refusal));
    }

    /** The refusal's message in the UI's language, e.g. for a field's error message. */
    public static String text(AtriumRefusal refusal) {
        return text(refusal.reason());
    }

    /** The reason's message ({@code error.<code>}) in the UI's language. */
    public static String text(Reason reason) {
        UI ui = UI.getCurrent();
        return ui.getTranslation(reason.messageKey(), reason.args(key -> ui.getTranslation(key)));
    }

    /** A question with Cancel and {@code confirmText}; {@code onConfirm} runs only when the person confirms. */
    public static ConfirmDialog confirm(String id, String header, String text, String confirmText, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId(id);
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setCancelText(UI.getCurrent().getTranslation("ui.feedback.cancel"));
        // Neutral text: readable on any backdrop (the primary colour of a tertiary button is not, on Lumo's grey).
        dialog.setCancelButtonTheme("tertiary contrast");
        dialog.setConfirmText(confirmText);
        dialog.addConfirmListener(e -> onConfirm.run());
        return dialog;
    }

    private static void show(NotificationVariant variant, int millis, String... lines) {
        Notification notification = new Notification(Arrays.stream(lines).map(Div::new).toArray(Div[]::new));
        notification.setDuration(millis);
        notification.addThemeVariants(variant);
        notification.open();
    }
}
