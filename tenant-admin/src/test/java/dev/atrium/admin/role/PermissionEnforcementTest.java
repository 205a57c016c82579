package dev.atrium.admin.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.tenancy.TenantScope;

/** Every service operation, as every built-in role: allowed or refused by the service itself. */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionEnforcementTest {

    @Autowired MemberService members;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;

    private TenantScope owner;
    private Map<String, TenantScope> actors;

    /** An operation as the acting member; the workspace's Owner prepares what it acts on. */
    private interface Operation {
        void run(TenantScope actor);
    }

    private final Map<String, Operation> operations = Map.ofEntries(
            Map.entry("view members", actor -> members.page(actor, MemberFilter.NONE, new PageRequest(0, 10, List.of()))),
            Map.entry("change a role", actor -> members.changeRole(actor, newGuest(actor), role("member"))),
            Map.entry("remove a member", actor -> members.remove(actor, newGuest(actor))),
            Map.entry("transfer ownership", actor -> members.transferOwnership(actor, newGuest(actor))),
            Map.entry("invite", actor -> invitations.invite(actor, unique(), role("guest"), Locale.ENGLISH)),
            Map.entry("view invitations", actor -> invitations.page(actor, InvitationFilter.NONE, new PageRequest(0, 10, List.of()))),
            Map.entry("resend an invitation", actor -> invitations.resend(actor, List.of(newInvitation(actor)), Locale.ENGLISH)),
            Map.entry("cancel an invitation", actor -> invitations.cancel(actor, List.of(newInvitation(actor)))),
            Map.entry("set invitation expiry", actor -> invitations.setExpiryDays(actor, 7)),
            Map.entry("view roles", actor -> roles.page(actor, new PageRequest(0, 10, List.of()))),
            Map.entry("view a role", actor -> roles.role(actor, role("admin"))),
            Map.entry("create a role", actor -> roles.create(actor, new RoleDraft("Role " + UUID.randomUUID(), "", Set.of()))));

    //                                          owner  admin  member guest
    static Stream<Arguments> table() {
        return Stream.of(
                row("view members",           true,  true,  true,  false),
                row("change a role",          true,  true,  false, false),
                row("remove a member",        true,  true,  false, false),
                row("transfer ownership",     true,  false, false, false),
                row("invite",                 true,  true,  false, false),
                row("view invitations",       true,  true,  false, false),
                row("resend an invitation",   true,  true,  false, false),
                row("cancel an invitation",   true,  true,  false, false),
                row("set invitation expiry",  true,  true,  false, false),
                row("view roles",             true,  true,  true,  false),
                row("view a role",            true,  true,  true,  false),
                row("create a role",          true,  true,  false, false))
                .flatMap(r -> r);
    }

    @BeforeAll
    void team() {
        owner = teams.newWorkspace("Enforcer");
        actors = Map.of("admin", teams.join(owner, "Admin Actor", "admin"),
                "member", teams.join(owner, "Member Actor", "member"),
                "guest", teams.join(owner, "Guest Actor", "guest"));
    }

    @ParameterizedTest(name = "{1} may {0}: {2}")
    @MethodSource("table")
    void theServiceAllowsOrRefuses(String operation, String roleKey, boolean allowed) {
        // Transferring ownership hands it away: an Owner of a fresh workspace does it, so the shared one keeps its Owner.
        TenantScope actor = roleKey.equals("owner")
                ? (operation.equals("transfer ownership") ? teams.newWorkspace("Transferor") : owner)
                : actors.get(roleKey);
        Throwable thrown = catchThrowable(() -> operations.get(operation).run(actor));
        if (allowed) {
            assertThat(thrown).as("%s may %s", roleKey, operation).isNull();
        } else {
            assertThat(thrown).as("%s may not %s", roleKey, operation).isInstanceOf(PermissionDeniedException.class);
        }
    }

    private static Stream<Arguments> row(String operation, boolean owner, boolean admin, boolean member, boolean guest) {
        return Stream.of(Arguments.of(operation, "owner", owner), Arguments.of(operation, "admin", admin),
                Arguments.of(operation, "member", member), Arguments.of(operation, "guest", guest));
    }

    /** The Owner of the actor's workspace. */
    private TenantScope ownerOf(TenantScope actor) {
        return actor.workspaceId().equals(owner.workspaceId()) ? owner : actor;
    }

    private UUID newGuest(TenantScope actor) {
        return teams.join(ownerOf(actor), "Target", "guest").accountId();
    }

    private UUID newInvitation(TenantScope actor) {
        return invitations.invite(ownerOf(actor), unique(), role("guest"), Locale.ENGLISH).invited().getFirst().invitationId();
    }

    private UUID role(String key) {
        return teams.roleId(owner, key);
    }

    private static String unique() {
        return "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
