package dev.atrium.admin.api;

import java.util.List;
import java.util.Set;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The workspace's roles: list; create and update custom roles; delete one, moving its members to another. */
@RestController
@RequestMapping(path = "/api/v1/roles", produces = "application/json")
class RolesApi {

    private final RoleService roles;

    RolesApi(RoleService roles) {
        this.roles = roles;
    }

    record RoleView(UUID id, String key, String name, String description, boolean builtIn, Set<String> permissions) {

        static RoleView of(RoleSummary role) {
            return new RoleView(role.id(), role.key(), role.name(), role.description(), role.builtIn(), role.permissions());
        }
    }

    record RoleBody(@NotNull String name, @Nullable String description, @NotNull Set<@NotNull String> permissions) {

        RoleDraft draft() {
            return new RoleDraft(name, description == null ? "" : description, permissions);
        }
    }

    @Operation(summary = "List roles", description = "The built-in and custom roles of the workspace, with their permissions.", responses = {
            @ApiResponse(responseCode = "200", description = "The roles") })
    @GetMapping
    List<RoleView> list(@AuthenticationPrincipal TenantScope scope) {
        return roles.roles(scope).stream().map(RoleView::of).toList();
    }

    @Operation(summary = "Get a role", description = "One role by id.", responses = {
            @ApiResponse(responseCode = "200", description = "The role"),
            @ApiResponse(responseCode = "404", description = "No such role (api.not-found)") })
    @GetMapping("/{roleId}")
    RoleView get(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID roleId) {
        return roles.role(scope, roleId).map(RoleView::of).orElseThrow(ApiRequestException::notFound);
    }

    @Operation(summary = "Create a custom role", description = "A role with a name, a description and permissions from the catalog, with the same rules as the Roles page.", responses = {
            @ApiResponse(responseCode = "201", description = "The new role"),
            @ApiResponse(responseCode = "409", description = "The name is taken"),
            @ApiResponse(responseCode = "422", description = "Input a rule refuses") })
    @PostMapping(consumes = "application/json")
    ResponseEntity<RoleView> create(@AuthenticationPrincipal TenantScope scope, @Valid @RequestBody RoleBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(RoleView.of(roles.create(scope, body.draft())));
    }

    @Operation(summary = "Update a custom role", description = "Replaces the role's name, description and permissions; built-in roles cannot be changed.", responses = {
            @ApiResponse(responseCode = "200", description = "The updated role"),
            @ApiResponse(responseCode = "404", description = "No such role (api.not-found)"),
            @ApiResponse(responseCode = "409", description = "The name is taken"),
            @ApiResponse(responseCode = "422", description = "Input a rule refuses, or a built-in role") })
    @PutMapping(path = "/{roleId}", consumes = "application/json")
    RoleView update(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID roleId, @Valid @RequestBody RoleBody body) {
        return RoleView.of(roles.update(scope, roleId, body.draft()));
    }

    @Operation(summary = "Delete a custom role", description = "Deletes the role; its members and pending invitations move to the role moveTo.", responses = {
            @ApiResponse(responseCode = "204", description = "Deleted"),
            @ApiResponse(responseCode = "404", description = "No such role (role.gone)"),
            @ApiResponse(responseCode = "422", description = "A built-in role, or moveTo is the role itself or no role (role.move-to-missing)") })
    @DeleteMapping("/{roleId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal TenantScope scope, @PathVariable UUID roleId, @RequestParam UUID moveTo) {
        roles.delete(scope, roleId, moveTo);
        return ResponseEntity.noContent().build();
    }
}
