package dev.atrium.admin.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

/**
 * The people who run Atrium: {@code atrium.operators} lists their e-mail addresses (as verified by the identity
 * provider), and/or the identity provider says so in a claim of the ID token ({@code atrium.operator-claim}, e.g.
 * {@code groups}, holding {@code atrium.operator-claim-value}). They hold {@link #ROLE}, which the health endpoint
 * requires before it shows components and details (management.endpoint.health.roles).
 */
public class Operators {

    public static final String ROLE = "OPERATOR";
    static final GrantedAuthority AUTHORITY = new SimpleGrantedAuthority("ROLE_" + ROLE);

    private final Set<String> emails;
    private final String claim;
    private final String claimValue;

    Operators(List<String> emails, String claim, String claimValue) {
        this.emails = emails.stream().map(String::strip).filter(email -> !email.isEmpty())
                .map(email -> email.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.claim = claim.strip();
        this.claimValue = claimValue.strip();
    }

    boolean isOperator(OidcUser user) {
        return listedByEmail(user) || grantedByClaim(user);
    }

    /** An unverified address proves nothing: anyone can type it at some identity providers. */
    private boolean listedByEmail(OidcUser user) {
        return Boolean.TRUE.equals(user.getEmailVerified()) && user.getEmail() != null
                && emails.contains(user.getEmail().strip().toLowerCase(Locale.ROOT));
    }

    private boolean grantedByClaim(OidcUser user) {
        if (!StringUtils.hasText(claim) || !StringUtils.hasText(claimValue)) {
            return false;
        }
        Object value = user.getClaims().get(claim);
        return value instanceof Collection<?> values ? values.stream().anyMatch(claimValue::equals) : claimValue.equals(value);
    }
}
