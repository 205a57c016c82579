package dev.atrium.admin.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.tenancy.CacheInvalidations;
import dev.atrium.admin.text.DisplayText;

/**
 * Accounts are created on first sign-in and refreshed from the identity provider on every later one. An account may
 * be reached by several identities (issuer and subject): an app-wide provider's and workspaces' connections'.
 */
@Service
public class AccountService {

    /** The kind of {@link CacheInvalidations} the accounts' cache listens to (the id it carries is an account's). */
    static final String CACHE = "account";
    /** Longest display name kept from an identity provider; what member lists and audit logs have room for. */
    static final int MAX_NAME_LENGTH = 100;
    /** Longest e-mail address (local part and domain at their limits) and subject taken from an identity provider. */
    private static final int MAX_EMAIL_LENGTH = 320;
    private static final int MAX_SUBJECT_LENGTH = 512;

    private final AccountRepository accounts;
    private final CacheInvalidations invalidations;
    /**
     * Accounts as the audit log names actors, per node: forgotten when a sign-in or a choice changes one, on this node
     * at once and again once that change's transaction ends, on every node when it commits (PostgreSQL's NOTIFY); the
     * expiry only bounds how stale a node can be should the notification be lost.
     */
    private final Cache<UUID, Account> recent = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    AccountService(AccountRepository accounts, CacheInvalidations invalidations) {
        this.accounts = accounts;
        this.invalidations = invalidations;
        invalidations.subscribe(CACHE, new CacheInvalidations.Subscriber() {
            @Override
            public void changed(UUID accountId) {
                recent.invalidate(accountId);
            }

            @Override
            public void anythingMayHaveChanged() {
                recent.invalidateAll();
            }
        });
    }

    /**
     * The account of the person signing in through an app-wide provider, created on their first sign-in. E-mail and
     * name follow the identity provider: they are updated on each sign-in. An unknown identity always gets a new
     * account, never one with the same e-mail: an app-wide provider speaks for no domain.
     *
     * @throws AccountException {@code account.identity-unreadable} when the e-mail or subject is not storable text
     */
    @Transactional
    public Account signIn(OidcIdentity identity) {
        if (identity.email() == null || identity.email().isBlank()) {
            throw new IllegalArgumentException("The identity provider did not share an e-mail address for this account.");
        }
        String email = readable(identity.email().strip(), MAX_EMAIL_LENGTH);
        readable(identity.subject(), MAX_SUBJECT_LENGTH);
        String name = nameOr(identity.displayName(), email);
        UUID accountId = accounts.accountOf(identity.issuer(), identity.subject())
                .orElseGet(() -> claim(identity.issuer(), identity.subject(), accounts.insert(email, identity.emailVerified(), name)));
        return refresh(accountId, identity.issuer(), identity.subject(), email, identity.emailVerified(), name);
    }

    /**
     * The account of a person signing in through a workspace's connection, whose caller has checked that the
     * connection speaks for the identity's e-mail address: {@code vouched} tells whether it speaks for an address
     * (its domain is verified by the connection's workspace). The rules (README, Signing in through a connection):
     * <ul>
     * <li>a known identity signs in as its account; the account's e-mail and name follow the identity only while
     * the account's current address is one the connection speaks for, so no connection moves an account away from
     * an address outside its domains;</li>
     * <li>an unknown identity whose provider verified its address ({@code emailVerified}) is linked to the oldest
     * account whose verified e-mail is the same address (case-insensitive) — an unverified address on either side
     * could have been typed by anyone, also by someone else in the same organisation's directory;</li>
     * <li>otherwise it gets a new account.</li>
     * </ul>
     * Two first sign-ins of one identity at once end with one account: the database's unique key on the identity
     * decides, and the loser signs in as the winner's account.
     *
     * @throws IllegalArgumentException when the connection does not speak for the identity's address
     * @throws AccountException {@code account.identity-unreadable} when the e-mail or subject is not storable text
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public VouchedSignIn signInVouched(String issuer, String subject, String email, boolean emailVerified,
            @Nullable String displayName, Predicate<String> vouched) {
        String address = readable(email.strip(), MAX_EMAIL_LENGTH);
        readable(subject, MAX_SUBJECT_LENGTH);
        if (!vouched.test(address)) {
            throw new IllegalArgumentException("The connection does not speak for " + address);
        }
        String name = nameOr(displayName, address);
        Optional<UUID> known = accounts.accountOf(issuer, subject);
        if (known.isPresent()) {
            return new VouchedSignIn(known(known.get(), issuer, subject, address, emailVerified, name, vouched), VouchedSignIn.How.KNOWN);
        }
        Optional<Account> sameAddress = emailVerified ? accounts.lockByVerifiedEmail(address) : Optional.empty();
        if (sameAddress.isPresent()) {
            UUID linked = sameAddress.get().id();
            if (accounts.insertIdentity(linked, issuer, subject)) {
                return new VouchedSignIn(refresh(linked, issuer, subject, address, true, name), VouchedSignIn.How.LINKED);
            }
            return new VouchedSignIn(known(wonMeanwhile(issuer, subject), issuer, subject, address, emailVerified, name, vouched),
                    VouchedSignIn.How.KNOWN);
        }
        Account created = accounts.insert(address, emailVerified, name);
        UUID accountId = claim(issuer, subject, created);
        return accountId.equals(created.id()) ? new VouchedSignIn(created, VouchedSignIn.How.CREATED)
                : new VouchedSignIn(known(accountId, issuer, subject, address, emailVerified, name, vouched), VouchedSignIn.How.KNOWN);
    }

    private Account known(UUID accountId, String issuer, String subject, String address, boolean emailVerified, String name,
            Predicate<String> vouched) {
        Account account = accounts.find(accountId).orElseThrow();
        return vouched.test(account.email()) ? refresh(accountId, issuer, subject, address, emailVerified, name)
                : accounts.touch(accountId, issuer, subject);
    }

    /**
     * Takes the account's e-mail and name from the identity; only a sign-in that changed them is told to the nodes, so
     * that most sign-ins send no notification (each a lock that every notifying commit in the cluster takes in turn).
     */
    private Account refresh(UUID accountId, String issuer, String subject, String email, boolean emailVerified, String name) {
        AccountRepository.Refreshed refreshed = accounts.refresh(accountId, issuer, subject, email, emailVerified, name);
        if (refreshed.changed()) {
            forget(accountId);
        }
        return refreshed.account();
    }

    /**
     * Gives the identity to the account just created; when a concurrent first sign-in of the same identity got there
     * first, drops the account again and returns the winner's.
     */
    private UUID claim(String issuer, String subject, Account created) {
        if (accounts.insertIdentity(created.id(), issuer, subject)) {
            return created.id();
        }
        accounts.delete(created.id());
        return wonMeanwhile(issuer, subject);
    }

    private UUID wonMeanwhile(String issuer, String subject) {
        return accounts.accountOf(issuer, subject)
                .orElseThrow(() -> new IllegalStateException("The identity was taken and is gone again; sign in once more"));
    }

    /**
     * The name as people will see it: a provider's name is not refused, as that would lock the person out, but cleaned
     * of what PostgreSQL refuses (NUL) and what hides or reorders text; the e-mail when nothing visible is left.
     */
    private static String nameOr(@Nullable String displayName, String email) {
        String name = DisplayText.visibleLine(displayName, MAX_NAME_LENGTH);
        return name.isEmpty() ? email : name;
    }

    /**
     * The e-mail address a workspace's identity provider sent, stripped, checked as {@link #signIn} checks one: for a
     * sign-in that reads the address (its domain) before {@link #signInVouched}.
     *
     * @throws AccountException {@code account.identity-unreadable} when it is not storable text
     */
    public static String readableEmail(String email) {
        return readable(email.strip(), MAX_EMAIL_LENGTH);
    }

    /**
     * Another claim naming who the person is or whom they belong to (Google's {@code hd}), refused like an unreadable
     * subject.
     *
     * @throws AccountException {@code account.identity-unreadable} when it is not storable text
     */
    public static String readableClaim(String claim) {
        return readable(claim, MAX_SUBJECT_LENGTH);
    }

    /** E-mail and subject identify the person, so nothing is dropped from them: one that is not plain text is refused. */
    private static String readable(String value, int maxLength) {
        if (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
            throw new AccountException("account.identity-unreadable");
        }
        return value;
    }

    /**
     * The account a verified e-mail address names: the oldest one whose identity provider verified it (the rule
     * sign-ins through a workspace's connection follow). An unverified address names nobody: anyone could have typed it.
     */
    public Optional<Account> findByVerifiedEmail(String email) {
        return accounts.findByVerifiedEmail(email.strip());
    }

    public Optional<Account> find(UUID accountId) {
        return accounts.find(accountId);
    }

    /**
     * The account, read at most a minute ago on this node, or since a change made here committed: for naming an actor
     * in each audit event without a query per event.
     */
    public Optional<Account> findRecent(UUID accountId) {
        return Optional.ofNullable(recent.get(accountId, id -> accounts.find(id).orElse(null)));
    }

    /**
     * Drops the account's cached copy now and again when the changing transaction ends: a copy read before the change
     * committed, even one being read at that moment, does not outlive it. Other nodes drop theirs when it commits.
     */
    private void forget(UUID accountId) {
        recent.invalidate(accountId);
        invalidations.announce(CACHE, accountId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    recent.invalidate(accountId);
                }
            });
        }
    }

    /**
     * Remembers the language the person chose, one of {@link AtriumTranslations#LOCALES}, for every later sign-in;
     * null forgets the choice, so that pages follow the browser's language again. A personal preference, not a
     * workspace's business: it is not audited, like the name and e-mail refreshed at sign-in.
     */
    @Transactional
    public Account changeLanguage(UUID accountId, @Nullable Locale language) {
        if (language != null && !AtriumTranslations.LOCALES.contains(language)) {
            throw new IllegalArgumentException("Atrium does not speak " + language.toLanguageTag()
                    + "; choose one of " + AtriumTranslations.LOCALES);
        }
        forget(accountId);
        if (!accounts.updateLanguage(accountId, language)) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        return accounts.find(accountId).orElseThrow();
    }
}
