package dev.atrium.admin.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A domain the workspace claims, with the TXT record that proves it: publish {@link #recordValue()} at
 * {@link #recordName()}.
 *
 * @param unverifiedReason why a re-check took the verification back (a message code), with {@code unverifiedAt}
 */
public record WorkspaceDomain(UUID id, String domain, String challenge, DomainStatus status,
        @Nullable OffsetDateTime verifiedAt, @Nullable OffsetDateTime unverifiedAt, @Nullable String unverifiedReason,
        OffsetDateTime createdAt) {

    /** The label under the domain where the TXT record is published. */
    public static final String RECORD_LABEL = "_atrium-challenge";
    /** What the TXT value starts with; the challenge follows. */
    public static final String VALUE_PREFIX = "atrium-domain-verification=";
    /** The reason of a re-check that found the record gone. */
    public static final String REASON_RECORD_GONE = "domain.reason.record-gone";

    public String recordName() {
        return RECORD_LABEL + "." + domain;
    }

    public String recordValue() {
        return VALUE_PREFIX + challenge;
    }

    public boolean verified() {
        return status == DomainStatus.VERIFIED;
    }
}
