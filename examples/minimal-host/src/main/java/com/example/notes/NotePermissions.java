package com.example.notes;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionContributor;

/**
 * The host's permissions in Atrium's catalog: Guests (and up) read notes, Members (and up) write them. Their texts are
 * in messages.properties ({@code permission.notes.view.name}, …, {@code permission.area.notes}).
 */
@Component
public class NotePermissions implements PermissionContributor {

    public static final String NOTES_VIEW = "notes.view";
    public static final String NOTES_EDIT = "notes.edit";

    private static final String AREA = "notes";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(NOTES_VIEW, AREA, Set.of(BuiltInRoles.GUEST)),
                new Permission(NOTES_EDIT, AREA, Set.of(BuiltInRoles.MEMBER)));
    }
}
