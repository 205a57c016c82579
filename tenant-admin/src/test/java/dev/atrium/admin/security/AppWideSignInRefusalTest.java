package dev.atrium.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.SessionAudit;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.sso.SsoSignInService;

/** An app-wide provider's ID token Atrium cannot store ends the sign-in with a reason the sign-in page shows. */
@SpringBootTest
class AppWideSignInRefusalTest {

    @Autowired AccountService accounts;
    @Autowired SessionAudit sessions;
    @Autowired SsoSignInService ssoSignIns;
    @Autowired SsoConnectionTests tests;
    @Autowired SsoPolicyService policies;

    private AccountOidcUserService users() {
        return new AccountOidcUserService(accounts, sessions, new Operators(List.of(), "", ""), ssoSignIns, tests, policies);
    }

    @Test
    void anEmailWithNulEndsTheSignInWithItsRefusalNotAnError() {
        String subject = UUID.randomUUID().toString();

        assertThatThrownBy(() -> users().loadUser(request(Map.of("sub", subject, "email", "a\u0000@x.com", "name", "Ann"))))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, e -> {
                    assertThat(e.getError().getErrorCode()).isEqualTo(AccountOidcUserService.REFUSED);
                    // What LoginView shows in the reader's language.
                    assertThat(e.getCause()).isInstanceOfSatisfying(AtriumRefusal.class,
                            refusal -> assertThat(refusal.code()).isEqualTo("account.identity-unreadable"));
                });
    }

    private static OidcUserRequest request(Map<String, Object> claims) {
        ClientRegistration app = ClientRegistration.withRegistrationId("app-wide-test")
                .clientId("atrium").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("https://idp.test/authorize").tokenUri("https://idp.test/token").build();
        Instant now = Instant.now();
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token").issuer("https://idp.test").issuedAt(now)
                .expiresAt(now.plusSeconds(60)).claims(all -> all.putAll(claims)).build();
        return new OidcUserRequest(app, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(60)),
                idToken);
    }
}
