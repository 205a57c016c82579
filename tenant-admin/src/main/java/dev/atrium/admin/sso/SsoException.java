package dev.atrium.admin.sso;

import dev.atrium.admin.refusal.AtriumRefusal;

/**
 * A connection that cannot be saved, enabled, disabled or deleted, e.g. {@code sso.discovery-failed}, or a sign-in
 * through a connection that its rules refuse, e.g. {@code sso.email-domain-not-verified}; nothing was changed.
 */
public class SsoException extends AtriumRefusal {

    SsoException(String code, Object... args) {
        super(code, args);
    }

    /** The address leads to an internal network, which the SSRF guard refuses ({@code OutboundAddresses}). */
    public static SsoException addressInternal(String url) {
        return new SsoException("sso.address-internal", url);
    }
}
