package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.SAML_ASSERTION;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceBinding;

/** Ids of the SAML assertions a workspace accepted, until they expire: each is accepted once. */
@Repository
class SamlAssertionRepository {

    private final DSLContext platform;

    SamlAssertionRepository(DSLContext platform) {
        this.platform = platform;
    }

    /**
     * Records the assertion as accepted. False when it was accepted before (a replay): the database's primary key
     * decides, also between two requests carrying it at once.
     */
    boolean accept(WorkspaceBinding workspace, String assertionId, OffsetDateTime expiresAt) {
        return platform.insertInto(SAML_ASSERTION)
                .set(SAML_ASSERTION.WORKSPACE_ID, workspace.workspaceId())
                .set(SAML_ASSERTION.ASSERTION_ID, assertionId)
                .set(SAML_ASSERTION.EXPIRES_AT, expiresAt)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Forgets the workspace's assertions that expired: they would be refused as expired anyway. */
    int purgeExpired(WorkspaceBinding workspace, OffsetDateTime now) {
        return platform.deleteFrom(SAML_ASSERTION)
                .where(SAML_ASSERTION.WORKSPACE_ID.eq(workspace.workspaceId()))
                .and(SAML_ASSERTION.EXPIRES_AT.lt(now))
                .execute();
    }
}
