package dev.atrium.admin.joinrequest;

import dev.atrium.admin.refusal.AtriumRefusal;

/**
 * A join request that cannot be made or decided, e.g. {@code joinrequest.not-offered} or
 * {@code joinrequest.already-decided}; nothing was changed.
 */
public class JoinRequestException extends AtriumRefusal {

    JoinRequestException(String code, Object... args) {
        super(code, args);
    }
}
