package dev.atrium.admin.sso;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A Test connection an admin started, kept in their HTTP session until the identity provider answers: whose, for which
 * workspace, and which version of the settings (the connection's {@code updated_at}) it tests.
 */
public record SsoTestTicket(UUID workspaceId, String slug, UUID accountId, OffsetDateTime connectionVersion)
        implements Serializable {

    /** Where the web layer keeps the pending ticket in the admin's HTTP session. */
    public static final String SESSION_ATTRIBUTE = SsoTestTicket.class.getName();
}
