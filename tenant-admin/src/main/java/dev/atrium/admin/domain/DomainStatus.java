package dev.atrium.admin.domain;

/** Where a workspace's claim of a domain stands. */
public enum DomainStatus {
    /** Added, its TXT record not (yet) found. */
    PENDING,
    /** Its TXT record was found; no other workspace can verify the domain. */
    VERIFIED,
    /** Was verified, until a re-check no longer found its TXT record. */
    UNVERIFIED
}
