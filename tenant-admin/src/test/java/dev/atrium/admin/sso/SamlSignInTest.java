package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT_IDENTITY;
import static dev.atrium.db.jooq.platform.Tables.SAML_ASSERTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.onelogin.saml2.util.Constants;
import com.onelogin.saml2.util.Util;

import dev.atrium.admin.Races;
import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.admin.samlidp.TestSamlIdp.Flaw;
import dev.atrium.admin.samlidp.TestSamlIdp.Person;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * The checks of a SAML response at a workspace's ACS, on real PostgreSQL, against an identity provider the test owns
 * (it signs with its own key through Apache Santuario). Every refusal leaves no assertion recorded.
 */
@SpringBootTest
class SamlSignInTest {

    private static final int RACES = 30;
    private static final TestSamlIdp IDP = TestSamlIdp.start("saml-signin");
    private static final List<String> PASSWORD = List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport");

    @Autowired SsoService sso;
    @Autowired SamlService saml;
    @Autowired TestWorkspaces teams;
    @Autowired DSLContext platform;
    @Autowired MutableClock clock;
    @Autowired TestConnections connections;
    @Autowired SsoSignInService signIns;
    @Autowired TestSamlConnections samlConnections;

    @AfterAll
    static void stopIdentityProvider() {
        IDP.close();
    }

    @Test
    void aSignedAssertionForThisServiceProviderSignsInAsTheIdpsEntityIdAndNameIdWithItsAttributes() {
        TenantScope owner = connected("Ines", false);
        SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);

        assertThat(redirect.location()).startsWith(IDP.ssoUrl() + "?SAMLRequest=");
        TestSamlIdp.Request request = IDP.request(redirect.location());
        assertThat(request.id()).isEqualTo(redirect.requestId());
        assertThat(request.relayState()).isEqualTo(redirect.relayState()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(request.acsUrl()).isEqualTo(saml.acsUrl(owner.workspaceId())).endsWith("/saml/" + owner.workspaceId() + "/acs");
        assertThat(request.issuer()).isEqualTo(saml.entityId(owner.workspaceId())).endsWith("/saml/" + owner.workspaceId());
        assertThat(authnRequestSignatureValid(owner, redirect.location())).as("signed with the connection's own key").isTrue();
        assertThat(request.xml()).doesNotContain("ForceAuthn=\"true\"");
        assertThat(IDP.request(saml.startSignIn(owner.workspaceId(), true).location()).xml()).as("a step-up")
                .contains("ForceAuthn=\"true\"");

        Person ines = new Person("ines-42", "ines@acme.example", "Ines Idp", List.of("staff", "admins"),
                List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:MultiFactor"));
        SsoIdentity identity = saml.verify(owner.workspaceId(), IDP.answer(request, ines, Flaw.NONE), redirect.requestId());

        assertThat(identity).isEqualTo(new SsoIdentity(IDP.entityId(), "ines-42", "ines@acme.example", true, "Ines Idp", null,
                List.of("staff", "admins"), List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:MultiFactor")));
        assertThat(sso.connection(owner).orElseThrow().issuer()).as("the issuer sign-in compares").isEqualTo(identity.issuer());
        assertThat(recordedAssertions(owner)).as("besides the Test connection's").isEqualTo(2);
    }

    @Test
    void aSignedResponseAroundASignedAssertionIsAcceptedToo() {
        TenantScope owner = connected("Jon", false);
        SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);

        SsoIdentity identity = saml.verify(owner.workspaceId(),
                IDP.answer(IDP.request(redirect.location()), Person.of("jon@acme.example"), Flaw.SIGNED_RESPONSE_TOO), redirect.requestId());

        assertThat(identity.email()).isEqualTo("jon@acme.example");
    }

    @Test
    void unsignedForeignlySignedWrongAudienceExpiredOrMisaddressedResponsesAreRefusedAndNothingIsRecorded() {
        TenantScope owner = connected("Kai", false);
        record Case(Flaw flaw, String code) {
        }
        for (Case refused : List.of(new Case(Flaw.UNSIGNED, "sso.saml-unsigned"),
                new Case(Flaw.ONLY_RESPONSE_SIGNED, "sso.saml-unsigned"),
                new Case(Flaw.FOREIGN_KEY, "sso.saml-signature-invalid"),
                new Case(Flaw.WRONG_AUDIENCE, "sso.saml-audience"),
                new Case(Flaw.EXPIRED, "sso.saml-expired"),
                new Case(Flaw.WRONG_RECIPIENT, "sso.saml-recipient"))) {
            SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);
            String response = IDP.answer(IDP.request(redirect.location()), Person.of("kai@acme.example"), refused.flaw());
            assertThatThrownBy(() -> saml.verify(owner.workspaceId(), response, redirect.requestId())).as(refused.flaw().name())
                    .satisfies(Refusals.code(refused.code()));
        }
        SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);
        String response = IDP.answer(IDP.request(redirect.location()), Person.of("kai@acme.example"), Flaw.UNSIGNED);
        assertThatThrownBy(() -> saml.verify(owner.workspaceId(), response, redirect.requestId()))
                .satisfies(Refusals.english("The identity provider's answer was not signed. Atrium accepts only signed assertions."));
        assertThat(recordedAssertions(owner)).as("only the Test connection's").isEqualTo(1);
    }

    @Test
    void anAssertionIsAcceptedOnceAReplayIsRefused() {
        TenantScope owner = connected("Lea", false);
        SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);
        String response = IDP.answer(IDP.request(redirect.location()), Person.of("lea@acme.example"), Flaw.NONE);

        saml.verify(owner.workspaceId(), response, redirect.requestId());

        assertThatThrownBy(() -> saml.verify(owner.workspaceId(), response, redirect.requestId()))
                .satisfies(Refusals.code("sso.saml-replayed"));
        assertThat(recordedAssertions(owner)).as("besides the Test connection's").isEqualTo(2);
    }

    @Test
    void assertionIdsAreForgottenOnlyOnceTheirTimeWindowAndTheClockSkewHavePassed() {
        TenantScope owner = connected("Mia", false);
        SamlService.SamlRedirect first = saml.startSignIn(owner.workspaceId(), false);
        saml.verify(owner.workspaceId(), IDP.answer(IDP.request(first.location()), Person.of("mia@acme.example"), Flaw.NONE),
                first.requestId());
        SamlService.SamlRedirect second = saml.startSignIn(owner.workspaceId(), false);
        saml.verify(owner.workspaceId(), IDP.answer(IDP.request(second.location()), Person.of("mia@acme.example"), Flaw.NONE),
                second.requestId());
        assertThat(recordedAssertions(owner)).as("still inside their window: both kept, and the Test connection's").isEqualTo(3);

        // The test IdP's assertions are valid for five minutes; java-saml-core allows three more of clock skew.
        clock.advance(Duration.ofMinutes(5).plus(SamlService.CLOCK_SKEW).plusSeconds(5));
        SamlService.SamlRedirect third = saml.startSignIn(owner.workspaceId(), false);
        saml.verify(owner.workspaceId(), IDP.answer(IDP.request(third.location()), Person.of("mia@acme.example"), Flaw.NONE),
                third.requestId());

        assertThat(recordedAssertions(owner)).as("the three expired ones purged, the new one kept").isEqualTo(1);
    }

    @Test
    void anUnsolicitedResponseIsRefusedUnlessTheConnectionAllowsIdpInitiatedSignIn() {
        TenantScope closed = connected("Noa", false);
        String unsolicited = IDP.unsolicited(saml.acsUrl(closed.workspaceId()), saml.entityId(closed.workspaceId()),
                Person.of("noa@acme.example"));
        assertThatThrownBy(() -> saml.verify(closed.workspaceId(), unsolicited, null)).satisfies(Refusals.code("sso.saml-unsolicited"));
        SamlService.SamlRedirect pending = saml.startSignIn(closed.workspaceId(), false);
        assertThatThrownBy(() -> saml.verify(closed.workspaceId(), unsolicited, pending.requestId()))
                .as("not the answer to the pending request").satisfies(Refusals.code("sso.saml-unsolicited"));
        SamlService.SamlRedirect other = saml.startSignIn(closed.workspaceId(), false);
        String answerToOther = IDP.answer(IDP.request(other.location()), Person.of("noa@acme.example"), Flaw.NONE);
        assertThatThrownBy(() -> saml.verify(closed.workspaceId(), answerToOther, pending.requestId()))
                .as("the answer to another request").satisfies(Refusals.code("sso.saml-unsolicited"));
        assertThat(recordedAssertions(closed)).as("only the Test connection's").isEqualTo(1);

        TenantScope open = connected("Ole", true);
        String idpInitiated = IDP.unsolicited(saml.acsUrl(open.workspaceId()), saml.entityId(open.workspaceId()),
                Person.of("ole@acme.example"));
        assertThat(saml.verify(open.workspaceId(), idpInitiated, null).email()).isEqualTo("ole@acme.example");
        SamlService.SamlRedirect stranger = saml.startSignIn(closed.workspaceId(), false);
        String answerToUnknown = IDP.answer(new TestSamlIdp.Request(stranger.requestId(), saml.acsUrl(open.workspaceId()),
                saml.entityId(open.workspaceId()), null, ""), Person.of("ole@acme.example"), Flaw.NONE);
        assertThatThrownBy(() -> saml.verify(open.workspaceId(), answerToUnknown, null))
                .as("an answer to a request this session never made").satisfies(Refusals.code("sso.saml-unsolicited"));
    }

    @Test
    void aCheckedAssertionOfANewPersonInAVerifiedDomainJoinsTheWorkspaceAlsoWithTheGooglePresetWhichHasNoHdClaimInSaml() {
        TenantScope owner = teams.newWorkspace("Ute");
        String domain = connections.verifiedDomain(owner, "ute");
        SsoConnection connection = samlConnections.enabled(owner, IDP, new SamlConnectionDraft(SsoPreset.GOOGLE_WORKSPACE,
                IDP.metadataUrl(), "", "", "", teams.roleId(owner, "member"), false));
        SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);
        String email = "ursula-" + TestConnections.unique() + "@" + domain;

        SsoIdentity identity = saml.verify(owner.workspaceId(), IDP.answer(IDP.request(redirect.location()), Person.of(email), Flaw.NONE),
                redirect.requestId());
        SsoSignIn signIn = signIns.signIn(owner.workspaceId(), identity);

        assertThat(signIn.joined()).isTrue();
        assertThat(signIn.account().email()).isEqualTo(email);
        assertThat(signIn.workspaceSlug()).isEqualTo(owner.slug());
        assertThat(signIn.session().connectionId()).isEqualTo(connection.id());
    }

    /**
     * A SAML connection is trusted through the certificate its own workspace's admin gave, so the entity id it names is
     * only a name: another workspace's connection that copies it (with its own IdP and key) signs in none of the
     * accounts that the first workspace's IdP signs in, however it names them.
     */
    @Test
    void aConnectionThatCopiesAnotherWorkspacesEntityIdSignsInNoneOfItsPeople() {
        DomainConnected acme = connectedInADomain("Alma", IDP);
        Person alma = acme.person("alma");
        Account almasAccount = signIn(acme.scope(), IDP, alma).account();

        try (TestSamlIdp impostor = TestSamlIdp.posingAs(IDP.entityId(), "saml-impostor")) {
            DomainConnected evil = connectedInADomain("Eve", impostor);
            assertThat(sso.connection(evil.scope()).orElseThrow().issuer())
                    .isEqualTo(sso.connection(acme.scope()).orElseThrow().issuer());

            Person namedAsAlma = new Person(alma.nameId(), "eve@" + evil.domain(), "Alma", List.of(), PASSWORD);
            SsoSignIn forged = signIn(evil.scope(), impostor, namedAsAlma);

            assertThat(forged.account().id()).isNotEqualTo(almasAccount.id());
            assertThat(forged.account().email()).isEqualTo("eve@" + evil.domain());
        }
        assertThat(signIn(acme.scope(), IDP, alma).account().id()).as("Alma still signs in as herself")
                .isEqualTo(almasAccount.id());
    }

    /**
     * Identities of SAML sign-ins made before they were kept per workspace carry the bare entity id, which no sign-in
     * looks up any more: the person's next sign-in links their account again by its verified address, and says so.
     */
    @Test
    void someoneSignedInUnderTheBareEntityIdBeforeKeepsTheirAccountAndTheLinkIsAudited() {
        DomainConnected acme = connectedInADomain("Bea", IDP);
        Person bea = acme.person("bea");
        Account beasAccount = signIn(acme.scope(), IDP, bea).account();
        assertThat(platform.update(ACCOUNT_IDENTITY).set(ACCOUNT_IDENTITY.ISSUER, IDP.entityId())
                .where(ACCOUNT_IDENTITY.ACCOUNT_ID.eq(beasAccount.id())).execute()).isOne();

        assertThat(signIn(acme.scope(), IDP, bea).account().id()).isEqualTo(beasAccount.id());
        assertThat(connections.events(acme.scope(), AuditActions.SSO_IDENTITY_LINKED, beasAccount.id())).hasSize(1);
    }

    @Test
    void aTestConnectionThroughTheIdpShowsWhatCameBackChecksLikeASignInAndIsWhatEnablingNeeds() {
        TenantScope owner = teams.newWorkspace("Xia");
        sso.saveSaml(owner, new SamlConnectionDraft(SsoPreset.CUSTOM, IDP.metadataUrl(), "", "email", "groups",
                teams.roleId(owner, "member"), false));
        assertThatThrownBy(() -> sso.enable(owner)).satisfies(Refusals.code("sso.not-tested"));

        SsoTestResult unsigned = samlConnections.test(owner, IDP, Flaw.UNSIGNED);
        assertThat(unsigned.succeeded()).isFalse();
        assertThat(unsigned.failure()).isEqualTo("sso.saml-unsigned");
        assertThatThrownBy(() -> sso.enable(owner)).satisfies(Refusals.code("sso.not-tested"));

        SsoTestResult tested = samlConnections.test(owner, IDP, Flaw.NONE);
        assertThat(tested.succeeded()).isTrue();
        assertThat(tested.claims()).containsEntry("Issuer", IDP.entityId()).containsEntry("NameID", "tester@idp.example")
                .containsEntry("email", "tester@idp.example").containsKey("AuthnContextClassRef");
        assertThat(sso.enable(owner).enabled()).isTrue();
    }

    @Test
    void aDisabledOrMissingConnectionSignsNoOneIn() {
        TenantScope owner = connected("Pia", false);
        SamlService.SamlRedirect redirect = saml.startSignIn(owner.workspaceId(), false);
        String response = IDP.answer(IDP.request(redirect.location()), Person.of("pia@acme.example"), Flaw.NONE);
        sso.disable(owner);

        assertThatThrownBy(() -> saml.verify(owner.workspaceId(), response, redirect.requestId()))
                .satisfies(Refusals.code("sso.saml-not-enabled"));
        assertThatThrownBy(() -> saml.startSignIn(owner.workspaceId(), false)).satisfies(Refusals.code("sso.saml-not-enabled"));
        assertThatThrownBy(() -> saml.startSignIn(UUID.randomUUID(), false)).satisfies(Refusals.code("sso.saml-not-enabled"));
    }

    /** A workspace with a verified domain and an enabled SAML connection to the IdP. */
    private record DomainConnected(TenantScope scope, String domain) {

        /** A new person of the domain, named as their NameID. */
        Person person(String name) {
            String nameId = name + "-" + TestConnections.unique();
            return new Person(nameId, nameId + "@" + domain, name, List.of(), PASSWORD);
        }
    }

    private DomainConnected connectedInADomain(String owner, TestSamlIdp idp) {
        TenantScope scope = connected(owner, idp, false);
        return new DomainConnected(scope, connections.verifiedDomain(scope, owner.toLowerCase(java.util.Locale.ROOT)));
    }

    private SsoSignIn signIn(TenantScope workspace, TestSamlIdp idp, Person person) {
        SamlService.SamlRedirect redirect = saml.startSignIn(workspace.workspaceId(), false);
        SsoIdentity identity = saml.verify(workspace.workspaceId(), idp.answer(idp.request(redirect.location()), person, Flaw.NONE),
                redirect.requestId());
        return signIns.signIn(workspace.workspaceId(), identity);
    }

    /**
     * A sign-in starting while an admin deletes the connection: it starts before the deletion, or is refused as no
     * connection being enabled, never an unexpected error (the connection read, then its key gone). Without the refusal
     * 2 of 30 races ended in {@code NoSuchElementException}.
     */
    @Test
    void aSignInStartingWhileTheConnectionIsDeletedStartsOrIsRefused() {
        TenantScope owner = teams.newWorkspace("Kian");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            samlConnections.enabled(owner, IDP, new SamlConnectionDraft(SsoPreset.CUSTOM, IDP.metadataUrl(), "", "email", "groups",
                    teams.roleId(owner, "member"), false));
            List<Throwable> outcomes = Races.run(() -> saml.startSignIn(owner.workspaceId(), false), () -> sso.delete(owner));
            assertThat(outcomes.get(1)).isNull();
            if (outcomes.get(0) != null
                    && !(outcomes.get(0) instanceof AtriumRefusal refusal && refusal.code().equals("sso.saml-not-enabled"))) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("a sign-in starting during a deletion starts or is refused", violations, RACES)).isZero();
    }

    private TenantScope connected(String owner, boolean allowIdpInitiated) {
        return connected(owner, IDP, allowIdpInitiated);
    }

    private TenantScope connected(String owner, TestSamlIdp idp, boolean allowIdpInitiated) {
        TenantScope scope = teams.newWorkspace(owner);
        samlConnections.enabled(scope, idp, new SamlConnectionDraft(SsoPreset.CUSTOM, idp.metadataUrl(), "", "email", "groups",
                teams.roleId(scope, "member"), allowIdpInitiated));
        return scope;
    }

    private boolean authnRequestSignatureValid(TenantScope owner, String location) {
        String query = URI.create(location).getRawQuery();
        String signedPart = query.substring(0, query.indexOf("&Signature="));
        byte[] signature = Util.base64decoder(Util.urlDecoder(query.substring(query.indexOf("&Signature=") + 11)));
        try {
            return Util.validateBinarySignature(signedPart, signature,
                    SamlKeys.certificate(sso.connection(owner).orElseThrow().saml().spCertificate()), Constants.RSA_SHA256);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int recordedAssertions(TenantScope owner) {
        return platform.fetchCount(SAML_ASSERTION, SAML_ASSERTION.WORKSPACE_ID.eq(owner.workspaceId()));
    }
}
