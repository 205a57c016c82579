package dev.atrium.admin.invitation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.InvitationMailer.InvitationMail;
import dev.atrium.admin.invitation.InvitationRepository.MailRow;
import dev.atrium.admin.invitation.InvitationRepository.Row;
import dev.atrium.admin.mail.OutboxMail;
import dev.atrium.admin.mail.RecipientRejectedException;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Invitation e-mails through a transactional outbox. {@link #queue} records the mail in the transaction that made the
 * invitation's link (Spring Modulith writes the event to its publication table in that transaction); after the commit
 * {@link #deliver} sends it on the mail executor. A delivery that fails stays in the outbox and is resubmitted
 * ({@link InvitationMailRetries}, and at start-up), so a mail is delivered at least once unless it became stale.
 */
@Component
class InvitationMailOutbox {

    static final String EXECUTOR = OutboxMail.EXECUTOR;

    private static final Logger log = LoggerFactory.getLogger(InvitationMailOutbox.class);

    private final ApplicationEventPublisher events;
    private final InvitationMailer mailer;
    private final InvitationLinkSeal seal;
    private final InvitationRepository invitations;
    private final TenantBinder binder;
    private final TenantDsl tenantDsl;
    private final AccountService accounts;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final int maxAttempts;

    InvitationMailOutbox(ApplicationEventPublisher events, InvitationMailer mailer, InvitationLinkSeal seal,
            InvitationRepository invitations, TenantBinder binder, TenantDsl tenantDsl, AccountService accounts,
            AuditLog auditLog, PlatformTransactionManager transactionManager,
            AtriumProperties properties) {
        this.events = events;
        this.mailer = mailer;
        this.seal = seal;
        this.invitations = invitations;
        this.binder = binder;
        this.tenantDsl = tenantDsl;
        this.accounts = accounts;
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactionManager);
        this.maxAttempts = properties.invitations().mail().maxAttempts();
    }

    // Public, like every method called through this bean's proxy (asynchronous and transactional advice).

    /** Whether queued mails are sent at all: a mail server is configured. */
    public boolean delivers() {
        return mailer.isConfigured();
    }

    /**
     * Records the e-mail carrying the invitation's new link, to be sent once the current transaction commits, in
     * {@code language} (the sender's, as the page they acted on shows it); without a mail server, records
     * on the invitation that it was not mailed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(TenantScope scope, UUID invitationId, String token, String link, Locale language) {
        if (!mailer.isConfigured()) {
            invitations.recordMailImpossible(tenantDsl.of(scope), invitationId, MailError.of(MailError.Problem.NO_MAIL_SERVER));
            return;
        }
        String linkPrefix = link.substring(0, link.length() - token.length());
        events.publishEvent(new InvitationMailQueued(scope.workspaceId(), invitationId, scope.accountId(), linkPrefix,
                seal.seal(scope.workspaceId(), invitationId, token), language.toLanguageTag()));
    }

    /** Records the reminder of a pending invitation, to be sent once the current transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queueReminder(TenantScope scope, UUID invitationId) {
        events.publishEvent(new InvitationReminderQueued(scope.workspaceId(), invitationId));
    }

    /**
     * Delivers a queued reminder after its transaction committed, or again when resubmitted; dropped when the
     * invitation is no longer pending or its workspace is gone. A refusal leaves it in the outbox for the next retry.
     */
    @Async(EXECUTOR)
    @TransactionalEventListener
    public void deliverReminder(InvitationReminderQueued reminder) {
        if (!mailer.isConfigured()) {
            return;
        }
        TenantScope scope;
        try {
            scope = binder.bindSystem(reminder.workspaceId());
        } catch (TenantNotFoundException e) {
            log.info("Dropped the reminder of invitation {}: its workspace no longer exists", reminder.invitationId());
            return;
        }
        Optional<Row> found = invitations.findForDelivery(tenantDsl.of(scope), reminder.invitationId()).map(MailRow::invitation)
                .filter(row -> row.status() == InvitationStatus.PENDING);
        if (found.isEmpty()) {
            log.info("Dropped the reminder of invitation {}: it is no longer pending", reminder.invitationId());
            return;
        }
        Row row = found.get();
        Optional<Account> inviter = accounts.find(row.invitedBy());
        String roleName = invitations.find(tenantDsl.of(scope), row.id()).orElseThrow().roleName();
        mailer.sendReminder(new InvitationMail(row.email(), inviter.map(Account::displayName).orElse(null), scope.workspaceName(),
                roleName, currentLink(scope, row.id()).orElse(""), row.expiresAt(), inviter.map(Account::language).orElse(Locale.ENGLISH)));
    }

    /**
     * The invitation's current link, opened from its row: the same link the invitation mail carried (or a resend
     * showed). Empty for invitations made before links were kept, or when the kept token does not open or is no
     * longer current; the reminder then goes out without a link, as it did before.
     */
    private Optional<String> currentLink(TenantScope scope, UUID invitationId) {
        return invitations.keptLink(tenantDsl.of(scope), invitationId)
                .flatMap(kept -> seal.openFromRow(scope.workspaceId(), invitationId, kept.sealedToken())
                        .filter(token -> invitations.isCurrentToken(scope.workspaceId(), invitationId, InvitationTokens.hash(token)))
                        .map(token -> kept.prefix() + token));
    }

    /**
     * Delivers a queued mail after its transaction committed, or again when resubmitted. The invitation stays locked
     * while the mail server is talked to, so two deliveries of the same mail (a resubmission on another node) take
     * turns and the second finds it sent. A refusal is recorded before the exception leaves, which keeps the
     * publication incomplete (failed) for the next retry.
     */
    @Async(EXECUTOR)
    @TransactionalEventListener
    public void deliver(InvitationMailQueued mail) {
        MailError refusal = transaction.execute(status -> attempt(mail));
        if (refusal != null) {
            throw new MailNotDeliveredException(refusal);
        }
    }

    /** @return why the mail server refused the mail when it will be retried, else null (done, dropped or given up) */
    private MailError attempt(InvitationMailQueued mail) {
        TenantScope scope;
        try {
            scope = binder.bindSystem(mail.workspaceId());
        } catch (TenantNotFoundException e) {
            log.info("Dropped the invitation e-mail {}: its workspace no longer exists", mail.invitationId());
            return null;
        }
        DSLContext tenant = tenantDsl.of(scope);
        Optional<MailRow> found = invitations.findForDelivery(tenant, mail.invitationId());
        Optional<String> stale = found.isEmpty() ? Optional.of("the invitation no longer exists") : staleness(found.get());
        if (stale.isPresent()) {
            log.info("Dropped the invitation e-mail {}: {}", mail.invitationId(), stale.get());
            return null;
        }
        MailRow row = found.get();
        Optional<String> token = seal.open(mail.workspaceId(), mail.invitationId(), mail.sealedToken());
        if (token.isEmpty()) {
            return refused(scope, row, MailError.of(MailError.Problem.UNREADABLE_LINK), true);
        }
        if (!invitations.isCurrentToken(mail.workspaceId(), mail.invitationId(), InvitationTokens.hash(token.get()))) {
            log.info("Dropped the invitation e-mail {}: a resend replaced its link", mail.invitationId());
            return null;
        }
        try {
            mailer.send(message(scope, tenant, row, mail, token.get()));
            invitations.recordMailSent(tenant, row.invitation().id());
            return null;
        } catch (RecipientRejectedException e) {
            MailError error = new MailError(MailError.Problem.ADDRESS_REJECTED, e.getMessage());
            log.warn("Invitation e-mail {} not delivered, given up: the mail server refused the address: {}",
                    mail.invitationId(), error);
            return refused(scope, row, error, true);
        } catch (MailException | IllegalStateException e) {
            MailError error = new MailError(MailError.Problem.SERVER_REFUSED, describe(e));
            log.warn("Invitation e-mail {} not delivered (attempt {} of {}): {}", mail.invitationId(), row.attempts() + 1,
                    maxAttempts, error);
            return refused(scope, row, error, row.attempts() + 1 >= maxAttempts);
        }
    }

    /** Why the mail must not go out any more, if so: its link is dead, or it was already delivered. */
    private static Optional<String> staleness(MailRow row) {
        if (row.invitation().status() != InvitationStatus.PENDING) {
            return Optional.of("the invitation is " + row.invitation().status().label().toLowerCase(Locale.ROOT));
        }
        if (row.mail() == MailDelivery.SENT || row.mail() == MailDelivery.FAILED) {
            return Optional.of("it was already " + (row.mail() == MailDelivery.SENT ? "delivered" : "given up"));
        }
        return Optional.empty();
    }

    private MailError refused(TenantScope scope, MailRow row, MailError error, boolean givenUp) {
        invitations.recordMailRefused(tenantDsl.of(scope), row.invitation().id(), error, givenUp);
        if (!givenUp) {
            return error;
        }
        auditLog.record(scope, AuditActions.INVITATION_MAIL_FAILED,
                new AuditTarget("invitation", row.invitation().id().toString(), row.invitation().email()), null,
                Map.of("attempts", row.attempts() + 1, "error", error.toString()));
        return null;
    }

    private InvitationMail message(TenantScope scope, DSLContext tenant, MailRow row, InvitationMailQueued mail, String token) {
        String inviter = accounts.find(mail.senderId()).map(Account::displayName).orElse(null);
        String roleName = invitations.find(tenant, row.invitation().id()).orElseThrow().roleName();
        return new InvitationMail(row.invitation().email(), inviter, scope.workspaceName(), roleName,
                mail.linkPrefix() + token, row.invitation().expiresAt(),
                mail.language() == null ? Locale.ENGLISH : Locale.forLanguageTag(mail.language()));
    }

    private static String describe(Exception e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** The mail server refused an invitation e-mail; it stays in the outbox for the next retry. */
    static class MailNotDeliveredException extends RuntimeException {
        MailNotDeliveredException(MailError reason) {
            super("Invitation e-mail not delivered; it will be retried: " + reason);
        }
    }
}
