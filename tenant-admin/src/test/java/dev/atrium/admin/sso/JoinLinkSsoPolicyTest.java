package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.joinlink.CreatedJoinLink;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkPage;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.member.MemberService;

/**
 * A join link in a workspace that requires its single sign-on: an address in its verified domain joins only with a
 * session opened through the workspace's connection (the page links there); others join as with any link.
 */
@SpringBootTest
class JoinLinkSsoPolicyTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoPolicyService policies;
    @Autowired SsoWorkspaces ssoWorkspaces;
    @Autowired JoinLinkService joinLinks;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;

    @Test
    void withSsoRequiredAnAddressInAVerifiedDomainJoinsOnlyThroughTheWorkspacesConnection() {
        SsoWorkspaces.Setup setup = ssoWorkspaces.create("Jlink", IDP.issuerUrl("jl-" + UUID.randomUUID().toString().substring(0, 8)).toString());
        policies.save(setup.owner(), new SsoPolicyDraft(true, false, MfaPreset.CUSTOM, "mfa", ""));
        CreatedJoinLink link = joinLinks.create(setup.owner(), new JoinLinkDraft(teams.roleId(setup.owner(), "member"), 7, 5, ""));
        String token = TestWorkspaces.tokenOf(link.url());
        Account inDomain = ssoWorkspaces.person("Ines", setup.domain());

        JoinLinkPage page = joinLinks.open(token, inDomain.id());
        assertThat(page.state()).isEqualTo(JoinLinkPage.State.SSO_REQUIRED);
        assertThat(page.ssoPath()).isEqualTo("/sso/" + setup.owner().slug());
        assertThatThrownBy(() -> joinLinks.join(token, inDomain.id())).satisfies(Refusals.code("joinlink.sso-required"));
        assertThatThrownBy(() -> joinLinks.join(token, inDomain.id(), UUID.randomUUID())).satisfies(Refusals.code("joinlink.sso-required"));
        assertThat(members.find(setup.owner(), inDomain.id())).isEmpty();

        assertThat(joinLinks.join(token, inDomain.id(), setup.connection().id())).isEqualTo(setup.owner().slug());
        assertThat(members.find(setup.owner(), inDomain.id())).isPresent();

        Account outside = accounts.newAccount("Otto");
        assertThat(joinLinks.open(token, outside.id()).state()).as("outside the verified domain").isEqualTo(JoinLinkPage.State.VALID);
        assertThat(joinLinks.list(setup.owner()).getFirst().uses()).as("refusals counted no use").isEqualTo(1);
    }
}
