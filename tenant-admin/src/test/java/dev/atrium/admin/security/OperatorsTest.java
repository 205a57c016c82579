package dev.atrium.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who is an operator: a listed, verified e-mail address, or the configured claim of the ID token. */
class OperatorsTest {

    private final Operators operators = new Operators(List.of(" Olga@Example.test ", ""), "groups", "atrium-operators");

    @Test
    void aListedAddressCountsOnlyWhenTheProviderVerifiedIt() {
        assertThat(operators.isOperator(user(Map.of("email", "olga@example.TEST", "email_verified", true)))).isTrue();
        assertThat(operators.isOperator(user(Map.of("email", "olga@example.test", "email_verified", false)))).isFalse();
        assertThat(operators.isOperator(user(Map.of("email", "olga@example.test")))).isFalse();
        assertThat(operators.isOperator(user(Map.of("email", "mia@example.test", "email_verified", true)))).isFalse();
    }

    @Test
    void theConfiguredClaimCountsWhenItHoldsTheValue() {
        assertThat(operators.isOperator(user(Map.of("groups", List.of("staff", "atrium-operators"))))).isTrue();
        assertThat(operators.isOperator(user(Map.of("groups", "atrium-operators")))).isTrue();
        assertThat(operators.isOperator(user(Map.of("groups", List.of("staff"))))).isFalse();
        assertThat(operators.isOperator(user(Map.of("roles", List.of("atrium-operators"))))).isFalse();
    }

    @Test
    void withoutConfigurationNobodyIsAnOperator() {
        Operators none = new Operators(List.of(), "", "");
        assertThat(none.isOperator(user(Map.of("email", "olga@example.test", "email_verified", true, "groups", "")))).isFalse();
    }

    private static OidcUser user(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "someone");
        return new DefaultOidcUser(List.of(), new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), all));
    }
}
