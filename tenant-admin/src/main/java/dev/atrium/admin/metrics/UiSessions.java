package dev.atrium.admin.metrics;

import java.util.concurrent.atomic.AtomicInteger;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code atrium.ui.sessions.active}: the Vaadin sessions this node holds (people with Atrium open in a browser). */
final class UiSessions implements VaadinServiceInitListener {

    private final AtomicInteger active = new AtomicInteger();

    UiSessions(MeterRegistry registry) {
        Gauge.builder("atrium.ui.sessions.active", active, AtomicInteger::get).description("UI sessions open on this node")
                .register(registry);
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(started -> active.incrementAndGet());
        event.getSource().addSessionDestroyListener(ended -> active.decrementAndGet());
    }
}
