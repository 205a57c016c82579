package dev.atrium.admin.sso;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.admin.samlidp.TestSamlIdp.Flaw;
import dev.atrium.admin.samlidp.TestSamlIdp.Person;
import dev.atrium.admin.tenancy.TenantScope;

/** SAML connections set up as admins set them up: saved from the IdP's metadata, tested through the IdP, enabled. */
@Component
class TestSamlConnections {

    private final SsoService sso;
    private final SamlService saml;
    private final SsoConnectionTests tests;

    TestSamlConnections(SsoService sso, SamlService saml, SsoConnectionTests tests) {
        this.sso = sso;
        this.saml = saml;
        this.tests = tests;
    }

    /** Saves the draft, runs a Test connection through the IdP and enables the connection. */
    SsoConnection enabled(TenantScope owner, TestSamlIdp idp, SamlConnectionDraft draft) {
        sso.saveSaml(owner, draft);
        test(owner, idp, Flaw.NONE);
        return sso.enable(owner);
    }

    /** A Test connection by the owner, answered by the IdP with the given flaw. */
    SsoTestResult test(TenantScope owner, TestSamlIdp idp, Flaw flaw) {
        SsoTestTicket ticket = tests.start(owner);
        SamlService.SamlRedirect redirect = saml.startTest(owner.workspaceId());
        String response = idp.answer(idp.request(redirect.location()), Person.of("tester@idp.example"), flaw);
        Map<String, String> claims;
        try {
            claims = saml.verifyTest(owner.workspaceId(), response, redirect.requestId());
        } catch (SsoException refused) {
            return tests.failed(ticket, owner.accountId(), refused.code());
        }
        return tests.succeeded(ticket, owner.accountId(), claims);
    }
}
