package dev.atrium.app.sample;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionContributor;

/**
 * How a host application adds its own permissions: a bean contributing them to the catalog. They then appear in the
 * role editor under their area, the built-in roles named here (and Owner) hold them, and pages check them with
 * {@code AccessControl.has(scope, REPORTS_VIEW)} — see the home page's reports card.
 */
@Component
public class SamplePermissions implements PermissionContributor {

    public static final String REPORTS_VIEW = "reports.view";

    @Override
    public List<Permission> permissions() {
        return List.of(new Permission(REPORTS_VIEW, "Reports (sample app)", "View reports",
                "See the sample application's reports.", Set.of(BuiltInRoles.ADMIN, BuiltInRoles.MEMBER)));
    }
}
