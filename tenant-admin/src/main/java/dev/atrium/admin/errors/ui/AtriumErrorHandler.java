package dev.atrium.admin.errors.ui;

import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.ui.Feedback;

/**
 * Every Vaadin session's error handler. A refusal that no component caught is shown as its message in the UI's
 * language (it is an answer, not a fault: logged at debug). Anything else is logged as an error with a reference, the
 * request id, and the person is shown a generic message with that reference, to quote when asking for help. Errors
 * that only mean the browser went away are ignored, as Vaadin's default handler does.
 */
public class AtriumErrorHandler extends DefaultErrorHandler {

    /** The message of anything unexpected; its argument is the reference. */
    public static final String UNEXPECTED = "error.unexpected";

    private static final Logger LOG = LoggerFactory.getLogger(AtriumErrorHandler.class);

    private final I18NProvider translations;
    private final Supplier<@Nullable String> requestId;

    /** @param requestId the current request's id, or null outside a request (a new reference is made then) */
    public AtriumErrorHandler(I18NProvider translations, Supplier<@Nullable String> requestId) {
        this.translations = translations;
        this.requestId = requestId;
    }

    @Override
    public void error(ErrorEvent event) {
        Throwable thrown = event.getThrowable();
        if (!shouldHandle(thrown)) {
            return;
        }
        UI ui = UI.getCurrent();
        AtriumRefusal refusal = refusalIn(thrown);
        if (refusal != null) {
            LOG.debug("Refused: {}", refusal.getMessage());
            if (ui != null) {
                show(ui, translations.getTranslation(refusal.messageKey(), ui.getLocale(),
                        refusal.reason().args(key -> translations.getTranslation(key, ui.getLocale()))));
            }
            return;
        }
        String reference = reference();
        LOG.error("Unexpected error, reference {}", reference, thrown);
        if (ui != null) {
            show(ui, translations.getTranslation(UNEXPECTED, ui.getLocale(), reference));
        }
    }

    /** Shows the text in the UI, as an error notification. */
    protected void show(UI ui, String text) {
        Feedback.error(text);
    }

    private String reference() {
        String id = requestId.get();
        return id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    }

    /** The refusal itself or the one it wraps (Vaadin wraps what a listener throws). */
    private static @Nullable AtriumRefusal refusalIn(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AtriumRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }
}
