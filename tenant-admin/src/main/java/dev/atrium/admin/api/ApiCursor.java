package dev.atrium.admin.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The opaque cursor of a list: where the next page starts. Clients pass back what they were given; its content is
 * not part of the API.
 */
final class ApiCursor {

    private static final String PREFIX = "v1:";

    private ApiCursor() {
    }

    static String of(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position, or null for the first page. */
    static @Nullable Long position(@Nullable String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long position = Long.parseLong(text.substring(PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // Falls through to the refusal.
        }
        throw ApiRequestException.invalid("cursor");
    }
}
