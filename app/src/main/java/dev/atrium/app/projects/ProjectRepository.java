package dev.atrium.app.projects;

import static dev.atrium.app.jooq.Tables.PROJECT;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Sorting;

/**
 * SQL on the bound workspace's {@code project} table. Every method takes the workspace's {@code DSLContext}
 * ({@code TenantDsl.of(scope)}), whose render mapping writes the workspace's schema for the generated "tenant" one:
 * a lookup by id can only find a project of that workspace.
 */
@Repository
class ProjectRepository {

    private static final Map<String, Field<?>> SORTABLE = Map.of(
            Project.SORT_NAME, PROJECT.NAME,
            Project.SORT_CREATED, PROJECT.CREATED_AT);

    List<Project> page(DSLContext tenant, PageRequest page) {
        return tenant.selectFrom(PROJECT)
                .orderBy(Sorting.orderBy(page, SORTABLE, List.of(PROJECT.NAME.asc()), PROJECT.ID.asc()))
                .offset(page.offset())
                .limit(page.limit())
                .fetch(ProjectRepository::toProject);
    }

    int count(DSLContext tenant) {
        return tenant.fetchCount(PROJECT);
    }

    Project insert(DSLContext tenant, String name, UUID createdBy, OffsetDateTime createdAt) {
        return tenant.insertInto(PROJECT)
                .set(PROJECT.NAME, name)
                .set(PROJECT.CREATED_BY, createdBy)
                .set(PROJECT.CREATED_AT, createdAt)
                .returning()
                .fetchSingle(ProjectRepository::toProject);
    }

    /** The project, locked until the transaction ends; empty when the workspace has no such project. */
    Optional<Project> lock(DSLContext tenant, UUID id) {
        return tenant.selectFrom(PROJECT).where(PROJECT.ID.eq(id)).forUpdate().fetchOptional(ProjectRepository::toProject);
    }

    /** @return how many rows changed: 0 when the project is gone */
    int rename(DSLContext tenant, UUID id, String name) {
        return tenant.update(PROJECT).set(PROJECT.NAME, name).where(PROJECT.ID.eq(id)).execute();
    }

    /** @return how many rows were deleted: 0 when the project is gone */
    int delete(DSLContext tenant, UUID id) {
        return tenant.deleteFrom(PROJECT).where(PROJECT.ID.eq(id)).execute();
    }

    private static Project toProject(Record r) {
        return new Project(r.get(PROJECT.ID), r.get(PROJECT.NAME), r.get(PROJECT.CREATED_BY), r.get(PROJECT.CREATED_AT));
    }
}
