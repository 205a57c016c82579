package dev.atrium.admin.invitation;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.INVITATION_TOKEN;
import static dev.atrium.db.jooq.platform.Tables.INVITATION_WORKSPACE;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.db.jooq.tenant.Tables.WORKSPACE_SETTINGS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.paging.Sorting;
import dev.atrium.admin.paging.Sorting.Sortable;
import dev.atrium.admin.tenancy.WorkspaceWorkList;
import dev.atrium.db.jooq.platform.tables.records.InvitationWorkspaceRecord;

@Repository
class InvitationRepository {

    private static final String DISPLAY_STATUS = "display_status";

    private static final List<PageRequest.SortBy> DEFAULT_ORDER = List.of(new PageRequest.SortBy(InvitationFilter.SORT_SENT, false));

    private static final String MAIL_QUEUED = "queued";
    private static final String MAIL_SENT = "sent";
    private static final String MAIL_FAILED = "failed";

    private final DSLContext platform;
    private final Clock clock;

    InvitationRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /**
     * An invitation row as the service needs it to decide: {@code status} is expired also for a pending one past its
     * expiry, which may still be resent or extended; {@code replaced} says it was closed when a newer invitation to its
     * address replaced it, for good.
     */
    record Row(UUID id, String email, UUID roleId, InvitationStatus status, boolean replaced, OffsetDateTime sentAt,
            OffsetDateTime expiresAt, UUID invitedBy) {
    }

    /** A row of the grid, with the role its inviter holds now (null when no longer a member). */
    record Listed(Invitation invitation, UUID inviterRoleId) {
    }

    /** An invitation locked for delivering its latest e-mail, with how that e-mail has fared so far. */
    record MailRow(Row invitation, MailDelivery mail, int attempts) {
    }

    /** A stored token: which invitation of which workspace, and whether a resend replaced it. */
    record Token(byte[] hash, UUID workspaceId, UUID invitationId, boolean superseded) {
    }

    int expiryDays(DSLContext tenant) {
        return tenant.select(WORKSPACE_SETTINGS.INVITATION_EXPIRY_DAYS).from(WORKSPACE_SETTINGS).fetchSingle().value1();
    }

    /**
     * The expiry days, with the settings row locked until the transaction ends: of two changes at once, the second
     * reads what the first saved, so each audited "before" is the previous "after".
     */
    int lockExpiryDays(DSLContext tenant) {
        return tenant.select(WORKSPACE_SETTINGS.INVITATION_EXPIRY_DAYS).from(WORKSPACE_SETTINGS).forUpdate().fetchSingle().value1();
    }

    void setExpiryDays(DSLContext tenant, int days) {
        tenant.update(WORKSPACE_SETTINGS).set(WORKSPACE_SETTINGS.INVITATION_EXPIRY_DAYS, days).execute();
    }

    @Nullable
    Integer reminderDays(DSLContext tenant) {
        return tenant.select(WORKSPACE_SETTINGS.INVITATION_REMINDER_DAYS).from(WORKSPACE_SETTINGS).fetchSingle().value1();
    }

    /** The reminder days, locked as {@link #lockExpiryDays} locks the row. */
    @Nullable
    Integer lockReminderDays(DSLContext tenant) {
        return tenant.select(WORKSPACE_SETTINGS.INVITATION_REMINDER_DAYS).from(WORKSPACE_SETTINGS).forUpdate().fetchSingle().value1();
    }

    void setReminderDays(DSLContext tenant, @Nullable Integer days) {
        tenant.update(WORKSPACE_SETTINGS).set(WORKSPACE_SETTINGS.INVITATION_REMINDER_DAYS, days).execute();
    }

    /** A pending invitation just marked reminded. */
    record Reminded(UUID id, String email, OffsetDateTime expiresAt) {
    }

    /**
     * Marks every pending, not yet reminded invitation that expires within {@code days} as reminded, and returns
     * them: one conditional update, so of two jobs racing only one gets each row.
     */
    List<Reminded> markRemindersDue(DSLContext tenant, int days) {
        OffsetDateTime now = now();
        return tenant.update(INVITATION)
                .set(INVITATION.REMINDED_AT, now)
                .where(INVITATION.ID.in(claim(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue())
                        .and(INVITATION.REMINDED_AT.isNull())
                        .and(INVITATION.EXPIRES_AT.gt(now))
                        .and(INVITATION.EXPIRES_AT.le(now.plusDays(days))))))
                .returning(INVITATION.ID, INVITATION.EMAIL, INVITATION.EXPIRES_AT)
                .fetch(r -> new Reminded(r.getId(), r.getEmail(), r.getExpiresAt()));
    }

    /**
     * The invitations matching {@code condition}, locked in id order: a job's conditional update claims its rows
     * through this, so two runs at once never deadlock (each statement's plan may scan in its own order). A row the
     * other run holds is waited for and then checked again, so it is not taken twice.
     */
    private static Select<Record1<UUID>> claim(Condition condition) {
        return DSL.select(INVITATION.ID).from(INVITATION).where(condition).orderBy(INVITATION.ID).forUpdate();
    }

    /** An invitation whose expiry was just marked announced. */
    record Expired(UUID id, String email, OffsetDateTime expiresAt) {
    }

    /**
     * Marks every invitation that ran out (pending past its expiry, or closed as expired by a newer invitation) and
     * whose expiry was not announced yet as announced, and returns them: one conditional update, so of two runs racing
     * only one gets each row.
     */
    List<Expired> markExpiriesDue(DSLContext tenant) {
        return markExpired(tenant, DSL.noCondition());
    }

    /** The same for one invitation, used after its expiry: empty when its expiry was announced already. */
    Optional<Expired> markExpiryDue(DSLContext tenant, UUID id) {
        return markExpired(tenant, INVITATION.ID.eq(id)).stream().findFirst();
    }

    /**
     * The workspaces with an invitation whose expiry may still need announcing, each with the earliest such expiry (or
     * an earlier time), which the expiry job visits once it has passed: listed in the transaction that sets an
     * invitation's expiry (creating, resending or extending it).
     */
    static final WorkspaceWorkList<InvitationWorkspaceRecord> TO_ANNOUNCE_IN =
            WorkspaceWorkList.withDueTimes(INVITATION_WORKSPACE, INVITATION_WORKSPACE.WORKSPACE_ID, INVITATION_WORKSPACE.DUE_AT);

    /**
     * Sets the workspace's entry on that list to its next expiry to announce, or takes it off when none is left (read
     * once its entry is locked).
     */
    void rescheduleAnnouncements(DSLContext platform, DSLContext tenant, UUID workspaceId) {
        TO_ANNOUNCE_IN.reschedule(platform, workspaceId,
                () -> tenant.select(DSL.min(INVITATION.EXPIRES_AT)).from(INVITATION).where(TO_ANNOUNCE).fetchOne(0, OffsetDateTime.class));
    }

    /** Invitations whose expiry is announced once it has passed: open, or closed as expired, and not announced yet. */
    private static final Condition TO_ANNOUNCE = INVITATION.STATUS.in(InvitationStatus.PENDING.dbValue(), InvitationStatus.EXPIRED.dbValue())
            .and(INVITATION.EXPIRED_NOTIFIED_AT.isNull());

    private List<Expired> markExpired(DSLContext tenant, Condition which) {
        OffsetDateTime now = now();
        return tenant.update(INVITATION)
                .set(INVITATION.EXPIRED_NOTIFIED_AT, now)
                .where(INVITATION.ID.in(claim(which.and(TO_ANNOUNCE).and(INVITATION.EXPIRES_AT.le(now)))))
                .returning(INVITATION.ID, INVITATION.EMAIL, INVITATION.EXPIRES_AT)
                .fetch(r -> new Expired(r.getId(), r.getEmail(), r.getExpiresAt()));
    }

    boolean isMember(DSLContext tenant, String normalizedEmail) {
        return tenant.fetchExists(DSL.selectOne().from(MEMBER).join(ACCOUNT).on(ACCOUNT.ID.eq(MEMBER.ACCOUNT_ID))
                .where(DSL.lower(ACCOUNT.EMAIL).eq(normalizedEmail)));
    }

    boolean isMember(DSLContext tenant, UUID accountId) {
        return tenant.fetchExists(MEMBER, MEMBER.ACCOUNT_ID.eq(accountId));
    }

    /** The address's open invitation, read without a lock: to lock its role first, then it ({@link #pendingFor}). */
    Optional<UUID> pendingIdFor(DSLContext tenant, String normalizedEmail) {
        return tenant.select(INVITATION.ID).from(INVITATION)
                .where(INVITATION.EMAIL_NORMALIZED.eq(normalizedEmail))
                .and(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()))
                .fetchOptional(INVITATION.ID);
    }

    /** The address's open invitation, locked for the rest of the transaction. */
    Optional<Row> pendingFor(DSLContext tenant, String normalizedEmail) {
        return tenant.selectFrom(INVITATION)
                .where(INVITATION.EMAIL_NORMALIZED.eq(normalizedEmail))
                .and(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()))
                .forUpdate()
                .fetchOptional(this::toRow);
    }

    /** The addresses' pending invitations by normalised address, locked for the rest of the transaction in id order. */
    Map<String, Row> lockPendingFor(DSLContext tenant, Collection<String> normalizedEmails) {
        return tenant.selectFrom(INVITATION)
                .where(INVITATION.EMAIL_NORMALIZED.in(normalizedEmails))
                .and(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()))
                .orderBy(INVITATION.ID)
                .forUpdate()
                .fetchMap(INVITATION.EMAIL_NORMALIZED, this::toRow);
    }

    /**
     * The invitation's role and inviter, read without a lock: only a deletion of that role, which locks it first, changes
     * the role; a resend, which locks the invitation, changes the inviter.
     */
    Optional<AccessControl.Grant> grant(DSLContext tenant, UUID id) {
        return tenant.select(INVITATION.ROLE_ID, INVITATION.INVITED_BY).from(INVITATION).where(INVITATION.ID.eq(id))
                .fetchOptional(r -> new AccessControl.Grant(r.value1(), r.value2()));
    }

    Optional<Row> findForUpdate(DSLContext tenant, UUID id) {
        return tenant.selectFrom(INVITATION).where(INVITATION.ID.eq(id)).forUpdate().fetchOptional(this::toRow);
    }

    /**
     * The invitations with these ids, locked for the rest of the transaction in id order, whatever the order they were
     * selected in: two transactions acting on overlapping selections then wait for each other instead of each holding
     * what the other waits for. Absent ids are missing from the map.
     */
    Map<UUID, Row> lockAll(DSLContext tenant, Collection<UUID> ids) {
        return tenant.selectFrom(INVITATION).where(INVITATION.ID.in(ids)).orderBy(INVITATION.ID).forUpdate()
                .fetchMap(INVITATION.ID, this::toRow);
    }

    /**
     * A new pending invitation, unless the address has one: also one that another transaction inserted after this one
     * looked ({@link #lockPendingFor}) and committed while this insert waited for it (the one-pending-invitation-per-address
     * index decides). Empty then, and nothing was inserted.
     */
    Optional<UUID> insertUnlessPending(DSLContext tenant, String email, UUID roleId, UUID invitedBy, OffsetDateTime expiresAt) {
        OffsetDateTime now = now();
        return tenant.insertInto(INVITATION)
                .set(INVITATION.EMAIL, email)
                .set(INVITATION.EMAIL_NORMALIZED, normalize(email))
                .set(INVITATION.ROLE_ID, roleId)
                .set(INVITATION.INVITED_BY, invitedBy)
                .set(INVITATION.EXPIRES_AT, expiresAt)
                .set(INVITATION.CREATED_AT, now)
                .set(INVITATION.SENT_AT, now)
                .onConflict(INVITATION.EMAIL_NORMALIZED).where(INVITATION.STATUS.eq(DSL.inline(InvitationStatus.PENDING.dbValue())))
                .doNothing()
                .returning(INVITATION.ID)
                .fetchOptional(INVITATION.ID);
    }

    void close(DSLContext tenant, UUID id, InvitationStatus status, UUID acceptedBy) {
        tenant.update(INVITATION)
                .set(INVITATION.STATUS, status.dbValue())
                .set(INVITATION.CLOSED_AT, now())
                .set(INVITATION.ACCEPTED_BY, acceptedBy)
                .where(INVITATION.ID.eq(id))
                .execute();
    }

    /** The resender becomes the inviter: the invitation now rests on their authority. */
    void markResent(DSLContext tenant, UUID id, OffsetDateTime expiresAt, UUID resentBy) {
        tenant.update(INVITATION)
                .set(INVITATION.INVITED_BY, resentBy)
                .set(INVITATION.SENT_AT, now())
                .set(INVITATION.EXPIRES_AT, expiresAt)
                .set(INVITATION.SEND_COUNT, INVITATION.SEND_COUNT.plus(1))
                .set(INVITATION.MAIL_STATUS, MAIL_QUEUED)
                .set(INVITATION.MAIL_ATTEMPTS, 0)
                .setNull(INVITATION.MAIL_ERROR)
                .setNull(INVITATION.MAIL_SENT_AT)
                .where(INVITATION.ID.eq(id))
                .execute();
    }

    /** @return how many rows changed: 0 when the invitation is no longer open (accepted, cancelled or replaced) */
    int extend(DSLContext tenant, UUID id, OffsetDateTime expiresAt) {
        return tenant.update(INVITATION)
                .set(INVITATION.EXPIRES_AT, expiresAt)
                .where(INVITATION.ID.eq(id))
                .and(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()))
                .execute();
    }

    /** The invitation and its mail's state, locked until the delivery's transaction ends. */
    Optional<MailRow> findForDelivery(DSLContext tenant, UUID id) {
        return tenant.selectFrom(INVITATION).where(INVITATION.ID.eq(id)).forUpdate()
                .fetchOptional(r -> new MailRow(toRow(r), MailDelivery.of(r.getMailStatus(), r.getMailAttempts()), r.getMailAttempts()));
    }

    void recordMailSent(DSLContext tenant, UUID id) {
        tenant.update(INVITATION)
                .set(INVITATION.MAIL_STATUS, MAIL_SENT)
                .set(INVITATION.MAIL_ATTEMPTS, INVITATION.MAIL_ATTEMPTS.plus(1))
                .setNull(INVITATION.MAIL_ERROR)
                .set(INVITATION.MAIL_SENT_AT, now())
                .where(INVITATION.ID.eq(id))
                .execute();
    }

    /** An attempt the mail server refused; {@code givenUp} when no further attempt will be made. */
    void recordMailRefused(DSLContext tenant, UUID id, MailError error, boolean givenUp) {
        tenant.update(INVITATION)
                .set(INVITATION.MAIL_STATUS, givenUp ? MAIL_FAILED : MAIL_QUEUED)
                .set(INVITATION.MAIL_ATTEMPTS, INVITATION.MAIL_ATTEMPTS.plus(1))
                .set(INVITATION.MAIL_ERROR, error.stored())
                .where(INVITATION.ID.eq(id))
                .execute();
    }

    /** The mail cannot be sent at all (e.g. no mail server is configured); nothing will try. */
    void recordMailImpossible(DSLContext tenant, UUID id, MailError reason) {
        tenant.update(INVITATION)
                .set(INVITATION.MAIL_STATUS, MAIL_FAILED)
                .set(INVITATION.MAIL_ERROR, reason.stored())
                .where(INVITATION.ID.eq(id))
                .execute();
    }

    /** Stores a new token's hash and retires every earlier token of the invitation. */
    void replaceToken(UUID workspaceId, UUID invitationId, byte[] tokenHash) {
        OffsetDateTime now = now();
        platform.update(INVITATION_TOKEN)
                .set(INVITATION_TOKEN.SUPERSEDED_AT, now)
                .where(INVITATION_TOKEN.WORKSPACE_ID.eq(workspaceId))
                .and(INVITATION_TOKEN.INVITATION_ID.eq(invitationId))
                .and(INVITATION_TOKEN.SUPERSEDED_AT.isNull())
                .execute();
        platform.insertInto(INVITATION_TOKEN)
                .set(INVITATION_TOKEN.TOKEN_HASH, tokenHash)
                .set(INVITATION_TOKEN.WORKSPACE_ID, workspaceId)
                .set(INVITATION_TOKEN.INVITATION_ID, invitationId)
                .set(INVITATION_TOKEN.CREATED_AT, now)
                .execute();
    }

    /** Keeps the current link's prefix and sealed token on the invitation, replacing the earlier link's. */
    void keepLink(DSLContext tenant, UUID id, String linkPrefix, byte[] sealedToken) {
        tenant.update(INVITATION)
                .set(INVITATION.LINK_PREFIX, linkPrefix)
                .set(INVITATION.SEALED_TOKEN, sealedToken)
                .where(INVITATION.ID.eq(id))
                .execute();
    }

    /** The current link as kept on the invitation: its prefix and sealed token; empty for invitations made before. */
    record KeptLink(String prefix, byte[] sealedToken) {
    }

    Optional<KeptLink> keptLink(DSLContext tenant, UUID id) {
        return tenant.select(INVITATION.LINK_PREFIX, INVITATION.SEALED_TOKEN).from(INVITATION)
                .where(INVITATION.ID.eq(id)).and(INVITATION.SEALED_TOKEN.isNotNull()).and(INVITATION.LINK_PREFIX.isNotNull())
                .fetchOptional(r -> new KeptLink(r.value1(), r.value2()));
    }

    /** Whether the token is the invitation's current one: issued for it and not replaced by a resend. */
    boolean isCurrentToken(UUID workspaceId, UUID invitationId, byte[] tokenHash) {
        return platform.fetchExists(INVITATION_TOKEN, INVITATION_TOKEN.TOKEN_HASH.eq(tokenHash)
                .and(INVITATION_TOKEN.WORKSPACE_ID.eq(workspaceId))
                .and(INVITATION_TOKEN.INVITATION_ID.eq(invitationId))
                .and(INVITATION_TOKEN.SUPERSEDED_AT.isNull()));
    }

    Optional<Token> token(byte[] tokenHash) {
        return platform.selectFrom(INVITATION_TOKEN).where(INVITATION_TOKEN.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(r -> new Token(r.getTokenHash(), r.getWorkspaceId(), r.getInvitationId(), r.getSupersededAt() != null));
    }

    Optional<Invitation> find(DSLContext tenant, UUID id) {
        return select(tenant).where(INVITATION.ID.eq(id)).fetchOptional(InvitationRepository::toInvitation).map(Listed::invitation);
    }

    /**
     * A page by keyset: {@code page.offset()} rows after {@code page.after()}, in the requested order, ties broken by
     * the id (tenant changelog 024 indexes e-mail, sent and expiry with it). The status shown depends on the time, so
     * its order is made per request.
     */
    Slice<Listed> page(DSLContext tenant, InvitationFilter filter, PageRequest page) {
        Map<String, Sortable> sortable = Map.of(
                InvitationFilter.SORT_EMAIL, Sortable.of(INVITATION.EMAIL_NORMALIZED, INVITATION.ID),
                InvitationFilter.SORT_ROLE, Sortable.of(ROLE.NAME, INVITATION.ID),
                InvitationFilter.SORT_SENT, Sortable.of(INVITATION.SENT_AT, INVITATION.ID),
                InvitationFilter.SORT_EXPIRES, Sortable.of(INVITATION.EXPIRES_AT, INVITATION.ID),
                InvitationFilter.SORT_STATUS, Sortable.of(displayStatusValue(), INVITATION.ID));
        return Sorting.keyset(page, sortable, DEFAULT_ORDER).fetch(page, columns(), (columns, seek) -> from(tenant.select(columns))
                .where(matching(filter)).and(seek), InvitationRepository::toInvitation);
    }

    int count(DSLContext tenant, InvitationFilter filter) {
        return tenant.fetchCount(INVITATION, matching(filter));
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    /** The time by the injected clock. */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** What people see: a pending invitation past its expiry is expired. */
    private Field<String> displayStatusValue() {
        return DSL.when(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()).and(INVITATION.EXPIRES_AT.le(now())),
                        DSL.inline(InvitationStatus.EXPIRED.dbValue()))
                .otherwise(INVITATION.STATUS);
    }

    private List<Field<?>> columns() {
        return List.of(INVITATION.ID, INVITATION.EMAIL, INVITATION.ROLE_ID, ROLE.NAME, ACCOUNT.DISPLAY_NAME,
                INVITATION.SENT_AT, INVITATION.EXPIRES_AT, displayStatusValue().as(DISPLAY_STATUS), INVITATION.STATUS, INVITATION.SEND_COUNT,
                INVITATION.MAIL_STATUS, INVITATION.MAIL_ATTEMPTS, INVITATION.MAIL_ERROR, MEMBER.ROLE_ID);
    }

    private org.jooq.SelectOnConditionStep<? extends Record> select(DSLContext tenant) {
        return from(tenant.select(columns()));
    }

    private static <R extends Record> org.jooq.SelectOnConditionStep<R> from(org.jooq.SelectSelectStep<R> select) {
        return select.from(INVITATION)
                .join(ROLE).on(ROLE.ID.eq(INVITATION.ROLE_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(INVITATION.INVITED_BY))
                .leftJoin(MEMBER).on(MEMBER.ACCOUNT_ID.eq(INVITATION.INVITED_BY));
    }

    private Condition matching(InvitationFilter filter) {
        Condition condition = DSL.noCondition();
        if (filter.text() != null && !filter.text().isBlank()) {
            condition = condition.and(INVITATION.EMAIL_NORMALIZED.contains(normalize(filter.text())));
        }
        if (filter.status() != null) {
            Condition expired = INVITATION.EXPIRES_AT.le(now());
            condition = condition.and(switch (filter.status()) {
                case PENDING -> INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()).andNot(expired);
                case EXPIRED -> INVITATION.STATUS.eq(InvitationStatus.EXPIRED.dbValue())
                        .or(INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()).and(expired));
                default -> INVITATION.STATUS.eq(filter.status().dbValue());
            });
        }
        return condition;
    }

    private Row toRow(dev.atrium.db.jooq.tenant.tables.records.InvitationRecord r) {
        InvitationStatus stored = InvitationStatus.valueOf(r.getStatus().toUpperCase(Locale.ROOT));
        InvitationStatus status = stored == InvitationStatus.PENDING && !r.getExpiresAt().isAfter(now())
                ? InvitationStatus.EXPIRED : stored;
        return new Row(r.getId(), r.getEmail(), r.getRoleId(), status, stored == InvitationStatus.EXPIRED, r.getSentAt(),
                r.getExpiresAt(), r.getInvitedBy());
    }

    /** The inviter's authority is left to the service to judge: not lost until it says so. */
    private static Listed toInvitation(Record r) {
        return new Listed(new Invitation(r.get(INVITATION.ID), r.get(INVITATION.EMAIL), r.get(INVITATION.ROLE_ID),
                r.get(ROLE.NAME), r.get(ACCOUNT.DISPLAY_NAME), r.get(INVITATION.SENT_AT), r.get(INVITATION.EXPIRES_AT),
                InvitationStatus.valueOf(r.get(DISPLAY_STATUS, String.class).toUpperCase(Locale.ROOT)),
                InvitationStatus.EXPIRED.dbValue().equals(r.get(INVITATION.STATUS)), r.get(INVITATION.SEND_COUNT), false,
                MailDelivery.of(r.get(INVITATION.MAIL_STATUS), r.get(INVITATION.MAIL_ATTEMPTS)), MailError.fromStored(r.get(INVITATION.MAIL_ERROR))),
                r.get(MEMBER.ROLE_ID));
    }
}
