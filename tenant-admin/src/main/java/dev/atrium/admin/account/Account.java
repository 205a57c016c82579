package dev.atrium.admin.account;

import java.util.UUID;

/** A person who signs in to Atrium. */
public record Account(UUID id, String email, boolean emailVerified, String displayName) {
}
