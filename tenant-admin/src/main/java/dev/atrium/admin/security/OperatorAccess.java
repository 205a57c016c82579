package dev.atrium.admin.security;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Whether the person the current request or UI acts for is an operator ({@code atrium.operators} or the operator
 * claim, taken at sign-in). Services that only operators may use ask it themselves, so a page that forgot its own
 * check still refuses.
 */
public final class OperatorAccess {

    private OperatorAccess() {
    }

    /** The signed-in operator's account; empty for anyone else, an API key and no one. */
    public static Optional<UUID> currentOperator() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(granted -> Operators.AUTHORITY.getAuthority().equals(granted.getAuthority()))) {
            return Optional.empty();
        }
        return authentication.getPrincipal() instanceof SignedInAccount account ? Optional.of(account.accountId()) : Optional.empty();
    }
}
