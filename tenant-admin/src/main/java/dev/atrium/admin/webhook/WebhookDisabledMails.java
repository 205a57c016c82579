package dev.atrium.admin.webhook;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.mail.AtriumMailer;
import dev.atrium.admin.mail.MailContent;
import dev.atrium.admin.mail.OutboxMail;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;

/**
 * Tells the workspace's admins (every member holding {@code webhooks.manage}) by e-mail that an endpoint was disabled
 * after a day of failed deliveries. {@link #queue} records one mail per admin in the transaction that disables the
 * endpoint, so a disable that rolls back sends nothing; after the commit {@link #deliver} sends each, and a refused
 * mail stays in the outbox for the retries. Each mail is in its recipient's chosen language (English when they chose
 * none). Without a mail server nothing is queued: the admins still see the banner on the Webhooks page.
 */
@Component
class WebhookDisabledMails {

    /** Longest name or URL a mail repeats. */
    private static final int MAX_NAME_LENGTH = 100;
    private static final int MAX_URL_LENGTH = 300;
    private static final int MAX_ERROR_LENGTH = 300;

    private final ApplicationEventPublisher events;
    private final AtriumMailer mailer;
    private final MemberService members;
    private final AccountService accounts;
    private final PublicUrl publicUrl;
    private final I18NProvider translations;

    WebhookDisabledMails(ApplicationEventPublisher events, AtriumMailer mailer, MemberService members, AccountService accounts,
            PublicUrl publicUrl, I18NProvider translations) {
        this.events = events;
        this.mailer = mailer;
        this.members = members;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.translations = translations;
    }

    // Public, like every method called through this bean's proxy (asynchronous and transactional advice).

    /** Records one mail per admin of the workspace, to be sent once the current transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(TenantScope system, WebhookEndpoint endpoint, String lastError) {
        if (!mailer.isConfigured()) {
            return;
        }
        String link = publicUrl.of("/w/" + system.slug() + "/webhooks");
        for (Member admin : members.holdersBySystem(system, Permissions.WEBHOOKS_MANAGE)) {
            events.publishEvent(new WebhookDisabledMailQueued(admin.accountId(), admin.email(), system.workspaceName(), endpoint.url(),
                    lastError, link));
        }
    }

    /**
     * Delivers a queued mail after its transaction committed, or again when resubmitted; a refusal leaves the exception
     * to the outbox, which keeps the mail for the next retry, unless the address was refused for good.
     */
    @Async(OutboxMail.EXECUTOR)
    @TransactionalEventListener
    public void deliver(WebhookDisabledMailQueued mail) {
        if (!mailer.isConfigured()) {
            return;
        }
        mailer.sendOrDropRejected(content(mail, accounts.find(mail.accountId()).map(Account::language).orElse(null)));
    }

    private MailContent content(WebhookDisabledMailQueued mail, @Nullable Locale chosen) {
        Locale language = chosen == null ? Locale.ENGLISH : chosen;
        // The workspace's name and the URL are typed by people, the error comes from the receiver: quoted, never
        // links, and the subject starts with Atrium, so that none can pass the mail off as coming from elsewhere.
        String workspace = DisplayText.unlinkable(mail.workspaceName(), MAX_NAME_LENGTH);
        String url = DisplayText.unlinkable(mail.endpointUrl(), MAX_URL_LENGTH);
        String error = DisplayText.unlinkable(mail.lastError().isBlank() ? "-" : mail.lastError(), MAX_ERROR_LENGTH);
        return new MailContent(mail.to(), text("webhook.email.disabled.subject", language, workspace), language,
                text("webhook.email.greeting", language),
                text("webhook.email.disabled.intro", language, url, workspace, error),
                new MailContent.Action(text("webhook.email.open", language), mail.webhooksLink()),
                text("webhook.email.disabled.closing", language), text("webhook.email.names", language));
    }

    private String text(String key, Locale language, Object... args) {
        return translations.getTranslation(key, language, args);
    }
}
