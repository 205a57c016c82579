package dev.atrium.admin.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permissions that open a {@link WorkspacePage}, declared once on the route class: a member holding any one of
 * them may open it, everyone else gets "not found". The layout's navigation entry ({@link WorkspaceNav}) is shown
 * by the same rule, so the page and its menu entry can never disagree.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PagePermission {

    /** Permission keys of the catalog, e.g. {@code members.view}; holding any one of them is enough. */
    String[] value();
}
