package dev.atrium.admin.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.paging.SortKey;
import dev.atrium.admin.tenancy.TenantScope;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The opaque cursor of a list: the sort key of the last row served, so the next page starts after that row wherever
 * it is now (keyset paging: rows added or removed meanwhile neither repeat nor skip others). An HMAC under the
 * {@link KeyPurpose#API_CURSORS} key binds it to the workspace, the list's view — its sort and filters — and the key
 * values, so a client can neither start a page at a key of its choosing nor carry a cursor to another workspace. A
 * cursor passed with another sort or filter is refused as such rather than read in an order it was not made for.
 * Clients pass back what they were given; its content is not part of the API. Format {@code v3}: base64url of the
 * JSON array {@code ["v3", digest of the view, MAC, key values as text...]}, the MAC over the JSON array
 * {@code ["v3", workspace id, digest of the view, key values...]}.
 */
final class ApiCursor {

    static final String MISMATCH = "api.cursor-mismatch";

    private static final String VERSION = "v3";
    private static final int FIRST_KEY_VALUE = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Keyring keyring;

    ApiCursor(Keyring keyring) {
        this.keyring = keyring;
    }

    String of(TenantScope scope, String view, SortKey key) {
        String digest = digest(view);
        List<String> values = key.values().stream().map(Object::toString).toList();
        List<String> parts = new ArrayList<>(List.of(VERSION, digest, ENCODER.encodeToString(mac(scope, digest, values))));
        parts.addAll(values);
        return encode(parts);
    }

    /**
     * The key the page starts after, or null for the first page.
     *
     * @throws ApiRequestException {@code api.invalid-parameter} for a cursor not made by {@link #of} for this
     *                             workspace, {@link #MISMATCH} for one of another view
     */
    @Nullable SortKey after(@Nullable String cursor, TenantScope scope, String view) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts;
        try {
            parts = JSON.readValue(Base64.getUrlDecoder().decode(cursor), String[].class);
        } catch (IllegalArgumentException | JacksonException malformed) {
            throw ApiRequestException.invalid("cursor");
        }
        // Only the exact text made here: base64url's spare bits and JSON's spacing would let a cursor change unnoticed.
        if (parts == null || parts.length <= FIRST_KEY_VALUE || !VERSION.equals(parts[0]) || Arrays.asList(parts).contains(null)
                || !encode(List.of(parts)).equals(cursor)) {
            throw ApiRequestException.invalid("cursor");
        }
        List<String> values = List.of(Arrays.copyOfRange(parts, FIRST_KEY_VALUE, parts.length));
        try {
            keyring.mac(KeyPurpose.API_CURSORS).verifyMac(Base64.getUrlDecoder().decode(parts[2]), macInput(scope, parts[1], values));
        } catch (IllegalArgumentException | GeneralSecurityException forged) {
            throw ApiRequestException.invalid("cursor");
        }
        if (!digest(view).equals(parts[1])) {
            throw new ApiRequestException(MISMATCH);
        }
        return new SortKey(List.<Object>copyOf(values));
    }

    private byte[] mac(TenantScope scope, String digest, List<String> values) {
        try {
            return keyring.mac(KeyPurpose.API_CURSORS).computeMac(macInput(scope, digest, values));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make an API cursor's MAC", e);
        }
    }

    /** A JSON array: its parts cannot run into one another, as concatenated text could. */
    private static byte[] macInput(TenantScope scope, String digest, List<String> values) {
        List<String> input = new ArrayList<>(List.of(VERSION, scope.workspaceId().toString(), digest));
        input.addAll(values);
        return JSON.writeValueAsBytes(input);
    }

    private static String encode(List<String> parts) {
        return ENCODER.encodeToString(JSON.writeValueAsBytes(parts));
    }

    private static String digest(String view) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(view.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(Arrays.copyOf(hash, 12));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
