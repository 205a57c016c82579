package dev.atrium.admin.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RestController;

import dev.atrium.admin.joinlink.CreatedJoinLink;
import dev.atrium.admin.joinlink.JoinLink;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Join links: list, create (its URL is in this response only), revoke. */
@RestController
@RequestMapping(path = "/api/v1/join-links", produces = "application/json")
class JoinLinksApi {

    private final JoinLinkService joinLinks;

    JoinLinksApi(JoinLinkService joinLinks) {
        this.joinLinks = joinLinks;
    }

    record JoinLinkView(UUID id, UUID roleId, String roleName, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt,
            @Nullable Integer maxUses, int uses, List<String> allowedDomains, String status, boolean creatorCanStillGrant) {

        static JoinLinkView of(JoinLink link) {
            return new JoinLinkView(link.id(), link.roleId(), link.roleName(), link.createdBy(), link.createdAt(), link.expiresAt(),
                    link.maxUses(), link.uses(), link.allowedDomains(), link.status().name().toLowerCase(java.util.Locale.ROOT),
                    link.creatorCanStillGrant());
        }
    }

    record JoinLinkBody(@NotNull UUID roleId, @NotNull Integer expiryDays, @Nullable Integer maxUses, @Nullable List<@NotNull String> allowedDomains) {
    }

    record CreatedView(JoinLinkView link, String url) {
    }

    @Operation(summary = "List join links", description = "The workspace's join links (without their URLs, which are shown once).", responses = {
            @ApiResponse(responseCode = "200", description = "The join links") })
    @GetMapping
    List<JoinLinkView> list(@AuthenticationPrincipal TenantScope scope) {
        return joinLinks.list(scope).stream().map(JoinLinkView::of).toList();
    }

    @Operation(summary = "Create a join link", description = "A link anyone with an allowed e-mail domain can join by, with a role, an expiry and a maximum of uses. Its URL is in this response only.", responses = {
            @ApiResponse(responseCode = "201", description = "The new link and its URL"),
            @ApiResponse(responseCode = "422", description = "Invalid input or a role the key may not give") })
    @PostMapping(consumes = "application/json")
    ResponseEntity<CreatedView> create(@AuthenticationPrincipal TenantScope scope, @Valid @RequestBody JoinLinkBody body) {
        CreatedJoinLink created = joinLinks.create(scope, new JoinLinkDraft(body.roleId(), body.expiryDays(), body.maxUses(),
                body.allowedDomains() == null ? "" : String.join(",", body.allowedDomains())));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedView(JoinLinkView.of(created.link()), created.url()));
    }

    @Operation(summary = "Revoke a join link", description = "The link stops working at once.", responses = {
            @ApiResponse(responseCode = "204", description = "Revoked"),
            @ApiResponse(responseCode = "404", description = "No such join link (api.not-found)") })
    @DeleteMapping("/{joinLinkId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID joinLinkId) {
        joinLinks.revoke(scope, joinLinkId);
        return ResponseEntity.noContent().build();
    }
}
