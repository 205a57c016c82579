package dev.atrium.admin.joinrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;

import java.util.Locale;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;

import dev.atrium.admin.RefusingMailServer;
import dev.atrium.admin.TestApplication;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The requester is e-mailed what became of their join request, through the outbox: recorded in the decision's
 * transaction (so a decision rolled back sends nothing), delivered to the mail server after the commit, in their
 * language, as plain text and HTML, and retried while the mail server is away.
 */
@SpringBootTest
class JoinOutcomeMailTest {

    @Autowired JoinRequestService joins;
    @Autowired JoinRequestFixtures fixtures;
    @Autowired TestWorkspaces teams;
    @Autowired TestMailbox mailbox;
    @Autowired MemberService members;
    @Autowired AccountService accounts;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DSLContext platform;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired GreenMail mailSink;

    @Test
    void anApprovalIsMailedToTheRequesterWithTheRoleAndALinkToTheWorkspace() throws MessagingException {
        Requested requested = requested("approved");
        TenantScope owner = requested.owner();
        Account colleague = requested.colleague();

        joins.approve(owner, joins.pending(owner).getFirst().id(), teams.roleId(owner, BuiltInRoles.ADMIN));

        MimeMessage mail = mailbox.awaitOneTo(colleague.email());
        String link = TestApplication.PUBLIC_URL + "/w/" + owner.slug();
        assertThat(mail.getSubject()).isEqualTo("Atrium: your request to join the workspace \"" + owner.workspaceName() + "\" was approved");
        assertThat(MailText.plainText(mail))
                .contains("Your request to join the workspace \"" + owner.workspaceName() + "\" on Atrium was approved: "
                        + "you are a member with the role Admin.")
                .containsSubsequence("Open the workspace:", link)
                .contains("Sign in with " + colleague.email() + " to open it.");
        assertThat(MailText.html(mail)).contains("<a href=\"" + link + "\"").contains("with the role Admin");
    }

    @Test
    void aDenialIsMailedInTheRequestersLanguageWithoutALink() throws MessagingException {
        Requested requested = requested("denied");
        TenantScope owner = requested.owner();
        Account colleague = requested.colleague();
        accounts.changeLanguage(colleague.id(), Locale.GERMAN);

        joins.deny(owner, joins.pending(owner).getFirst().id());

        MimeMessage mail = mailbox.awaitOneTo(colleague.email());
        assertThat(mail.getSubject()).isEqualTo("Atrium: Ihre Anfrage, dem Arbeitsbereich „" + owner.workspaceName()
                + "“ beizutreten, wurde abgelehnt");
        assertThat(MailText.plainText(mail)).contains("wurde abgelehnt.").doesNotContain("/w/");
        assertThat(MailText.html(mail)).startsWith("<!DOCTYPE html><html lang=\"de\">").doesNotContain("<a ");
    }

    @Test
    void theMailIsRecordedInTheDecisionsTransactionSoADecisionRolledBackSendsNothing() {
        Requested requested = requested("rollback");
        TenantScope owner = requested.owner();
        Account colleague = requested.colleague();
        PendingJoinRequest request = joins.pending(owner).getFirst();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            joins.approve(owner, request.id(), teams.roleId(owner, BuiltInRoles.ADMIN));
            assertThat(outboxSize(colleague.email())).as("recorded with the decision").isOne();
            status.setRollbackOnly();
        });

        assertThat(outboxSize(colleague.email())).isZero();
        assertThat(members.find(owner, colleague.id())).isEmpty();
        assertThat(joins.pending(owner)).containsExactly(request);

        joins.deny(owner, request.id());

        assertThat(MailText.plainText(mailbox.awaitOneTo(colleague.email())))
                .as("only the committed decision's mail; the approval that rolled back never left")
                .contains("was denied").doesNotContain("approved");
    }

    @Test
    void aMailRefusedWhileTheMailServerIsDownIsRetriedAndDeliveredOnceItIsBack() throws IOException {
        Requested requested = requested("retried");
        try (ServerSocket closed = new ServerSocket(0)) {
            mailSender.setPort(closed.getLocalPort());
        }

        joins.deny(requested.owner(), joins.pending(requested.owner()).getFirst().id());

        await().until(() -> "FAILED".equals(outboxStatus(requested.colleague().email())));
        assertThat(mailbox.to(requested.colleague().email())).isEmpty();

        mailServerBack();

        assertThat(MailText.plainText(mailbox.awaitOneTo(requested.colleague().email()))).contains("was denied");
        await().until(() -> outboxSize(requested.colleague().email()) == 0);
    }

    /** An address the mail server refuses for good is not retried: the mail leaves the outbox after its first attempt. */
    @Test
    void aMailWhoseAddressIsRefusedForGoodLeavesTheOutbox() {
        Requested requested = requested("refused");
        try (RefusingMailServer refusing = RefusingMailServer.startFor(mailSender)) {

            joins.deny(requested.owner(), joins.pending(requested.owner()).getFirst().id());

            await().until(() -> outboxSize(requested.colleague().email()) == 0);
            assertThat(refusing.refusals(requested.colleague().email())).as("attempts").isOne();
        }
        assertThat(mailbox.to(requested.colleague().email())).isEmpty();
    }

    @AfterEach
    void mailServerBack() {
        mailSender.setPort(mailSink.getSmtp().getPort());
    }

    private record Requested(TenantScope owner, Account colleague) {
    }

    /** A workspace in request mode and a colleague of its verified domain who asked to join it. */
    private Requested requested(String label) {
        String domain = JoinRequestFixtures.uniqueDomain(label);
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        joins.saveSetting(owner, JoinMode.REQUEST, null);
        Account colleague = fixtures.person("Carl", domain, true);
        joins.requestToJoin(colleague.id(), owner.workspaceId());
        return new Requested(owner, colleague);
    }

    private @Nullable String outboxStatus(String address) {
        return platform.select(DSL.field("status", String.class)).from(DSL.table(DSL.name("platform", "event_publication")))
                .where(DSL.field("serialized_event", String.class).contains(address)).fetchOne(Record1::value1);
    }

    private int outboxSize(String address) {
        return platform.fetchCount(DSL.table(DSL.name("platform", "event_publication")),
                DSL.field("serialized_event", String.class).contains(address));
    }
}
