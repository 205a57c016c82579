package dev.atrium.admin.api;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.workspace.CreatedWorkspace;
import dev.atrium.admin.workspace.WorkspaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Creating workspaces, with a platform API key (the only thing such a key may do). */
@RestController
@RequestMapping(path = ApiAutoConfiguration.WORKSPACES_PATH, produces = "application/json")
class WorkspacesApi {

    private final WorkspaceService workspaces;

    WorkspacesApi(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    /**
     * @param slug the workspace's address; the one the name suggests when left out
     * @param ownerEmail the e-mail an existing account's identity provider verified: that account becomes the Owner
     */
    record WorkspaceBody(@Nullable String name, @Nullable String slug, @Nullable String ownerEmail) {
    }

    /** @param path where its members open it, under the application's address */
    record WorkspaceView(UUID id, String slug, String name, UUID ownerAccountId, String path) {

        static WorkspaceView of(CreatedWorkspace created) {
            return new WorkspaceView(created.workspace().id(), created.workspace().slug(), created.workspace().name(), created.ownerAccountId(),
                    "/w/" + created.workspace().slug());
        }
    }

    @Operation(summary = "Create a workspace", description = "Platform API keys only (atrium_platform_…; a workspace's key gets 403 api.platform-key-required). "
            + "Creates a workspace with its own schema and built-in roles, with the rules of the New workspace dialog, and makes the account whose "
            + "verified e-mail is ownerEmail its Owner; an address with no such account is refused (workspace.owner.no-account), nobody is invited. "
            + "Every problem of name, slug and ownerEmail is listed in errors at once. Audited in the new workspace with the platform key as actor.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "The workspace and its Owner"),
                    @ApiResponse(responseCode = "409", description = "The slug is taken (workspace.slug.taken)"),
                    @ApiResponse(responseCode = "422", description = "A name, slug or owner a rule refuses (e.g. workspace.slug.reserved, workspace.owner.invalid for an ownerEmail that is no e-mail address, workspace.owner.no-account), per field in errors") })
    @PostMapping(consumes = "application/json")
    ResponseEntity<WorkspaceView> create(@AuthenticationPrincipal Actor.ApiKey platformKey, @RequestBody WorkspaceBody body) {
        CreatedWorkspace created = workspaces.createFor(platformKey, body.name() == null ? "" : body.name(), body.slug(), body.ownerEmail());
        return ResponseEntity.status(HttpStatus.CREATED).body(WorkspaceView.of(created));
    }
}
