package dev.atrium.app.security;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The people who run Atrium: {@code atrium.operators} lists their e-mail addresses. Signed in with one of them, as
 * verified by the identity provider, a person holds {@link #ROLE}, which the health endpoint requires before it
 * shows components and details (management.endpoint.health.roles).
 */
@Component
class Operators {

    static final String ROLE = "OPERATOR";
    static final GrantedAuthority AUTHORITY = new SimpleGrantedAuthority("ROLE_" + ROLE);

    private final Set<String> emails;

    Operators(@Value("${atrium.operators:}") List<String> emails) {
        this.emails = emails.stream().map(String::strip).filter(email -> !email.isEmpty())
                .map(email -> email.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** An unverified address proves nothing: anyone can type it at some identity providers. */
    boolean isOperator(String email, boolean verified) {
        return verified && email != null && emails.contains(email.strip().toLowerCase(Locale.ROOT));
    }
}
