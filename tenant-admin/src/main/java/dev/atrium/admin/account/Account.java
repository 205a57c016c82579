package dev.atrium.admin.account;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person who signs in to Atrium. {@code language} is the language they chose in the account menu, or null when
 * their pages follow the browser's language.
 */
public record Account(UUID id, String email, boolean emailVerified, String displayName, @Nullable Locale language) {
}
