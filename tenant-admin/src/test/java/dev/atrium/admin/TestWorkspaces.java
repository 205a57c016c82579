package dev.atrium.admin;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;

/** Workspaces with members for tests, built the way people build them: create, invite, accept. */
@Component
public class TestWorkspaces {

    private final WorkspaceService workspaces;
    private final InvitationService invitations;
    private final RoleService roles;
    private final TenantBinder binder;
    private final TestAccounts accounts;

    TestWorkspaces(WorkspaceService workspaces, InvitationService invitations, RoleService roles, TenantBinder binder,
            TestAccounts accounts) {
        this.workspaces = workspaces;
        this.invitations = invitations;
        this.roles = roles;
        this.binder = binder;
        this.accounts = accounts;
    }

    /** A new workspace owned by a new account; returns the Owner's scope. */
    public TenantScope newWorkspace(String ownerName) {
        Account owner = accounts.newAccount(ownerName);
        WorkspaceSummary workspace = workspaces.create(owner.id(), ownerName + "'s team", TestAccounts.uniqueSlug("team"));
        return binder.bind(owner.id(), workspace.slug());
    }

    /** A new account that joined through an invitation with the role of the given key; returns its scope. */
    public TenantScope join(TenantScope owner, String name, String roleKey) {
        Account person = accounts.newAccount(name);
        InviteOutcome outcome = invitations.invite(owner, person.email(), roleId(owner, roleKey), Locale.ENGLISH);
        invitations.accept(tokenOf(outcome.invited().getFirst().link()), person.id());
        return binder.bind(person.id(), owner.slug());
    }

    /** {@code count} new accounts (at most 50) invited in one request and joined with the role; their scopes. */
    public List<TenantScope> joinAll(TenantScope owner, String name, String roleKey, int count) {
        List<Account> people = IntStream.range(0, count).mapToObj(i -> accounts.newAccount(name + " " + i)).toList();
        InviteOutcome outcome = invitations.invite(owner, people.stream().map(Account::email).collect(Collectors.joining(",")),
                roleId(owner, roleKey), Locale.ENGLISH);
        for (int i = 0; i < count; i++) {
            invitations.accept(tokenOf(outcome.invited().get(i).link()), people.get(i).id());
        }
        return people.stream().map(person -> binder.bind(person.id(), owner.slug())).toList();
    }

    public UUID roleId(TenantScope scope, String key) {
        return roles.assignableRoles(scope).stream().filter(r -> r.key().equals(key)).map(RoleSummary::id).findFirst()
                .orElseGet(() -> roles.roles(scope).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().id());
    }

    public static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
