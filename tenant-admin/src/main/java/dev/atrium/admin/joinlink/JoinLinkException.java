package dev.atrium.admin.joinlink;

import dev.atrium.admin.refusal.AtriumRefusal;

/** A join link cannot be created, revoked or used as asked; nothing was stored. */
public class JoinLinkException extends AtriumRefusal {
    JoinLinkException(String code, Object... args) {
        super(code, args);
    }
}
