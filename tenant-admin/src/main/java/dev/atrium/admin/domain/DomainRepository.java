package dev.atrium.admin.domain;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_DOMAIN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceBinding;
import dev.atrium.admin.tenancy.WorkspaceLocks;

/**
 * Workspaces' domain claims, in the platform schema (one domain is verified by one workspace at most). Every method
 * takes the bound workspace, never a bare id, so no lookup can reach another workspace's claims.
 */
@Repository
class DomainRepository {

    private final DSLContext platform;

    DomainRepository(DSLContext platform) {
        this.platform = platform;
    }

    List<WorkspaceDomain> all(WorkspaceBinding workspace) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(of(workspace))
                .orderBy(WORKSPACE_DOMAIN.DOMAIN).fetch(DomainRepository::toDomain);
    }

    List<WorkspaceDomain> verified(WorkspaceBinding workspace) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(of(workspace))
                .and(WORKSPACE_DOMAIN.VERIFIED.isTrue()).fetch(DomainRepository::toDomain);
    }

    Optional<WorkspaceDomain> find(WorkspaceBinding workspace, UUID id) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(of(workspace))
                .and(WORKSPACE_DOMAIN.ID.eq(id)).fetchOptional(DomainRepository::toDomain);
    }

    /** The claim, locked until the transaction ends, so that it is removed as it was read. */
    Optional<WorkspaceDomain> lock(WorkspaceBinding workspace, UUID id) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(claim(workspace, id)).forUpdate().fetchOptional(DomainRepository::toDomain);
    }

    /**
     * Whether this workspace verified the domain; the claim stays locked (shared) until the transaction ends, so that
     * it is neither removed nor un-verified before what relies on it commits.
     */
    boolean lockVerified(WorkspaceBinding workspace, String domain) {
        return platform.selectOne().from(WORKSPACE_DOMAIN).where(of(workspace))
                .and(WORKSPACE_DOMAIN.DOMAIN.eq(domain)).and(WORKSPACE_DOMAIN.VERIFIED.isTrue())
                .forShare()
                .fetchOptional().isPresent();
    }

    /**
     * How many domains the workspace claims (verified or not), counted under its lock for adding domains, held until
     * the transaction ends: of two domains added at once, the second counts the first.
     */
    int lockAndCount(WorkspaceBinding workspace) {
        WorkspaceLocks.holdUntilCommit(platform, "domains", workspace);
        return platform.fetchCount(WORKSPACE_DOMAIN, of(workspace));
    }

    /** Whether a workspace other than this one verified the domain. */
    boolean verifiedElsewhere(WorkspaceBinding workspace, String domain) {
        return platform.fetchExists(WORKSPACE_DOMAIN, WORKSPACE_DOMAIN.DOMAIN.eq(domain)
                .and(WORKSPACE_DOMAIN.VERIFIED.isTrue()).and(WORKSPACE_DOMAIN.WORKSPACE_ID.ne(workspace.workspaceId())));
    }

    /** Empty when the workspace already claims the domain. */
    Optional<WorkspaceDomain> insert(WorkspaceBinding workspace, String domain, String challenge, OffsetDateTime now) {
        return platform.insertInto(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.ID, UUID.randomUUID())
                .set(WORKSPACE_DOMAIN.WORKSPACE_ID, workspace.workspaceId())
                .set(WORKSPACE_DOMAIN.DOMAIN, domain)
                .set(WORKSPACE_DOMAIN.CHALLENGE, challenge)
                .set(WORKSPACE_DOMAIN.CREATED_AT, now)
                .onConflictDoNothing()
                .returning()
                .fetchOptional()
                .map(DomainRepository::toDomain);
    }

    /**
     * Marks the unverified claim verified; false when it is gone or verified already. Another workspace's verification
     * of the same domain makes the unique index refuse it, also when both commit at once.
     */
    boolean markVerified(WorkspaceBinding workspace, UUID id, OffsetDateTime now) {
        return platform.update(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.VERIFIED, true)
                .set(WORKSPACE_DOMAIN.VERIFIED_AT, now)
                .set(WORKSPACE_DOMAIN.LAST_CHECKED_AT, now)
                .setNull(WORKSPACE_DOMAIN.UNVERIFIED_AT)
                .setNull(WORKSPACE_DOMAIN.UNVERIFIED_REASON)
                .where(claim(workspace, id))
                .and(WORKSPACE_DOMAIN.VERIFIED.isFalse())
                .execute() == 1;
    }

    void markChecked(WorkspaceBinding workspace, UUID id, OffsetDateTime now) {
        platform.update(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.LAST_CHECKED_AT, now)
                .where(claim(workspace, id))
                .execute();
    }

    /** False when the claim is gone or no longer verified (removed, or another re-check got there first). */
    boolean markUnverified(WorkspaceBinding workspace, UUID id, String reason, OffsetDateTime now) {
        return platform.update(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.VERIFIED, false)
                .set(WORKSPACE_DOMAIN.LAST_CHECKED_AT, now)
                .set(WORKSPACE_DOMAIN.UNVERIFIED_AT, now)
                .set(WORKSPACE_DOMAIN.UNVERIFIED_REASON, reason)
                .where(claim(workspace, id))
                .and(WORKSPACE_DOMAIN.VERIFIED.isTrue())
                .execute() == 1;
    }

    boolean delete(WorkspaceBinding workspace, UUID id) {
        return platform.deleteFrom(WORKSPACE_DOMAIN)
                .where(claim(workspace, id))
                .execute() == 1;
    }

    private static Condition of(WorkspaceBinding workspace) {
        return WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspace.workspaceId());
    }

    private static Condition claim(WorkspaceBinding workspace, UUID id) {
        return of(workspace).and(WORKSPACE_DOMAIN.ID.eq(id));
    }

    private static WorkspaceDomain toDomain(Record r) {
        boolean verified = r.get(WORKSPACE_DOMAIN.VERIFIED);
        OffsetDateTime unverifiedAt = r.get(WORKSPACE_DOMAIN.UNVERIFIED_AT);
        DomainStatus status = verified ? DomainStatus.VERIFIED : unverifiedAt != null ? DomainStatus.UNVERIFIED : DomainStatus.PENDING;
        return new WorkspaceDomain(r.get(WORKSPACE_DOMAIN.ID), r.get(WORKSPACE_DOMAIN.DOMAIN), r.get(WORKSPACE_DOMAIN.CHALLENGE),
                status, r.get(WORKSPACE_DOMAIN.VERIFIED_AT), unverifiedAt, r.get(WORKSPACE_DOMAIN.UNVERIFIED_REASON),
                r.get(WORKSPACE_DOMAIN.CREATED_AT));
    }
}
