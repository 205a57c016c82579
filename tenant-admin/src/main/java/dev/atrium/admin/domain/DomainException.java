package dev.atrium.admin.domain;

import dev.atrium.admin.refusal.AtriumRefusal;

/**
 * A domain that cannot be added, verified or removed, e.g. {@code domain.blocked} or
 * {@code domain.verified-elsewhere}; nothing was changed.
 */
public class DomainException extends AtriumRefusal {

    /** Another workspace verified the domain first: a conflict, never overwritten. */
    public static final String VERIFIED_ELSEWHERE = "domain.verified-elsewhere";

    DomainException(String code, Object... args) {
        super(code, args);
    }
}
