package dev.atrium.admin.invitation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.mail.OutboxMail;

/**
 * An invitation e-mail to send, published in the transaction that made its link and kept in the outbox (Spring
 * Modulith's event publication registry) until it was delivered or dropped. The token is sealed with the SECRETS
 * key, bound to this workspace and invitation, so the outbox never holds a usable link.
 *
 * @param linkPrefix  the link up to the token, as the link dialog showed it (not secret)
 * @param sealedToken the link's token, encrypted ({@link InvitationLinkSeal})
 * @param senderId    who invited or resent, named in the mail
 * @param language    the sender's language (a BCP 47 tag), in which the mail is written; null in mails queued before
 *                    mails had one: those are in English
 */
record InvitationMailQueued(UUID workspaceId, UUID invitationId, UUID senderId, String linkPrefix, String sealedToken,
        @Nullable String language) implements OutboxMail {

    /** The outbox counts the attempts on the invitation and gives up itself, recording why. */
    @Override
    public boolean givenUpByRetries() {
        return false;
    }
}
