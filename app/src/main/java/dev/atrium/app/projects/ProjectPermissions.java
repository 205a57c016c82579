package dev.atrium.app.projects;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionContributor;

/**
 * How a host application adds its own permissions: a bean contributing them to the catalog. They appear in the role
 * editor under their area, the built-in roles named here (the roles above them, and Owner) hold them, and the host's
 * service checks them with {@code AccessControl.require}. Their names, descriptions and the area's name are in the
 * host's bundle (messages.properties): {@code permission.projects.view.name}, … and {@code permission.area.projects}. Members see projects, Admins (and Owners) change them; a
 * custom role can hold either.
 */
@Component
public class ProjectPermissions implements PermissionContributor {

    public static final String PROJECTS_VIEW = "projects.view";
    public static final String PROJECTS_EDIT = "projects.edit";

    private static final String AREA = "projects";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(PROJECTS_VIEW, AREA, Set.of(BuiltInRoles.MEMBER)),
                new Permission(PROJECTS_EDIT, AREA, Set.of(BuiltInRoles.ADMIN)));
    }
}
