package dev.atrium.admin.api;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.invitation.BulkOutcome;
import dev.atrium.admin.invitation.Invitation;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InvitationStatus;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Invitations: invite one or many addresses; list; resend; cancel; extend. Invitation links are never in a response:
 * they reach the invitee by e-mail only (so a stored idempotent response holds no token).
 */
@RestController
@RequestMapping(path = "/api/v1/invitations", produces = "application/json")
class InvitationsApi {

    private static final Set<String> SORTS = Set.of(InvitationFilter.SORT_EMAIL, InvitationFilter.SORT_ROLE, InvitationFilter.SORT_SENT,
            InvitationFilter.SORT_EXPIRES, InvitationFilter.SORT_STATUS);

    private final InvitationService invitations;
    private final I18NProvider translations;
    private final ApiLists lists;

    InvitationsApi(InvitationService invitations, I18NProvider translations, ApiLists lists) {
        this.invitations = invitations;
        this.translations = translations;
        this.lists = lists;
    }

    /** {@code replaced}: an expired invitation a newer one to its address replaced, closed for good. */
    record InvitationView(UUID id, String email, UUID roleId, String roleName, String invitedBy, OffsetDateTime sentAt,
            OffsetDateTime expiresAt, @Schema(allowableValues = { "pending", "accepted", "expired", "cancelled" }) String status,
            boolean replaced, int sendCount, boolean inviterLostAuthority) {

        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id(), invitation.email(), invitation.roleId(), invitation.roleName(),
                    invitation.invitedBy(), invitation.sentAt(), invitation.expiresAt(), invitation.status().name().toLowerCase(Locale.ROOT),
                    invitation.replaced(), invitation.sendCount(), invitation.inviterLostAuthority());
        }
    }

    /**
     * @param language the language of the invitation e-mails, one the product provides (e.g. {@code de}); the request's
     *                 Accept-Language when absent
     */
    record InviteBody(@NotEmpty @Size(max = InvitationService.MAX_ADDRESSES_PER_REQUEST) List<@NotNull String> emails,
            @NotNull UUID roleId, @Nullable String language) {
    }

    record Invited(UUID id, String email, boolean mailQueued) {
    }

    /** An address or invitation left as it was, and why (the refusal's stable code and its message). */
    record Refused(String subject, String code, String detail) {
    }

    record InviteResult(List<Invited> invited, List<Refused> rejected) {
    }

    /** The addresses of the invitations changed. */
    record Done(List<String> done) {
    }

    record Extended(OffsetDateTime expiresAt) {
    }

    @Operation(summary = "Invite people", description = "Invites one or many e-mail addresses with a role, in language (en or de; default: the Accept-Language). The links go by e-mail only. Addresses a rule refuses (already a member, already invited, malformed) are listed in refused; the others are invited. With an Idempotency-Key a retry gets the first response and sends nothing again.", responses = {
            @ApiResponse(responseCode = "201", description = "At least one address was invited"),
            @ApiResponse(responseCode = "200", description = "Nobody was invited: every address was refused (see refused)"),
            @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being served (api.idempotency-in-progress)"),
            @ApiResponse(responseCode = "422", description = "Invalid input (api.invalid-request; e.g. a language the product does not provide, api.language-unknown), or the Idempotency-Key was used with another request (api.idempotency-key-reused)") })
    @PostMapping(consumes = "application/json")
    ResponseEntity<InviteResult> invite(@AuthenticationPrincipal TenantScope scope, @Valid @RequestBody InviteBody body, Locale locale) {
        InviteOutcome outcome = invitations.invite(scope, String.join("\n", body.emails()), body.roleId(), language(body.language(), locale));
        InviteResult result = new InviteResult(outcome.invited().stream().map(sent -> new Invited(sent.invitationId(), sent.email(),
                sent.mailQueued())).toList(), refused(outcome.rejected(), locale));
        return ResponseEntity.status(result.invited().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    @Operation(summary = "List invitations", description = "Invitations matching q (e-mail) and status (as listed: pending, accepted, expired, cancelled; in any case), sorted by sort (email, role, sent, expires, status; a leading minus for descending). Pass nextCursor back as cursor, with the same sort and filters, until it is null; invitations added or removed meanwhile neither repeat nor skip others.", responses = {
            @ApiResponse(responseCode = "200", description = "A page of invitations"),
            @ApiResponse(responseCode = "422", description = "An unknown status, an unknown or repeated sort property, a bad limit or a cursor that is malformed, altered or of another workspace (api.invalid-parameter), or a cursor of another sort or filter (api.cursor-mismatch)") })
    @GetMapping
    ApiPage<InvitationView> list(@AuthenticationPrincipal TenantScope scope, @RequestParam(required = false) @Nullable String q,
            @Parameter(schema = @Schema(allowableValues = { "pending", "accepted", "expired", "cancelled" }))
            @RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        InvitationFilter filter = new InvitationFilter(q, status(status));
        return lists.page(scope, filter, sort, SORTS, limit, cursor, page -> invitations.slice(scope, filter, page), InvitationView::of);
    }

    @Operation(summary = "Resend an invitation", description = "Sends the invitation e-mail again (at most once per atrium.invitations.resend-interval).", responses = {
            @ApiResponse(responseCode = "200", description = "Sent again"),
            @ApiResponse(responseCode = "404", description = "No such invitation (api.not-found)"),
            @ApiResponse(responseCode = "422", description = "A rule refuses it (e.g. sent too recently, no longer pending)") })
    @PostMapping("/{invitationId}/resend")
    Done resend(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID invitationId, Locale locale) {
        return single(invitations.resend(scope, List.of(invitationId), locale));
    }

    @Operation(summary = "Extend an invitation", description = "Extends a pending invitation's expiry; answers the new one.", responses = {
            @ApiResponse(responseCode = "200", description = "The new expiry"),
            @ApiResponse(responseCode = "404", description = "No such invitation (api.not-found)"),
            @ApiResponse(responseCode = "422", description = "A rule refuses it (e.g. no longer pending)") })
    @PostMapping("/{invitationId}/extend")
    Extended extend(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID invitationId) {
        return new Extended(invitations.extend(scope, invitationId));
    }

    @Operation(summary = "Cancel an invitation", description = "Cancels a pending invitation; its link stops working at once.", responses = {
            @ApiResponse(responseCode = "200", description = "Cancelled"),
            @ApiResponse(responseCode = "404", description = "No such invitation (api.not-found)"),
            @ApiResponse(responseCode = "409", description = "Not pending any more (e.g. cancelled already)"),
            @ApiResponse(responseCode = "422", description = "A rule refuses it") })
    @DeleteMapping("/{invitationId}")
    Done cancel(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID invitationId) {
        return single(invitations.cancel(scope, List.of(invitationId)));
    }

    /** The status as the list shows it (lower case); the enum's upper-case names, which the filter first took, still work. */
    private static @Nullable InvitationStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(InvitationStatus.values()).filter(known -> known.name().equalsIgnoreCase(status.strip())).findFirst()
                .orElseThrow(() -> ApiRequestException.invalid("status"));
    }

    /** A provided language the tag names (de-AT is German), or the request's when none is given. */
    private Locale language(@Nullable String tag, Locale requested) {
        if (tag == null || tag.isBlank()) {
            return requested;
        }
        String asked = Locale.forLanguageTag(tag.strip()).getLanguage();
        return translations.getProvidedLocales().stream().filter(provided -> provided.getLanguage().equals(asked)).findFirst()
                .orElseThrow(() -> new ApiFieldException("language", "api.language-unknown",
                        translations.getProvidedLocales().stream().map(Locale::toLanguageTag).collect(Collectors.joining(", "))));
    }

    /** One invitation's change: its refusal is the answer's problem. */
    private static Done single(BulkOutcome outcome) {
        if (!outcome.rejected().isEmpty()) {
            throw new ApiRequestException(outcome.rejected().getFirst().reason());
        }
        return new Done(outcome.done());
    }

    private List<Refused> refused(List<InviteOutcome.Rejected> rejected, Locale locale) {
        return rejected.stream().map(r -> new Refused(r.address(), r.reason().code(), text(r.reason(), locale))).toList();
    }

    private String text(Reason reason, Locale locale) {
        return translations.getTranslation(reason.messageKey(), locale, reason.args(key -> translations.getTranslation(key, locale)));
    }
}
