package dev.atrium.admin.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.paging.SortKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of a list: the sort key of the last row served, so the next page starts after that row wherever
 * it is now (keyset paging: rows added or removed meanwhile neither repeat nor skip others). It is bound to the list's
 * view — its sort and filters — by a digest, so a cursor passed with another sort or filter is refused rather than
 * read in an order it was not made for. Clients pass back what they were given; its content is not part of the API.
 * Format {@code v2}: base64url of the JSON array {@code ["v2", digest of the view, key values as text...]}.
 */
final class ApiCursor {

    static final String MISMATCH = "api.cursor-mismatch";

    private static final String VERSION = "v2";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiCursor() {
    }

    static String of(String view, SortKey key) {
        List<String> parts = new ArrayList<>();
        parts.add(VERSION);
        parts.add(digest(view));
        key.values().forEach(value -> parts.add(value.toString()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(parts));
    }

    /**
     * The key the page starts after, or null for the first page.
     *
     * @throws ApiRequestException {@code api.invalid-parameter} for a malformed cursor, {@link #MISMATCH} for one of
     *                             another view
     */
    static @Nullable SortKey after(@Nullable String cursor, String view) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts;
        try {
            parts = JSON.readValue(Base64.getUrlDecoder().decode(cursor), String[].class);
        } catch (IllegalArgumentException | JacksonException malformed) {
            throw ApiRequestException.invalid("cursor");
        }
        if (parts == null || parts.length < 3 || !VERSION.equals(parts[0]) || Arrays.stream(parts).anyMatch(part -> part == null)) {
            throw ApiRequestException.invalid("cursor");
        }
        if (!digest(view).equals(parts[1])) {
            throw new ApiRequestException(MISMATCH);
        }
        return new SortKey(List.of((Object[]) Arrays.copyOfRange(parts, 2, parts.length)));
    }

    private static String digest(String view) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(view.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
