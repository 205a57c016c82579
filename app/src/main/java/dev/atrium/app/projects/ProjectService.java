package dev.atrium.app.projects;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;

/**
 * The bound workspace's projects. Reading needs {@code projects.view}, every change {@code projects.edit}; each change
 * writes its audit event in its own transaction. A project is reached only through the workspace's schema, so an id
 * from another workspace is simply not found.
 */
@Service
public class ProjectService {

    public static final int MAX_NAME_LENGTH = 100;

    public static final String PROJECT_CREATED = "project.created";
    public static final String PROJECT_RENAMED = "project.renamed";
    public static final String PROJECT_DELETED = "project.deleted";

    private final ProjectRepository projects;
    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final AuditLog audit;
    private final Clock clock;

    ProjectService(ProjectRepository projects, TenantDsl tenantDsl, AccessControl access, AuditLog audit, Clock clock) {
        this.projects = projects;
        this.tenantDsl = tenantDsl;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Project> page(TenantScope scope, PageRequest page) {
        access.require(scope, ProjectPermissions.PROJECTS_VIEW);
        return projects.page(tenantDsl.of(scope), page);
    }

    public int count(TenantScope scope) {
        access.require(scope, ProjectPermissions.PROJECTS_VIEW);
        return projects.count(tenantDsl.of(scope));
    }

    @Transactional
    public Project create(TenantScope scope, String rawName) {
        access.require(scope, ProjectPermissions.PROJECTS_EDIT);
        String name = validName(rawName);
        Project project = projects.insert(tenantDsl.of(scope), name, scope.accountId(),
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS));
        audit.record(scope, PROJECT_CREATED, target(project.id(), name), Map.of(), Map.of("name", name));
        return project;
    }

    @Transactional
    public Project rename(TenantScope scope, UUID projectId, String rawName) {
        access.require(scope, ProjectPermissions.PROJECTS_EDIT);
        String name = validName(rawName);
        DSLContext tenant = tenantDsl.of(scope);
        // Locked, so the audited old name is the one this rename replaced, even when two renames meet.
        Project before = projects.lock(tenant, projectId).orElseThrow(ProjectService::notFound);
        if (before.name().equals(name)) {
            return before;
        }
        projects.rename(tenant, projectId, name);
        audit.record(scope, PROJECT_RENAMED, target(projectId, name), Map.of("name", before.name()), Map.of("name", name));
        return new Project(before.id(), name, before.createdBy(), before.createdAt());
    }

    @Transactional
    public void delete(TenantScope scope, UUID projectId) {
        access.require(scope, ProjectPermissions.PROJECTS_EDIT);
        DSLContext tenant = tenantDsl.of(scope);
        Project project = projects.lock(tenant, projectId).orElseThrow(ProjectService::notFound);
        projects.delete(tenant, projectId);
        audit.record(scope, PROJECT_DELETED, target(projectId, project.name()), Map.of("name", project.name()), Map.of());
    }

    /** The name as stored, or a refusal saying what to change. */
    static String validName(String raw) {
        String name = DisplayText.singleLine(raw);
        if (name.isEmpty()) {
            throw new ProjectException(Reason.of(ProjectException.NAME_MISSING));
        }
        DisplayText.problem(ProjectException.NAME, name, MAX_NAME_LENGTH, DisplayText.Lines.SINGLE).ifPresent(problem -> {
            throw new ProjectException(problem);
        });
        return name;
    }

    private static AuditTarget target(UUID projectId, String name) {
        return new AuditTarget("project", projectId.toString(), name);
    }

    private static ProjectException notFound() {
        return new ProjectException(Reason.of(ProjectException.NOT_FOUND));
    }
}
