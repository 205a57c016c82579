package dev.atrium.admin.sso;

/** Whether a member may open the workspace with the session they have ({@link SsoPolicyService#entry}). */
public enum SsoEntry {
    /** No policy applies to them, or the session satisfies it. */
    ALLOW,
    /** An Owner without the session the policies ask for: let in (so a broken IdP cannot lock the workspace out), audited. */
    BREAK_GLASS,
    /** "Require SSO": sign in through the workspace's connection first. */
    SSO_REQUIRED,
    /** "Require multi-factor": sign in through the workspace's connection again, with a second factor. */
    MFA_REQUIRED
}
