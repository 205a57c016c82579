package dev.atrium.admin.sso;

import java.util.UUID;

/** Where sign-in goes for a workspace with an enabled connection: its workspace and the connection's protocol. */
public record SsoRoute(UUID workspaceId, String slug, SsoProtocol protocol) {
}
