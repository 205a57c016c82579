package dev.atrium.admin.joinlink;

/** A new link with its URL, shown this once: only the token's hash is stored. */
public record CreatedJoinLink(JoinLink link, String url) {
}
