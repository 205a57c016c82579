package dev.atrium.admin.joinrequest;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.mail.AtriumMailer;
import dev.atrium.admin.mail.MailContent;
import dev.atrium.admin.mail.OutboxMail;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;

/**
 * Tells a requester by e-mail what became of their join request: approved with a role (and a link to the workspace) or
 * denied. {@link #queue} records the mail in the decision's transaction, so a decision that rolls back sends nothing;
 * after the commit {@link #deliver} sends it, and a refused mail stays in the outbox for the retries. The mail is in the
 * requester's chosen language (English when they chose none). Without a mail server nothing is queued: the requester
 * still sees the outcome in Atrium.
 */
@Component
class JoinOutcomeMails {

    /** Longest name a mail repeats. */
    private static final int MAX_NAME_LENGTH = 100;

    private final ApplicationEventPublisher events;
    private final AtriumMailer mailer;
    private final AccountService accounts;
    private final PublicUrl publicUrl;
    private final I18NProvider translations;

    JoinOutcomeMails(ApplicationEventPublisher events, AtriumMailer mailer, AccountService accounts, PublicUrl publicUrl,
            I18NProvider translations) {
        this.events = events;
        this.mailer = mailer;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.translations = translations;
    }

    // Public, like every method called through this bean's proxy (asynchronous and transactional advice).

    /** Records the approval mail, to be sent once the current transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queueApproved(TenantScope scope, JoinRequestRepository.Request request, String roleName) {
        queue(new JoinOutcomeMailQueued(request.accountId(), request.email(), scope.workspaceName(), true, roleName,
                publicUrl.of("/w/" + scope.slug())));
    }

    /** Records the denial mail, to be sent once the current transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queueDenied(TenantScope scope, JoinRequestRepository.Request request) {
        queue(new JoinOutcomeMailQueued(request.accountId(), request.email(), scope.workspaceName(), false, null, null));
    }

    private void queue(JoinOutcomeMailQueued mail) {
        if (mailer.isConfigured()) {
            events.publishEvent(mail);
        }
    }

    /**
     * Delivers a queued mail after its transaction committed, or again when resubmitted; a refusal leaves the exception
     * to the outbox, which keeps the mail for the next retry, unless the address was refused for good.
     */
    @Async(OutboxMail.EXECUTOR)
    @TransactionalEventListener
    public void deliver(JoinOutcomeMailQueued mail) {
        if (!mailer.isConfigured()) {
            return;
        }
        mailer.sendOrDropRejected(content(mail, accounts.find(mail.accountId()).map(Account::language).orElse(null)));
    }

    private MailContent content(JoinOutcomeMailQueued mail, @Nullable Locale chosen) {
        Locale language = chosen == null ? Locale.ENGLISH : chosen;
        // The workspace's and the role's names are chosen by people: quoted, never links, and the subject starts with
        // Atrium, so that no name can pass the mail off as coming from elsewhere.
        String workspace = DisplayText.unlinkable(mail.workspaceName(), MAX_NAME_LENGTH);
        String greeting = text("joinrequest.email.greeting", language);
        String names = text("joinrequest.email.names", language);
        String link = mail.workspaceLink();
        if (mail.approved() && link != null) {
            String role = DisplayText.unlinkable(mail.roleName() == null ? "" : mail.roleName(), MAX_NAME_LENGTH);
            return new MailContent(mail.to(), text("joinrequest.email.approved.subject", language, workspace), language, greeting,
                    text("joinrequest.email.approved.intro", language, workspace, role),
                    new MailContent.Action(text("joinrequest.email.open", language), link),
                    text("joinrequest.email.approved.closing", language, mail.to()), names);
        }
        return new MailContent(mail.to(), text("joinrequest.email.denied.subject", language, workspace), language, greeting,
                text("joinrequest.email.denied.intro", language, workspace), null, text("joinrequest.email.denied.closing", language),
                names);
    }

    private String text(String key, Locale language, Object... args) {
        return translations.getTranslation(key, language, args);
    }
}
