package dev.atrium.admin.ui;

import org.mockito.Mockito;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;

/** A UI that components can be attached to without a servlet: unit tests of components use it. */
final class TestUis {

    private TestUis() {
    }

    /** A new UI in a session whose lock is held, made the current UI; clear it with {@code UI.setCurrent(null)}. */
    static UI current() {
        UI ui = new UI();
        // Attaching needs a session; a service answering nothing is enough for the components tested here.
        VaadinSession session = new VaadinSession(Mockito.mock(VaadinService.class, Mockito.RETURNS_DEEP_STUBS)) {
            @Override
            public boolean hasLock() {
                return true;
            }
        };
        ui.getInternals().setSession(session);
        UI.setCurrent(ui);
        return ui;
    }
}
