package dev.atrium.admin.ui;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * Keeps the time zone the browser reports (its IANA id, e.g. Europe/Berlin) on each UI, where {@link Formats} reads
 * it: a person sees times in their own zone. Vaadin sends the browser's details with the first request of a UI, so the
 * zone is known before its first page renders. Registered through {@code META-INF/services}, which Vaadin reads with
 * or without Spring.
 */
public class BrowserTimeZone implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(BrowserTimeZone.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> remember(e.getUI()));
    }

    private static void remember(UI ui) {
        ui.getPage().retrieveExtendedClientDetails(details -> {
            String id = details.getTimeZoneId();
            if (id == null || id.isBlank()) {
                return;
            }
            try {
                ComponentUtil.setData(ui, ZoneId.class, ZoneId.of(id));
            } catch (DateTimeException e) {
                // A zone this JVM does not know: times stay in UTC, which Formats falls back to.
                log.debug("Browser time zone {} is unknown here; showing times in UTC", id);
            }
        });
    }
}
