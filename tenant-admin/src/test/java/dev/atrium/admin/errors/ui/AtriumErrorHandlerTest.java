package dev.atrium.admin.errors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.refusal.AtriumRefusal;

/** What a person is shown and what the log says when something escapes a component. */
class AtriumErrorHandlerTest {

    private static final Pattern REFERENCE = Pattern.compile("Referenz: (\\S+)$");

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AtriumErrorHandler.class);
    private final List<String> shown = new ArrayList<>();
    private String requestId;
    private final AtriumErrorHandler handler = new AtriumErrorHandler(new AtriumTranslations(List.of()), () -> requestId) {
        @Override
        protected void show(UI ui, String text) {
            shown.add(text);
        }
    };

    @BeforeEach
    void germanUi() {
        UI ui = new UI();
        ui.setLocale(Locale.GERMAN);
        UI.setCurrent(ui);
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void noUi() {
        UI.setCurrent(null);
        logger.detachAppender(log);
        logger.setLevel(null);
    }

    @Test
    void anUnexpectedErrorShowsTheGenericMessageWithTheRequestIdWhichTheLogNamesWithTheException() {
        requestId = "req-4711";
        IllegalStateException bug = new IllegalStateException("a bug");

        handler.error(new ErrorEvent(new RuntimeException(bug)));

        assertThat(shown).containsExactly("Etwas ist schiefgelaufen. Referenz: req-4711");
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains("req-4711");
            assertThat(event.getThrowableProxy().getCause().getMessage()).isEqualTo("a bug");
        });
    }

    @Test
    void outsideARequestTheReferenceIsMadeUpAndStillTheSameOnScreenAndInTheLog() {
        requestId = null;

        handler.error(new ErrorEvent(new IllegalStateException("a bug")));

        assertThat(shown).singleElement().asString().startsWith("Etwas ist schiefgelaufen. Referenz: ");
        Matcher reference = REFERENCE.matcher(shown.getFirst());
        assertThat(reference.find()).isTrue();
        assertThat(reference.group(1)).hasSizeGreaterThanOrEqualTo(32);
        assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString().contains(reference.group(1));
    }

    @Test
    void aRefusalThatEscapedIsShownAsItsOwnMessageInTheUisLanguageAndIsNoErrorInTheLog() {
        requestId = "req-1";
        AtriumRefusal lastOwner = new AtriumRefusal("member.last-owner") {
        };

        handler.error(new ErrorEvent(new RuntimeException(lastOwner)));

        assertThat(shown).containsExactly(
                "Sie sind der letzte Owner: Übertragen Sie die Inhaberschaft an ein anderes Mitglied, bevor Sie gehen.");
        assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void inEnglishTheGenericMessageIsEnglish() {
        UI.getCurrent().setLocale(Locale.ENGLISH);
        requestId = "req-2";

        handler.error(new ErrorEvent(new NullPointerException()));

        assertThat(shown).containsExactly("Something went wrong. Reference: req-2");
    }
}
