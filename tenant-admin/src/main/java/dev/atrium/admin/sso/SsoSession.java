package dev.atrium.admin.sso;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A session opened through a workspace's connection: which workspace and connection, whether the sign-in carried
 * multi-factor authentication (by the connection's accepted values), and when. "SSO required" and "require
 * multi-factor" are decided on it.
 */
public record SsoSession(UUID workspaceId, UUID connectionId, boolean multiFactor, Instant authenticatedAt) implements Serializable {
}
