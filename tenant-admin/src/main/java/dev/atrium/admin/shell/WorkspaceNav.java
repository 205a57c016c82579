package dev.atrium.admin.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * Puts a {@link WorkspacePage} into the workspace navigation of {@link MainLayout}, for members who may open it
 * (its {@link PagePermission}). The layout finds every registered route carrying this annotation, Atrium's and the
 * host's alike, so a host page needs no change to the library. The entry's id is {@code nav-} followed by the last
 * segment of the route, e.g. {@code nav-members}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WorkspaceNav {

    /** Translation key of the entry's label (Atrium's or the host's bundle). */
    String label();

    VaadinIcon icon();

    /** Entries are shown by ascending order; Atrium's own use 100 to 500 in steps of 100. */
    int order();
}
