package dev.atrium.admin.joinrequest;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.mail.OutboxMail;

/**
 * The e-mail telling a requester what became of their join request, published in the transaction that decided it and
 * kept in the outbox (Spring Modulith's event publication registry) until it was delivered.
 *
 * @param to            the address the request was made with (verified by the sign-in)
 * @param roleName      the role given, when approved
 * @param workspaceLink the workspace's address ({@code /w/{slug}}), when approved
 */
record JoinOutcomeMailQueued(UUID accountId, String to, String workspaceName, boolean approved, @Nullable String roleName,
        @Nullable String workspaceLink) implements OutboxMail {
}
