package dev.atrium.admin.domain;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_DOMAIN;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

/** Workspaces' domain claims, in the platform schema; every lookup is by the bound workspace's id. */
@Repository
class DomainRepository {

    private final DSLContext platform;

    DomainRepository(DSLContext platform) {
        this.platform = platform;
    }

    List<WorkspaceDomain> all(UUID workspaceId) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId))
                .orderBy(WORKSPACE_DOMAIN.DOMAIN).fetch(DomainRepository::toDomain);
    }

    List<WorkspaceDomain> verified(UUID workspaceId) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId))
                .and(WORKSPACE_DOMAIN.VERIFIED.isTrue()).fetch(DomainRepository::toDomain);
    }

    Optional<WorkspaceDomain> find(UUID workspaceId, UUID id) {
        return platform.selectFrom(WORKSPACE_DOMAIN).where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId))
                .and(WORKSPACE_DOMAIN.ID.eq(id)).fetchOptional(DomainRepository::toDomain);
    }

    /** Whether a workspace other than this one verified the domain. */
    boolean verifiedElsewhere(UUID workspaceId, String domain) {
        return platform.fetchExists(WORKSPACE_DOMAIN, WORKSPACE_DOMAIN.DOMAIN.eq(domain)
                .and(WORKSPACE_DOMAIN.VERIFIED.isTrue()).and(WORKSPACE_DOMAIN.WORKSPACE_ID.ne(workspaceId)));
    }

    /** Empty when the workspace already claims the domain. */
    Optional<WorkspaceDomain> insert(UUID workspaceId, String domain, String challenge, OffsetDateTime now) {
        return platform.insertInto(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.ID, UUID.randomUUID())
                .set(WORKSPACE_DOMAIN.WORKSPACE_ID, workspaceId)
                .set(WORKSPACE_DOMAIN.DOMAIN, domain)
                .set(WORKSPACE_DOMAIN.CHALLENGE, challenge)
                .set(WORKSPACE_DOMAIN.CREATED_AT, now)
                .onConflictDoNothing()
                .returning()
                .fetchOptional()
                .map(DomainRepository::toDomain);
    }

    /**
     * Marks the claim verified. Another workspace's verification of the same domain makes the unique index refuse
     * it, also when both commit at once.
     */
    boolean markVerified(UUID workspaceId, UUID id, OffsetDateTime now) {
        return platform.update(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.VERIFIED, true)
                .set(WORKSPACE_DOMAIN.VERIFIED_AT, now)
                .set(WORKSPACE_DOMAIN.LAST_CHECKED_AT, now)
                .setNull(WORKSPACE_DOMAIN.UNVERIFIED_AT)
                .setNull(WORKSPACE_DOMAIN.UNVERIFIED_REASON)
                .where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_DOMAIN.ID.eq(id))
                .execute() == 1;
    }

    void markChecked(UUID workspaceId, UUID id, OffsetDateTime now) {
        platform.update(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.LAST_CHECKED_AT, now)
                .where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_DOMAIN.ID.eq(id))
                .execute();
    }

    /** False when the claim is gone or no longer verified (removed, or another re-check got there first). */
    boolean markUnverified(UUID workspaceId, UUID id, String reason, OffsetDateTime now) {
        return platform.update(WORKSPACE_DOMAIN)
                .set(WORKSPACE_DOMAIN.VERIFIED, false)
                .set(WORKSPACE_DOMAIN.LAST_CHECKED_AT, now)
                .set(WORKSPACE_DOMAIN.UNVERIFIED_AT, now)
                .set(WORKSPACE_DOMAIN.UNVERIFIED_REASON, reason)
                .where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_DOMAIN.ID.eq(id))
                .and(WORKSPACE_DOMAIN.VERIFIED.isTrue())
                .execute() == 1;
    }

    boolean delete(UUID workspaceId, UUID id) {
        return platform.deleteFrom(WORKSPACE_DOMAIN)
                .where(WORKSPACE_DOMAIN.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_DOMAIN.ID.eq(id))
                .execute() == 1;
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
