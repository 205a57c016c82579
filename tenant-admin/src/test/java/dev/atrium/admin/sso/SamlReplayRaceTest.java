package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.admin.samlidp.TestSamlIdp.Flaw;
import dev.atrium.admin.samlidp.TestSamlIdp.Person;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * One SAML response posted to the ACS by three requests at the same moment (a replay racing the original): exactly
 * one is accepted, the others are refused with {@code sso.saml-replayed}, never an SQL error.
 * <p>
 * Measured with a look-up before a plain insert (no {@code ON CONFLICT DO NOTHING}; the primary key still there): 9 of
 * 20 races broke it (a loser that passed the look-up got a raw duplicate-key error instead of the refusal). With it: 0
 * of 20.
 */
@SpringBootTest
class SamlReplayRaceTest {

    private static final int RACES = 20;
    private static final TestSamlIdp IDP = TestSamlIdp.start("saml-replay-race");

    @Autowired SamlService saml;
    @Autowired TestWorkspaces teams;
    @Autowired TestSamlConnections samlConnections;

    @AfterAll
    static void stopIdentityProvider() {
        IDP.close();
    }

    @Test
    void oneResponsePostedThreeTimesAtOnceSignsInOnceAndTheOthersAreRefusedAsReplays() {
        TenantScope owner = teams.newWorkspace("Vic");
        samlConnections.enabled(owner, IDP, new SamlConnectionDraft(SsoPreset.CUSTOM, "", IDP.metadataXml(), "email", "",
                teams.roleId(owner, "member"), false));
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);
            String response = IDP.answer(IDP.request(redirect.location()), Person.of("vic@acme.example"), Flaw.NONE);
            Runnable post = () -> saml.verify(owner.workspaceId(), response, redirect.requestId());
            List<Throwable> outcomes = Races.run(post, post, post);
            long accepted = outcomes.stream().filter(Objects::isNull).count();
            long replays = outcomes.stream()
                    .filter(outcome -> outcome instanceof AtriumRefusal refusal && refusal.code().equals("sso.saml-replayed")).count();
            if (accepted != 1 || replays != 2) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("one acceptance per assertion", violations, RACES)).isZero();
    }
}
