package dev.atrium.admin.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The workspace's members: list, get, change role, remove. */
@RestController
@RequestMapping(path = "/api/v1/members", produces = "application/json")
class MembersApi {

    private static final Set<String> SORTS = Set.of(MemberFilter.SORT_NAME, MemberFilter.SORT_EMAIL, MemberFilter.SORT_ROLE,
            MemberFilter.SORT_JOINED, MemberFilter.SORT_LAST_ACTIVE);

    private final MemberService members;
    private final ApiLists lists;

    MembersApi(MemberService members, ApiLists lists) {
        this.members = members;
        this.lists = lists;
    }

    record MemberView(UUID accountId, String name, String email, UUID roleId, String roleName, boolean owner, OffsetDateTime joinedAt,
            @Nullable OffsetDateTime lastActiveAt) {

        static MemberView of(Member member) {
            return new MemberView(member.accountId(), member.name(), member.email(), member.roleId(), member.roleName(), member.owner(),
                    member.joinedAt().atOffset(ZoneOffset.UTC),
                    member.lastActiveAt() == null ? null : member.lastActiveAt().atOffset(ZoneOffset.UTC));
        }
    }

    record RoleChange(@NotNull UUID roleId) {
    }

    @Operation(summary = "List members", description = "Members matching q (name or e-mail) and roleId, sorted by sort (name, email, role, joined, lastActive; a leading minus for descending; several comma-separated). Pass nextCursor back as cursor, with the same sort and filters, until it is null; members added or removed meanwhile neither repeat nor skip others.", responses = {
            @ApiResponse(responseCode = "200", description = "A page of members"),
            @ApiResponse(responseCode = "422", description = "An unknown or repeated sort property, a bad limit or a cursor that is malformed, altered or of another workspace (api.invalid-parameter), or a cursor of another sort or filter (api.cursor-mismatch)") })
    @GetMapping
    ApiPage<MemberView> list(@AuthenticationPrincipal TenantScope scope, @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable UUID roleId, @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        MemberFilter filter = new MemberFilter(q, roleId);
        return lists.page(scope, filter, sort, SORTS, limit, cursor, page -> members.slice(scope, filter, page), MemberView::of);
    }

    @Operation(summary = "Get a member", description = "One member by account id.", responses = {
            @ApiResponse(responseCode = "200", description = "The member"),
            @ApiResponse(responseCode = "404", description = "No such member in the key's workspace (api.not-found)") })
    @GetMapping("/{accountId}")
    MemberView get(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID accountId) {
        return members.find(scope, accountId).map(MemberView::of).orElseThrow(ApiRequestException::notFound);
    }

    @Operation(summary = "Change a member's role", description = "Gives the member another role, with the same rules as the Members page: the key may give no role stronger than its own, and the last Owner keeps the Owner role. Audited with the key as actor.", responses = {
            @ApiResponse(responseCode = "200", description = "The member with the new role"),
            @ApiResponse(responseCode = "404", description = "No such member (member.not-a-member)"),
            @ApiResponse(responseCode = "422", description = "A rule refuses the change (e.g. member.last-owner), or roleId names no role (member.no-such-role)") })
    @PatchMapping(path = "/{accountId}", consumes = "application/json")
    MemberView changeRole(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID accountId, @Valid @RequestBody RoleChange change) {
        return MemberView.of(members.changeRole(scope, accountId, change.roleId()));
    }

    @Operation(summary = "Remove a member", description = "Removes the member from the workspace, with the same rules as the Members page. Audited with the key as actor.", responses = {
            @ApiResponse(responseCode = "204", description = "Removed"),
            @ApiResponse(responseCode = "404", description = "No such member (api.not-found)"),
            @ApiResponse(responseCode = "422", description = "A rule refuses the removal (e.g. member.last-owner)") })
    @DeleteMapping("/{accountId}")
    ResponseEntity<Void> remove(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID accountId) {
        members.remove(scope, accountId);
        return ResponseEntity.noContent().build();
    }
}
