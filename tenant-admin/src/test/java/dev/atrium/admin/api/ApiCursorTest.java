package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.keys.KeyRotation;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import tools.jackson.databind.json.JsonMapper;

/**
 * A list takes back only a cursor Atrium made for that workspace and list. The cursor's digest used to cover only
 * the view, in plain SHA-256: a client could put key values of its choice into a cursor (recomputing the digest if
 * need be) and start a page anywhere, or carry a cursor to another workspace.
 */
@SpringBootTest
class ApiCursorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired TestWorkspaces teams;
    @Autowired MemberService members;
    @Autowired AuditLogService audit;
    @Autowired Keyring keyring;
    @Autowired KeyRotation rotation;

    // The API's controllers are registered in a web application only; these tests have none.
    MembersApi membersApi;
    AuditEventsApi auditApi;

    @BeforeEach
    void controllers() {
        ApiCursor cursors = new ApiCursor(keyring);
        membersApi = new MembersApi(members, new ApiLists(cursors));
        auditApi = new AuditEventsApi(audit, cursors);
    }

    @Test
    void aCursorWithAKeyValueChangedAndItsDigestRecomputedIsRefused() throws Exception {
        TenantScope owner = teams.newWorkspace("Ada");
        teams.join(owner, "Bea", "member");
        teams.join(owner, "Cai", "member");
        List<String> parts = decode(membersByName(owner, null).nextCursor());
        int name = parts.indexOf("ada");
        assertThat(name).isPositive();

        // What a client can compute: the view's SHA-256 in every place before the key values, and a key of its own.
        byte[] sha256 = MessageDigest.getInstance("SHA-256")
                .digest(("name|" + new MemberFilter(null, null)).getBytes(StandardCharsets.UTF_8));
        List<String> forged = new ArrayList<>(parts);
        for (int part = 1; part < name; part++) {
            forged.set(part, Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256, 12)));
        }
        forged.set(name, "bea");

        assertInvalidCursor(() -> membersByName(owner, encode(forged)));
        assertInvalidCursor(() -> membersByName(owner, encode(withPart(parts, name, "bea"))));
    }

    @Test
    void aCursorEditedInAnyCharacterIsRefused() {
        TenantScope owner = teams.newWorkspace("Dora");
        teams.join(owner, "Eli", "member");
        String cursor = membersByName(owner, null).nextCursor();

        for (int at = 0; at < cursor.length(); at++) {
            String edited = cursor.substring(0, at) + (cursor.charAt(at) == 'A' ? 'B' : 'A') + cursor.substring(at + 1);
            assertInvalidCursor(() -> membersByName(owner, edited));
        }
    }

    @Test
    void aCursorOfOneWorkspaceIsRefusedInAnother() {
        TenantScope first = teams.newWorkspace("Fay");
        teams.join(first, "Gus", "member");
        TenantScope second = teams.newWorkspace("Hal");
        teams.join(second, "Ivo", "member");

        String members = membersByName(first, null).nextCursor();
        String events = auditPage(first, null).nextCursor();
        assertThat(membersByName(first, members).items()).isNotEmpty();
        assertThat(auditPage(first, events).items()).isNotEmpty();

        assertInvalidCursor(() -> membersByName(second, members));
        assertInvalidCursor(() -> auditPage(second, events));
    }

    @Test
    void aCursorOfAnotherSortOrFilterIsStillRefusedAsSuch() {
        TenantScope owner = teams.newWorkspace("Lea");
        teams.join(owner, "Max", "member");
        String cursor = membersByName(owner, null).nextCursor();

        assertThatThrownBy(() -> membersApi.list(owner, null, null, "-name", 1, cursor))
                .extracting(refused -> ((AtriumRefusal) refused).code()).isEqualTo(ApiCursor.MISMATCH);
        assertThatThrownBy(() -> membersApi.list(owner, "max", null, "name", 1, cursor))
                .extracting(refused -> ((AtriumRefusal) refused).code()).isEqualTo(ApiCursor.MISMATCH);
    }

    @Test
    void anAuditCursorWithAnotherSequenceNumberIsRefused() {
        TenantScope owner = teams.newWorkspace("Jon");
        teams.join(owner, "Kim", "member");
        List<String> parts = decode(auditPage(owner, null).nextCursor());

        assertInvalidCursor(() -> auditPage(owner, encode(withPart(parts, parts.size() - 1, "1"))));
    }

    @Test
    void aCursorMadeBeforeTheKeyWasRotatedLeadsOnAndTheNextOneIsMadeWithTheNewKey() {
        TenantScope owner = teams.newWorkspace("Nia");
        teams.join(owner, "Oli", "member");
        teams.join(owner, "Pia", "member");
        ApiPage<MembersApi.MemberView> first = membersByName(owner, null);

        rotation.rotate("api-cursors");
        ApiPage<MembersApi.MemberView> second = membersByName(owner, first.nextCursor());
        assertThat(second.items()).extracting(MembersApi.MemberView::name).containsExactly("Oli");
        assertThat(macKeyId(second.nextCursor())).isNotEqualTo(macKeyId(first.nextCursor()));
        assertThat(membersByName(owner, second.nextCursor()).items()).extracting(MembersApi.MemberView::name).containsExactly("Pia");
    }

    private ApiPage<MembersApi.MemberView> membersByName(TenantScope scope, String cursor) {
        return membersApi.list(scope, null, null, "name", 1, cursor);
    }

    private ApiPage<AuditEventsApi.AuditEventView> auditPage(TenantScope scope, String cursor) {
        return auditApi.list(scope, null, null, null, null, null, null, 1, cursor);
    }

    private static void assertInvalidCursor(Runnable listing) {
        assertThatThrownBy(listing::run).isInstanceOf(ApiRequestException.class)
                .extracting(refused -> ((AtriumRefusal) refused).code()).isEqualTo(ApiProblems.INVALID_PARAMETER);
    }

    private static List<String> withPart(List<String> parts, int index, String value) {
        List<String> changed = new ArrayList<>(parts);
        changed.set(index, value);
        return changed;
    }

    /** Tink's MAC starts with a version byte and the id of the key that made it. */
    private static int macKeyId(String cursor) {
        List<String> parts = decode(cursor);
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(parts.get(2)), 1, 4).getInt();
    }

    private static List<String> decode(String cursor) {
        return List.of(JSON.readValue(Base64.getUrlDecoder().decode(cursor), String[].class));
    }

    private static String encode(List<String> parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(parts));
    }
}
