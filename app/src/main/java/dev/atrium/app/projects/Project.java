package dev.atrium.app.projects;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A project of the bound workspace. */
public record Project(UUID id, String name, UUID createdBy, OffsetDateTime createdAt) {

    /** Sort properties the projects list accepts. */
    public static final String SORT_NAME = "name";
    public static final String SORT_CREATED = "created";
}
