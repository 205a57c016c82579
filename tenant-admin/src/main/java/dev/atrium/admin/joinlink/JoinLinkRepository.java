package dev.atrium.admin.joinlink;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.JOIN_LINK_TOKEN;
import static dev.atrium.db.jooq.tenant.Tables.JOIN_LINK;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.db.jooq.tenant.tables.records.JoinLinkRecord;

@Repository
class JoinLinkRepository {

    private final DSLContext platform;
    private final Clock clock;

    JoinLinkRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /** A link as the service needs it to decide. */
    record Row(UUID id, UUID roleId, UUID createdBy, OffsetDateTime expiresAt, @Nullable Integer maxUses, int uses,
            List<String> allowedDomains, @Nullable OffsetDateTime revokedAt) {

        JoinLinkStatus status(OffsetDateTime now) {
            if (revokedAt != null) {
                return JoinLinkStatus.REVOKED;
            }
            if (!expiresAt.isAfter(now)) {
                return JoinLinkStatus.EXPIRED;
            }
            return maxUses != null && uses >= maxUses ? JoinLinkStatus.USED_UP : JoinLinkStatus.ACTIVE;
        }
    }

    /** A row of the admin list, with the role its creator holds now (null when no longer a member). */
    record Listed(Row row, String roleName, String createdBy, OffsetDateTime createdAt, @Nullable UUID creatorRoleId) {
    }

    /** A stored token: which link of which workspace. */
    record Token(UUID workspaceId, UUID joinLinkId) {
    }

    UUID insert(DSLContext tenant, UUID roleId, UUID createdBy, OffsetDateTime expiresAt, @Nullable Integer maxUses,
            List<String> allowedDomains) {
        return tenant.insertInto(JOIN_LINK)
                .set(JOIN_LINK.ROLE_ID, roleId)
                .set(JOIN_LINK.CREATED_BY, createdBy)
                .set(JOIN_LINK.CREATED_AT, now())
                .set(JOIN_LINK.EXPIRES_AT, expiresAt)
                .set(JOIN_LINK.MAX_USES, maxUses)
                .set(JOIN_LINK.ALLOWED_DOMAINS, allowedDomains.toArray(String[]::new))
                .returning(JOIN_LINK.ID)
                .fetchSingle(JOIN_LINK.ID);
    }

    void insertToken(UUID workspaceId, UUID joinLinkId, byte[] tokenHash) {
        platform.insertInto(JOIN_LINK_TOKEN)
                .set(JOIN_LINK_TOKEN.TOKEN_HASH, tokenHash)
                .set(JOIN_LINK_TOKEN.WORKSPACE_ID, workspaceId)
                .set(JOIN_LINK_TOKEN.JOIN_LINK_ID, joinLinkId)
                .set(JOIN_LINK_TOKEN.CREATED_AT, now())
                .execute();
    }

    Optional<Token> token(byte[] tokenHash) {
        return platform.select(JOIN_LINK_TOKEN.WORKSPACE_ID, JOIN_LINK_TOKEN.JOIN_LINK_ID).from(JOIN_LINK_TOKEN)
                .where(JOIN_LINK_TOKEN.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new Token(r.value1(), r.value2()));
    }

    /** The link's role and creator, read without a lock: a link keeps both as it was created. */
    Optional<AccessControl.Grant> grant(DSLContext tenant, UUID id) {
        return tenant.select(JOIN_LINK.ROLE_ID, JOIN_LINK.CREATED_BY).from(JOIN_LINK).where(JOIN_LINK.ID.eq(id))
                .fetchOptional(r -> new AccessControl.Grant(r.value1(), r.value2()));
    }

    /** The link, locked for the rest of the transaction: uses and revocation of one link are decided one after the other. */
    Optional<Row> findForUpdate(DSLContext tenant, UUID id) {
        return tenant.selectFrom(JOIN_LINK).where(JOIN_LINK.ID.eq(id)).forUpdate().fetchOptional(JoinLinkRepository::toRow);
    }

    /**
     * Counts a use if the link is still usable: not revoked, not expired, a use left. The count it reached, or empty
     * when no row matched (a refusal).
     */
    Optional<Integer> countUse(DSLContext tenant, UUID id) {
        return tenant.update(JOIN_LINK)
                .set(JOIN_LINK.USES, JOIN_LINK.USES.plus(1))
                .where(JOIN_LINK.ID.eq(id))
                .and(JOIN_LINK.REVOKED_AT.isNull())
                .and(JOIN_LINK.EXPIRES_AT.gt(now()))
                .and(JOIN_LINK.MAX_USES.isNull().or(JOIN_LINK.USES.lt(JOIN_LINK.MAX_USES)))
                .returning(JOIN_LINK.USES)
                .fetchOptional(JOIN_LINK.USES);
    }

    void revoke(DSLContext tenant, UUID id, UUID revokedBy) {
        tenant.update(JOIN_LINK).set(JOIN_LINK.REVOKED_AT, now()).set(JOIN_LINK.REVOKED_BY, revokedBy)
                .where(JOIN_LINK.ID.eq(id)).execute();
    }

    /** Every link, newest first. */
    List<Listed> list(DSLContext tenant) {
        return tenant.select(JOIN_LINK.asterisk(), ROLE.NAME, ACCOUNT.DISPLAY_NAME, MEMBER.ROLE_ID)
                .from(JOIN_LINK)
                .join(ROLE).on(ROLE.ID.eq(JOIN_LINK.ROLE_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(JOIN_LINK.CREATED_BY))
                .leftJoin(MEMBER).on(MEMBER.ACCOUNT_ID.eq(JOIN_LINK.CREATED_BY))
                .orderBy(JOIN_LINK.CREATED_AT.desc(), JOIN_LINK.ID)
                .fetch(JoinLinkRepository::toListed);
    }

    private static Listed toListed(Record r) {
        return new Listed(toRow(r.into(JOIN_LINK)), r.get(ROLE.NAME), r.get(ACCOUNT.DISPLAY_NAME), r.get(JOIN_LINK.CREATED_AT),
                r.get(MEMBER.ROLE_ID));
    }

    private static Row toRow(JoinLinkRecord r) {
        return new Row(r.getId(), r.getRoleId(), r.getCreatedBy(), r.getExpiresAt(), r.getMaxUses(), r.getUses(),
                List.of(r.getAllowedDomains()), r.getRevokedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
