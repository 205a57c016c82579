package dev.atrium.admin.config;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Atrium's settings, {@code atrium.*} (README, Configuration). Bound and validated at start-up: a bad value stops the
 * application with the property's name and what is wrong with it. The development services' settings
 * ({@code atrium.embedded-postgres.*}, {@code atrium.dev-services.*}) belong to the dev-services module.
 *
 * @param publicUrl the address people use to reach the application, for links in e-mails (empty: from the request in
 *        development, see {@code publicUrlRequired})
 * @param publicUrlRequired whether start-up fails without {@code publicUrl} (the prod profile sets it)
 * @param operators e-mail addresses of the people who run the application (may read health details), counted only
 *        when the identity provider verified the address
 * @param operatorClaim a claim of the ID token (e.g. {@code groups}) that makes its bearer an operator when it holds
 *        {@code operatorClaimValue}
 * @param operatorClaimValue the value of {@code operatorClaim} that makes an operator (e.g. {@code atrium-operators})
 */
@ConfigurationProperties("atrium")
@Validated
public record AtriumProperties(
        @DefaultValue("") String publicUrl,
        @DefaultValue("false") boolean publicUrlRequired,
        @DefaultValue({}) List<String> operators,
        @DefaultValue("") String operatorClaim,
        @DefaultValue("") String operatorClaimValue,
        @DefaultValue @Valid Tenants tenants,
        @DefaultValue @Valid Mail mail,
        @DefaultValue @Valid Invitations invitations,
        @DefaultValue @Valid RateLimits rateLimits,
        @DefaultValue @Valid Audit audit,
        @DefaultValue @Valid Keys keys,
        @DefaultValue @Valid I18n i18n,
        @DefaultValue @Valid Domains domains,
        @DefaultValue @Valid Jobs jobs,
        @DefaultValue @Valid Workspaces workspaces,
        @DefaultValue @Valid Webhooks webhooks,
        @DefaultValue @Valid Api api,
        @DefaultValue @Valid Metrics metrics) {

    /**
     * Workspace schemas.
     *
     * @param migrationThreads how many workspace schemas are migrated at once at start-up
     * @param hostChangelog a Liquibase master changelog on the class path (e.g. {@code db/changelog/host/master.xml})
     *        applied to every workspace schema after Atrium's; empty: none
     * @param spareSchemas how many complete, empty workspace schemas are kept ready, so that creating a workspace
     *        claims one instead of creating its tables; 0: none, every creation creates its tables
     * @param spareRefillInterval how long after one run the cluster job that tops the spares up runs again
     */
    public record Tenants(
            @DefaultValue("4") @Min(1) @Max(64) int migrationThreads,
            @DefaultValue("") String hostChangelog,
            @DefaultValue("3") @Min(0) @Max(1000) int spareSchemas,
            @DefaultValue("PT10S") @NotNull Duration spareRefillInterval) {
    }

    /** @param from the sender of Atrium's e-mails */
    public record Mail(@DefaultValue("Atrium <no-reply@atrium.localhost>") @NotBlank String from) {
    }

    /**
     * Invitations.
     *
     * @param resendInterval how soon an invitation may be sent again
     * @param mail retries of invitation e-mails the mail server refused
     * @param reminderCron when due invitation reminders are sent, for the workspaces that switched them on
     *        ({@code -}: never)
     * @param bulkResumeInterval how often a node looks for confirmed bulk invites (CSV files) with rows not yet done,
     *        such as those a restart interrupted, and carries on with them
     * @param expiryCheckInterval how often invitations that ran out are looked for, each announced once
     *        ({@code invitation.expired} in the audit log and to webhooks)
     */
    public record Invitations(
            @DefaultValue("PT1M") @NotNull Duration resendInterval,
            @DefaultValue @Valid MailRetries mail,
            @DefaultValue(Invitations.DEFAULT_REMINDER_CRON) @NotBlank String reminderCron,
            @DefaultValue("PT1M") @NotNull Duration bulkResumeInterval,
            @DefaultValue("PT5M") @NotNull Duration expiryCheckInterval) {

        public static final String DEFAULT_REMINDER_CRON = "0 0 * * * *";
    }

    /**
     * Retries of invitation e-mails.
     *
     * @param retryDelay the first retry after a refused e-mail, doubled per attempt; also how often due retries are
     *        looked for
     * @param maxRetryDelay the longest wait between two attempts
     * @param maxAttempts attempts before an e-mail counts as "Not delivered" for good
     */
    public record MailRetries(
            @DefaultValue(MailRetries.DEFAULT_RETRY_DELAY) @NotNull Duration retryDelay,
            @DefaultValue("PT30M") @NotNull Duration maxRetryDelay,
            @DefaultValue("10") @Min(1) int maxAttempts) {

        /** Also the default of the retry job's schedule, which reads the property itself. */
        public static final String DEFAULT_RETRY_DELAY = "PT30S";
    }

    /**
     * Rate limits, shared by every node (kept in PostgreSQL).
     *
     * @param workspacesPerAccountPerDay workspaces one account may create per day
     * @param invitationsPerWorkspacePerHour invitations a workspace may send per hour (each address counts)
     * @param resendsPerWorkspacePerHour invitations a workspace may resend per hour
     * @param joinLinkAttemptsPerAccountPerHour join link tokens matching no link one account may try per hour; when
     *        they are used up, every join link is refused to the account until the allowance refills
     * @param apiRequestsPerKeyPerMinute requests one API key may make per minute
     * @param cleanUpInterval how often full buckets are deleted
     */
    public record RateLimits(
            @DefaultValue("10") @Min(1) long workspacesPerAccountPerDay,
            @DefaultValue("200") @Min(1) long invitationsPerWorkspacePerHour,
            @DefaultValue("100") @Min(1) long resendsPerWorkspacePerHour,
            @DefaultValue("20") @Min(1) long joinLinkAttemptsPerAccountPerHour,
            @DefaultValue("600") @Min(1) long apiRequestsPerKeyPerMinute,
            @DefaultValue(RateLimits.DEFAULT_CLEAN_UP_INTERVAL) @NotNull Duration cleanUpInterval) {

        /** Also the default of the clean-up job's schedule, which reads the property itself. */
        public static final String DEFAULT_CLEAN_UP_INTERVAL = "PT1H";
    }

    /**
     * The audit log.
     *
     * @param purgeCron when events past each workspace's retention are deleted ({@code -}: never)
     * @param checkpointCron when each workspace's chain end is checked and published ({@code -}: never)
     * @param checkpoints where signed checkpoints are kept
     */
    public record Audit(
            @DefaultValue(Audit.DEFAULT_PURGE_CRON) @NotBlank String purgeCron,
            @DefaultValue(Audit.DEFAULT_CHECKPOINT_CRON) @NotBlank String checkpointCron,
            @DefaultValue @Valid Checkpoints checkpoints) {

        /** Also the defaults of the jobs' schedules, which read the properties themselves. */
        public static final String DEFAULT_PURGE_CRON = "0 30 3 * * *";
        public static final String DEFAULT_CHECKPOINT_CRON = "0 15 * * * *";
    }

    /**
     * @param directory signed checkpoints of each workspace's audit chain, one append-only file per workspace; keep it
     *        apart from the database. Unset: {@code ~/.atrium/audit-checkpoints}
     */
    public record Checkpoints(@Nullable String directory) {

        public Checkpoints {
            directory = directory != null ? directory : System.getProperty("user.home") + "/.atrium/audit-checkpoints";
        }
    }

    /**
     * Keys kept outside the database.
     *
     * @param directory one Tink keyset file per purpose; unset: {@code ~/.atrium/keys}; empty: in memory only (tests)
     * @param rotate keysets to rotate before exiting ({@code audit-chain}, {@code audit-checkpoint},
     *        {@code sso-client-secrets}, {@code invitation-tokens}, {@code webhook-secrets},
     *        comma-separated); empty: none
     */
    public record Keys(@Nullable String directory, @DefaultValue("") String rotate) {

        public Keys {
            directory = directory != null ? directory : System.getProperty("user.home") + "/.atrium/keys";
        }
    }

    /** @param hostBasenames the host application's message bundles, looked up before Atrium's */
    public record I18n(@DefaultValue("messages") List<String> hostBasenames) {
    }

    /**
     * Verified domains (README, Verified domains).
     *
     * @param blocked domains no workspace can claim, nor any name under them: free-mail and disposable-address
     *        providers. Setting the property replaces the whole default list.
     * @param dnsServer the DNS server TXT records are looked up at, {@code host} or {@code host:port}; empty: the
     *        system's resolvers
     * @param lookupTimeout how long one TXT look-up may take
     * @param recheckCron when verified domains are checked again ({@code -}: never)
     */
    public record Domains(
            @DefaultValue({ "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
                    "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me",
                    "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "mail.com", "zoho.com", "fastmail.com",
                    "tutanota.com", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com",
                    "mailinator.com", "guerrillamail.com", "sharklasers.com", "10minutemail.com", "tempmail.com",
                    "temp-mail.org", "yopmail.com", "trashmail.com", "dispostable.com", "maildrop.cc", "getnada.com" })
            List<@NotBlank @Pattern(regexp = "[a-z0-9.-]+", message = "must be a lower-case ASCII domain") String> blocked,
            @DefaultValue("") @Pattern(regexp = "|[^\\s:]+(:[0-9]{1,5})?", message = "must be host or host:port") String dnsServer,
            @DefaultValue("PT5S") @NotNull Duration lookupTimeout,
            @DefaultValue(Domains.DEFAULT_RECHECK_CRON) @NotBlank String recheckCron) {

        /** Also the default of the re-check's schedule, which reads the property itself. */
        public static final String DEFAULT_RECHECK_CRON = "0 0 * * * *";
    }

    /**
     * Cluster-wide jobs (db-scheduler on {@code platform.scheduled_tasks}).
     *
     * @param pollingInterval how often each node looks for due jobs
     */
    public record Jobs(@DefaultValue("PT10S") @NotNull Duration pollingInterval) {
    }

    /**
     * Workspaces.
     *
     * @param deletionGrace how long a deleted workspace can be restored before its schema is dropped
     * @param purgeCron when workspaces past their grace are dropped ({@code -}: never)
     */
    public record Workspaces(
            @DefaultValue("P7D") @NotNull Duration deletionGrace,
            @DefaultValue(Workspaces.DEFAULT_PURGE_CRON) @NotBlank String purgeCron) {

        public static final String DEFAULT_PURGE_CRON = "0 45 * * * *";

        @AssertTrue(message = "must be at least one hour")
        public boolean isDeletionGraceAtLeastAnHour() {
            return deletionGrace == null || deletionGrace.compareTo(Duration.ofHours(1)) >= 0;
        }
    }

    /**
     * Webhooks.
     *
     * @param allowPrivateNetworks whether endpoints may be plain {@code http} and resolve to loopback, private,
     *        link-local or other internal addresses, as may single sign-on's requests to workspaces' identity
     *        providers (metadata, discovery document, token, key set, userinfo): for development and tests only
     * @param retryDelay the wait after a delivery's first failed attempt; it doubles with each further one
     * @param maxRetryDelay the longest wait between two attempts
     * @param retryWindow how long a message is retried; then it fails and its endpoint is disabled
     * @param connectTimeout how long connecting to an endpoint may take
     * @param responseTimeout how long an endpoint may take to answer
     * @param pollingInterval how often the cluster looks for deliveries due again
     */
    public record Webhooks(
            @DefaultValue("false") boolean allowPrivateNetworks,
            @DefaultValue("PT30S") @NotNull Duration retryDelay,
            @DefaultValue("PT1H") @NotNull Duration maxRetryDelay,
            @DefaultValue("PT24H") @NotNull Duration retryWindow,
            @DefaultValue("PT5S") @NotNull Duration connectTimeout,
            @DefaultValue("PT10S") @NotNull Duration responseTimeout,
            @DefaultValue("PT10S") @NotNull Duration pollingInterval) {
    }

    /**
     * The REST API.
     *
     * @param idempotencyLease how long a claimed {@code Idempotency-Key} with no stored response yet counts as being
     *        served; after that (its node presumably stopped mid-request) a retry takes it over and runs the request
     * @param idempotencyRetention how long a stored response is replayed to retries; then it is deleted
     * @param idempotencyPurgeInterval how often the cluster deletes the responses past their retention
     */
    public record Api(
            @DefaultValue("PT1M") @NotNull Duration idempotencyLease,
            @DefaultValue("P1D") @NotNull Duration idempotencyRetention,
            @DefaultValue("PT1H") @NotNull Duration idempotencyPurgeInterval) {

        @AssertTrue(message = "idempotency-retention must be longer than idempotency-lease, and both positive")
        public boolean isRetentionLongerThanLease() {
            return idempotencyLease == null || idempotencyRetention == null
                    || (idempotencyLease.isPositive() && idempotencyRetention.compareTo(idempotencyLease) > 0);
        }
    }

    /**
     * @param scrapeTokenSha256 the SHA-256 (hex) of the bearer token a Prometheus scraper presents at
     *        {@code /actuator/prometheus}; only the hash is configured. Empty: only signed-in operators may read it
     */
    public record Metrics(
            @DefaultValue("") @Pattern(regexp = "|[0-9a-fA-F]{64}", message = "must be a SHA-256 in hex (64 characters)")
            String scrapeTokenSha256) {
    }
}
