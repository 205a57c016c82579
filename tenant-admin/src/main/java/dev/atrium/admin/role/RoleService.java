package dev.atrium.admin.role;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionCatalog;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;

/**
 * The workspace's roles: the built-in ones (read-only) and custom ones its members define from the permission
 * catalog. No one creates, edits, deletes or hands out a role that can do more than their own.
 */
@Service
public class RoleService {

    public static final int MAX_NAME_LENGTH = 50;
    public static final int MAX_DESCRIPTION_LENGTH = 200;
    public static final int MAX_CUSTOM_ROLES = 100;

    private final RoleRepository roles;
    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final PermissionCatalog catalog;
    private final AuditLog auditLog;
    private final List<RoleKeeper> keepers;

    RoleService(RoleRepository roles, TenantDsl tenantDsl, AccessControl access, PermissionCatalog catalog, AuditLog auditLog,
            List<RoleKeeper> keepers) {
        this.auditLog = auditLog;
        this.keepers = keepers;
        this.roles = roles;
        this.tenantDsl = tenantDsl;
        this.access = access;
        this.catalog = catalog;
    }

    /** Every role of the workspace, Owner first; for pickers and filters. */
    public List<RoleSummary> roles(TenantScope scope) {
        access.requireAny(scope, Permissions.ROLES_VIEW, Permissions.MEMBERS_VIEW);
        return roles.all(tenantDsl.of(scope));
    }

    /** Every permission a role can hold, Atrium's and the host's, for whoever may see roles. */
    public List<Permission> catalog(TenantScope scope) {
        access.requireAny(scope, Permissions.ROLES_VIEW, Permissions.MEMBERS_VIEW);
        return catalog.all();
    }

    /** The roles the acting member may give to others: none that could do more than their own. */
    public List<RoleSummary> assignableRoles(TenantScope scope) {
        RoleSummary own = access.roleOf(scope);
        return roles.all(tenantDsl.of(scope)).stream().filter(role -> access.canAssign(own, role)).toList();
    }

    /** One role of the workspace, for whoever may see roles (as {@link #roles}). */
    public Optional<RoleSummary> role(TenantScope scope, UUID roleId) {
        access.requireAny(scope, Permissions.ROLES_VIEW, Permissions.MEMBERS_VIEW);
        return find(scope, roleId);
    }

    /** A role for a service that checked the actor's permissions for what it does with it; no check of its own. */
    public Optional<RoleSummary> find(TenantScope scope, UUID roleId) {
        return roles.find(tenantDsl.of(scope), roleId);
    }

    /**
     * For a list of things handed out on someone's authority (invitations, join links, API keys): whether a grantor
     * holding the first role (null when no longer a member) may still hand out the second, with every role of the list
     * read in one statement rather than one per role. A role that is gone, or not among these, grants nothing.
     */
    public BiPredicate<@Nullable UUID, UUID> grantorsMayStillGive(TenantScope scope, Collection<@Nullable UUID> roleIds) {
        Set<UUID> ids = roleIds.stream().filter(Objects::nonNull).collect(Collectors.toSet());
        Map<UUID, RoleSummary> found = ids.isEmpty() ? Map.of() : roles.findAll(tenantDsl.of(scope), ids);
        return (grantorRoleId, roleId) -> grantorRoleId != null && found.containsKey(grantorRoleId) && found.containsKey(roleId)
                && access.canAssign(found.get(grantorRoleId), found.get(roleId));
    }

    /** The roles grid: roles with their member counts. */
    public List<RoleListing> page(TenantScope scope, PageRequest page) {
        access.require(scope, Permissions.ROLES_VIEW);
        return roles.page(tenantDsl.of(scope), page);
    }

    public int count(TenantScope scope) {
        access.require(scope, Permissions.ROLES_VIEW);
        return roles.count(tenantDsl.of(scope));
    }

    @Transactional
    public RoleSummary create(TenantScope scope, RoleDraft draft) {
        RoleSummary acting = access.require(scope, Permissions.ROLES_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        RoleDraft valid = validate(scope, tenant, acting, draft, null);
        if (roles.countCustom(tenant) >= MAX_CUSTOM_ROLES) {
            throw new RoleException(RoleException.Field.ROLE, "role.too-many", MAX_CUSTOM_ROLES);
        }
        UUID id = roles.insert(tenant, "custom_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                valid.name(), valid.description());
        roles.replacePermissions(tenant, id, valid.permissions());
        RoleSummary created = roles.find(tenant, id).orElseThrow();
        auditLog.record(scope, AuditActions.ROLE_CREATED, target(created), null, describe(created));
        return created;
    }

    @Transactional
    public RoleSummary update(TenantScope scope, UUID roleId, RoleDraft draft) {
        RoleSummary acting = access.require(scope, Permissions.ROLES_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        RoleSummary role = editable(tenant, acting, roleId);
        RoleDraft valid = validate(scope, tenant, acting, draft, roleId);
        roles.update(tenant, roleId, valid.name(), valid.description());
        roles.replacePermissions(tenant, roleId, valid.permissions());
        access.forgetWorkspace(scope.workspaceId());
        RoleSummary updated = roles.find(tenant, role.id()).orElseThrow();
        auditLog.record(scope, AuditActions.ROLE_UPDATED, target(updated), describe(role), describe(updated));
        return updated;
    }

    /**
     * Deletes a custom role. Its members and invitations move to {@code moveTo}, which is required when the role is
     * in use: nobody is ever left without a role. A role that something else names ({@link RoleKeeper}, e.g. the SSO
     * connection's default role) is not deleted. Its join links and API keys are deleted with it (no link may give,
     * and no key act with, a role that is gone); how many of them could still have been used is recorded in the
     * {@code role.deleted} event.
     */
    @Transactional
    public void delete(TenantScope scope, UUID roleId, UUID moveTo) {
        RoleSummary acting = access.require(scope, Permissions.ROLES_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        if (moveTo != null && !moveTo.equals(roleId)) {
            // Both, so the role the holders move to is neither deleted nor changed before they are in it.
            roles.lockForChange(tenant, List.of(roleId, moveTo));
        }
        RoleSummary role = editable(tenant, acting, roleId);
        for (RoleKeeper keeper : keepers) {
            keeper.keeps(scope, role).ifPresent(reason -> {
                throw new RoleException(RoleException.Field.ROLE, reason);
            });
        }
        boolean inUse = roles.holders(tenant, roleId) > 0;
        if (inUse) {
            if (moveTo == null || moveTo.equals(roleId)) {
                throw new RoleException(RoleException.Field.ROLE, "role.in-use", role.name());
            }
            // Not role.gone: the role deleted is there; the one named to move to is not (an API answers 422, not 404).
            RoleSummary target = roles.find(tenant, moveTo).orElseThrow(() -> new RoleException(RoleException.Field.ROLE, "role.move-to-missing"));
            access.requireAssignable(acting, target);
        }
        int revokedJoinLinks = roles.lockActiveJoinLinks(tenant, roleId).size();
        int deletedApiKeys = roles.lockActiveApiKeys(tenant, roleId).size();
        roles.deleteMovingHolders(tenant, roleId, inUse ? moveTo : null);
        access.forgetWorkspace(scope.workspaceId());
        Map<String, Object> after = new LinkedHashMap<>();
        if (inUse) {
            after.put("holdersMovedTo", moveTo.toString());
        }
        after.put("activeJoinLinksRevoked", revokedJoinLinks);
        after.put("activeApiKeysDeleted", deletedApiKeys);
        auditLog.record(scope, AuditActions.ROLE_DELETED, target(role), describe(role), after);
    }

    private static AuditTarget target(RoleSummary role) {
        return new AuditTarget("role", role.id().toString(), role.name());
    }

    private static Map<String, Object> describe(RoleSummary role) {
        return Map.of("name", role.name(), "description", role.description(), "permissions", new TreeSet<>(role.permissions()));
    }

    private RoleSummary editable(DSLContext tenant, RoleSummary acting, UUID roleId) {
        RoleSummary role = roles.lockForChange(tenant, roleId).orElseThrow(() -> new RoleException(RoleException.Field.ROLE, "role.gone"));
        if (role.builtIn()) {
            throw new RoleException(RoleException.Field.ROLE, "role.built-in");
        }
        access.requireRoleHeld(acting, role);
        return role;
    }

    private RoleDraft validate(TenantScope scope, DSLContext tenant, RoleSummary acting, RoleDraft draft, UUID roleId) {
        String name = DisplayText.singleLine(draft.name());
        String description = DisplayText.multiLine(draft.description());
        if (DisplayText.nothingVisible(name)) {
            throw new RoleException(RoleException.Field.NAME, "role.name.missing");
        }
        DisplayText.problem("role.name", name, MAX_NAME_LENGTH, DisplayText.Lines.SINGLE)
                // Invitation e-mails name the role: it must not become a link there.
                .or(() -> DisplayText.linkProblem("role.name", name))
                .ifPresent(problem -> {
                    throw new RoleException(RoleException.Field.NAME, problem);
                });
        DisplayText.problem("role.description", description, MAX_DESCRIPTION_LENGTH, DisplayText.Lines.MULTIPLE)
                .ifPresent(problem -> {
                    throw new RoleException(RoleException.Field.DESCRIPTION, problem);
                });
        roles.lockNames(tenant, scope);
        String key = DisplayText.lookAlikeKey(name);
        roles.names(tenant).forEach((id, existing) -> {
            if (!id.equals(roleId) && DisplayText.lookAlikeKey(existing).equals(key)) {
                throw existing.equalsIgnoreCase(name)
                        ? new RoleException(RoleException.Field.NAME, "role.name.taken", existing)
                        : new RoleException(RoleException.Field.NAME, "role.name.look-alike", name, existing);
            }
        });
        for (String permission : draft.permissions()) {
            if (catalog.find(permission).isEmpty()) {
                throw new RoleException(RoleException.Field.PERMISSIONS, "role.no-such-permission",
                        DisplayText.abbreviate(permission, DisplayText.MAX_ECHOED_LENGTH));
            }
            if (!BuiltInRoles.grantable(permission)) {
                throw new RoleException(RoleException.Field.PERMISSIONS, "role.owner-only-permission", Permission.names(List.of(permission)));
            }
        }
        access.requireHeld(acting, draft.permissions());
        return new RoleDraft(name, description, draft.permissions());
    }
}
