package dev.atrium.admin.account;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    private final DSLContext platform;
    private final Clock clock;

    AccountRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    Account upsert(String issuer, String subject, String email, boolean emailVerified, String displayName) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return platform.insertInto(ACCOUNT)
                .set(ACCOUNT.ISSUER, issuer)
                .set(ACCOUNT.SUBJECT, subject)
                .set(ACCOUNT.EMAIL, email)
                .set(ACCOUNT.EMAIL_VERIFIED, emailVerified)
                .set(ACCOUNT.DISPLAY_NAME, displayName)
                .set(ACCOUNT.CREATED_AT, now)
                .set(ACCOUNT.LAST_SIGNED_IN_AT, now)
                .onConflict(ACCOUNT.ISSUER, ACCOUNT.SUBJECT)
                .doUpdate()
                .set(ACCOUNT.EMAIL, email)
                .set(ACCOUNT.EMAIL_VERIFIED, emailVerified)
                .set(ACCOUNT.DISPLAY_NAME, displayName)
                .set(ACCOUNT.LAST_SIGNED_IN_AT, now)
                .returning()
                .fetchOne(AccountRepository::toAccount);
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
