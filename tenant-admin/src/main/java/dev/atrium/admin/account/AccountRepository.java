package dev.atrium.admin.account;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT_IDENTITY;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** Accounts and the identities (issuer and subject) that sign in as them. */
@Repository
class AccountRepository {

    private final DSLContext platform;
    private final Clock clock;

    AccountRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /** The account the identity signs in as, if the identity is known. */
    Optional<UUID> accountOf(String issuer, String subject) {
        return platform.select(ACCOUNT_IDENTITY.ACCOUNT_ID).from(ACCOUNT_IDENTITY)
                .where(ACCOUNT_IDENTITY.ISSUER.eq(issuer)).and(ACCOUNT_IDENTITY.SUBJECT.eq(subject))
                .fetchOptional(ACCOUNT_IDENTITY.ACCOUNT_ID);
    }

    Account insert(String email, boolean emailVerified, String displayName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return platform.insertInto(ACCOUNT)
                .set(ACCOUNT.EMAIL, email)
                .set(ACCOUNT.EMAIL_VERIFIED, emailVerified)
                .set(ACCOUNT.DISPLAY_NAME, displayName)
                .set(ACCOUNT.CREATED_AT, now)
                .set(ACCOUNT.LAST_SIGNED_IN_AT, now)
                .returning()
                .fetchSingle(AccountRepository::toAccount);
    }

    /** Only for an account this transaction created and could not give its identity (another sign-in did first). */
    void delete(UUID id) {
        platform.deleteFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).execute();
    }

    /**
     * Lets the identity sign in as the account. False when the identity is known already — also when a concurrent
     * first sign-in of it inserted it and committed meanwhile (the insert waits for that transaction): someone else won.
     */
    boolean insertIdentity(UUID accountId, String issuer, String subject) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return platform.insertInto(ACCOUNT_IDENTITY)
                .set(ACCOUNT_IDENTITY.ACCOUNT_ID, accountId)
                .set(ACCOUNT_IDENTITY.ISSUER, issuer)
                .set(ACCOUNT_IDENTITY.SUBJECT, subject)
                .set(ACCOUNT_IDENTITY.CREATED_AT, now)
                .set(ACCOUNT_IDENTITY.LAST_SIGNED_IN_AT, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Records a sign-in of the identity and of its account; the account's e-mail and name stay as they are. */
    Account touch(UUID accountId, String issuer, String subject) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        touchIdentity(issuer, subject, now);
        return platform.update(ACCOUNT)
                .set(ACCOUNT.LAST_SIGNED_IN_AT, now)
                .where(ACCOUNT.ID.eq(accountId))
                .returning()
                .fetchSingle(AccountRepository::toAccount);
    }

    /** An account as a sign-in left it, and whether the sign-in changed its e-mail, the e-mail's verification or name. */
    record Refreshed(Account account, boolean changed) {
    }

    /**
     * Records a sign-in of the identity and takes the account's e-mail and name from it. What they were is read with
     * the account locked, so that a sign-in that waited for another one's change compares with that change, not with
     * what its statement's snapshot held. The lock is the update's own ({@code FOR NO KEY UPDATE}): {@code FOR UPDATE}
     * would also conflict with the key-share locks of rows being inserted that refer to the account, and deadlocked a
     * sign-in through a connection racing an accept of the same person's invitation ({@code SsoSignInRaceTest}).
     */
    Refreshed refresh(UUID accountId, String issuer, String subject, String email, boolean emailVerified, String displayName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        touchIdentity(issuer, subject, now);
        Table<?> before = DSL.select(ACCOUNT.EMAIL, ACCOUNT.EMAIL_VERIFIED, ACCOUNT.DISPLAY_NAME).from(ACCOUNT)
                .where(ACCOUNT.ID.eq(accountId)).forNoKeyUpdate().asTable("before");
        // An unverified address never replaces a verified one: anyone could have typed it at their provider.
        Condition keepsVerified = emailVerified ? DSL.falseCondition() : DSL.condition(before.field(ACCOUNT.EMAIL_VERIFIED))
                .and(DSL.lower(before.field(ACCOUNT.EMAIL)).ne(DSL.lower(DSL.val(email))));
        Field<String> newEmail = DSL.when(keepsVerified, before.field(ACCOUNT.EMAIL)).otherwise(DSL.val(email));
        Field<Boolean> newVerified = DSL.when(keepsVerified, DSL.inline(true)).otherwise(DSL.val(emailVerified));
        Field<Boolean> changed = DSL.field(DSL.row(before.field(ACCOUNT.EMAIL), before.field(ACCOUNT.EMAIL_VERIFIED),
                before.field(ACCOUNT.DISPLAY_NAME)).isDistinctFrom(DSL.row(newEmail, newVerified, DSL.val(displayName))))
                .as("changed");
        Record refreshed = platform.update(ACCOUNT)
                .set(ACCOUNT.EMAIL, newEmail)
                .set(ACCOUNT.EMAIL_VERIFIED, newVerified)
                .set(ACCOUNT.DISPLAY_NAME, displayName)
                .set(ACCOUNT.LAST_SIGNED_IN_AT, now)
                .from(before)
                .where(ACCOUNT.ID.eq(accountId))
                .returningResult(ACCOUNT.ID, ACCOUNT.EMAIL, ACCOUNT.EMAIL_VERIFIED, ACCOUNT.DISPLAY_NAME, ACCOUNT.LANGUAGE, changed)
                .fetchSingle();
        return new Refreshed(toAccount(refreshed), refreshed.get(changed));
    }

    private void touchIdentity(String issuer, String subject, OffsetDateTime now) {
        platform.update(ACCOUNT_IDENTITY)
                .set(ACCOUNT_IDENTITY.LAST_SIGNED_IN_AT, now)
                .where(ACCOUNT_IDENTITY.ISSUER.eq(issuer)).and(ACCOUNT_IDENTITY.SUBJECT.eq(subject))
                .execute();
    }

    /**
     * The account whose verified e-mail is the address (case-insensitive); the oldest when several are. Locked until
     * the transaction ends, so that it cannot change its address before an identity is linked to it.
     */
    Optional<Account> lockByVerifiedEmail(String email) {
        return platform.selectFrom(ACCOUNT)
                .where(DSL.lower(ACCOUNT.EMAIL).eq(email.toLowerCase(Locale.ROOT)))
                .and(ACCOUNT.EMAIL_VERIFIED.isTrue())
                .orderBy(ACCOUNT.CREATED_AT, ACCOUNT.ID)
                .limit(1)
                .forNoKeyUpdate()
                .fetchOptional(AccountRepository::toAccount);
    }

    /** The oldest account whose provider verified this address (case-insensitive), without a lock. */
    Optional<Account> findByVerifiedEmail(String email) {
        return platform.selectFrom(ACCOUNT)
                .where(DSL.lower(ACCOUNT.EMAIL).eq(email.toLowerCase(Locale.ROOT)))
                .and(ACCOUNT.EMAIL_VERIFIED.isTrue())
                .orderBy(ACCOUNT.CREATED_AT, ACCOUNT.ID)
                .limit(1)
                .fetchOptional(AccountRepository::toAccount);
    }

    Optional<Account> find(UUID id) {
        return platform.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(AccountRepository::toAccount);
    }

    /** False when no account has this id. */
    boolean updateLanguage(UUID id, @Nullable Locale language) {
        return platform.update(ACCOUNT)
                .set(ACCOUNT.LANGUAGE, language == null ? null : language.toLanguageTag())
                .where(ACCOUNT.ID.eq(id))
                .execute() == 1;
    }

    private static Account toAccount(Record r) {
        String language = r.get(ACCOUNT.LANGUAGE);
        return new Account(r.get(ACCOUNT.ID), r.get(ACCOUNT.EMAIL), r.get(ACCOUNT.EMAIL_VERIFIED), r.get(ACCOUNT.DISPLAY_NAME),
                language == null ? null : Locale.forLanguageTag(language));
    }
}
