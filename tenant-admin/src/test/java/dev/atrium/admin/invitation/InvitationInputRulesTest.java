package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.invitation.InviteOutcome.Rejected;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;
import jakarta.mail.internet.MimeMessage;

/** Addresses that mail servers would refuse, and text that would be pasted by the megabyte, are refused up front. */
@SpringBootTest
class InvitationInputRulesTest {

    @Autowired InvitationService invitations;
    @Autowired WorkspaceService workspaces;
    @Autowired AccountService accountService;
    @Autowired TenantBinder binder;
    @Autowired TestWorkspaces teams;
    @Autowired TestMailbox mailbox;
    @Autowired MemberService members;

    @Test
    void fiftyAddressesOfTwentyKilobytesEachAreRefusedAsAWholeAndNothingIsStoredOrSent() {
        TenantScope owner = teams.newWorkspace("Hugo");
        List<String> addresses = IntStream.range(0, InvitationService.MAX_ADDRESSES_PER_REQUEST)
                .mapToObj(i -> "a".repeat(20_000) + i + "@example.test").toList();
        String huge = String.join(", ", addresses);

        assertThatThrownBy(() -> invitations.invite(owner, huge, memberRole(owner), Locale.ENGLISH))
                .isInstanceOf(InvitationException.class)
                .satisfies(Refusals.reason("invitation.addresses-too-long", InvitationService.MAX_ADDRESSES_INPUT_LENGTH,
                        InvitationService.MAX_ADDRESSES_PER_REQUEST));

        assertThat(invitations.count(owner, InvitationFilter.NONE)).isZero();
        // Per address: the sink is shared, and other tests' mails may arrive meanwhile.
        assertThat(addresses).allSatisfy(address -> assertThat(mailbox.to(address)).isEmpty());
    }

    @Test
    void anAddressLongerThan254CharactersIsRejectedShortenedInTheReportAndNotStored() {
        TenantScope owner = teams.newWorkspace("Hana");
        String tooLong = "x".repeat(64) + "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + "." + "g".repeat(10) + ".test";
        String fine = unique("fine");
        assertThat(tooLong).hasSizeGreaterThan(InvitationService.MAX_ADDRESS_LENGTH);

        InviteOutcome outcome = invitations.invite(owner, tooLong + " " + fine, memberRole(owner), Locale.ENGLISH);

        assertThat(outcome.invited()).extracting(InviteOutcome.Sent::email).containsExactly(fine);
        Rejected rejected = outcome.rejected().getFirst();
        assertThat(rejected.reason()).isEqualTo(Reason.of("invitation.address.too-long", 254));
        assertThat(Refusals.text(rejected.reason(), Locale.ENGLISH)).isEqualTo("Longer than 254 characters: not a valid e-mail address.");
        assertThat(rejected.address()).hasSizeLessThanOrEqualTo(80).startsWith("xxxx").endsWith("…");
        assertThat(invitations.count(owner, InvitationFilter.NONE)).isEqualTo(1);
    }

    @Test
    void addressesNeedAPlainLocalPartAndAHostNameWithAtLeastTwoValidLabels() {
        TenantScope owner = teams.newWorkspace("Hedda");
        List<String> invalid = List.of("ann@localhost", "ann@-example.test", "ann@example-.test", "ann@example..test",
                "ann@example.test.", "ann@[192.0.2.1]", "ann@192.0.2.1", "\"ann\"@example.test", "ann..smith@example.test",
                ".ann@example.test", "x".repeat(65) + "@example.test", "ann@" + "l".repeat(64) + ".test",
                "ann@exa_mple.test", "Ann<ann@example.test>");
        String valid = "ann.o'neil+team-" + UUID.randomUUID().toString().substring(0, 8) + "@mail.sub-domain.example.test";

        InviteOutcome outcome = invitations.invite(owner, String.join("\n", invalid) + "\n" + valid, memberRole(owner), Locale.ENGLISH);

        assertThat(outcome.rejected()).extracting(Rejected::address).containsExactlyElementsOf(invalid);
        assertThat(outcome.rejected()).extracting(Rejected::reason).containsOnly(Reason.of("invitation.address.invalid"));
        assertThat(outcome.invited()).extracting(InviteOutcome.Sent::email).containsExactly(valid);
        assertThat(invitations.count(owner, InvitationFilter.NONE)).isEqualTo(1);
    }

    @Test
    void theEmailShowsNamesChosenByPeopleWithoutLinksAndItsSubjectStartsWithAtrium() throws Exception {
        // The inviter's name comes from the identity provider, so no workspace rule has checked it.
        Account phisher = accountService.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(),
                unique("phisher"), true, "PayPal Support www.paypal-help.com https://evil.example/login"));
        var workspace = workspaces.create(phisher.id(), "Account Security Team", "security-" + UUID.randomUUID().toString().substring(0, 8));
        TenantScope owner = binder.bind(phisher.id(), workspace.slug());
        String address = unique("victim");

        String link = invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH).invited().getFirst().link();

        MimeMessage mail = mailbox.awaitOneTo(address);
        String body = MailText.plainText(mail);
        assertThat(mail.getSubject()).startsWith("Atrium: ").contains("invited you to the workspace \"Account Security Team\"")
                .contains("www[.]paypal-help[.]com").doesNotContain("paypal-help.com").doesNotContain("https://");
        assertThat(body).contains("PayPal Support www[.]paypal-help[.]com https[:]//evil[.]example/login invited you")
                .doesNotContain("paypal-help.com").doesNotContain("evil.example").contains(link)
                .contains("chosen by the workspace's members, not by Atrium");
        assertThat(body.replace(link, "")).doesNotContain("://");
    }

    @Test
    void searchTextWithNulOrDirectionCharactersFindsAddressesInsteadOfFailingInTheDatabase() {
        TenantScope owner = teams.newWorkspace("Henk");
        String address = unique("searched");
        invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH);
        String typed = "\u0000" + address.substring(0, 8) + "\u202E";

        assertThat(invitations.count(owner, new InvitationFilter(typed, null))).isEqualTo(1);
        assertThat(invitations.page(owner, new InvitationFilter(typed + "x".repeat(10_000), null), new PageRequest(0, 10, List.of())))
                .isEmpty();
        assertThat(members.count(owner, new MemberFilter("\u0000Henk", null))).isEqualTo(1);
    }

    private UUID memberRole(TenantScope scope) {
        return teams.roleId(scope, "member");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
