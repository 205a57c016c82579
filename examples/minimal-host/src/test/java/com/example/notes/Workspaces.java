package com.example.notes;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;

/** People and workspaces made through Atrium's services, as they come about when people use it. */
@TestComponent
class Workspaces {

    private final AccountService accounts;
    private final WorkspaceService workspaces;
    private final InvitationService invitations;
    private final RoleService roles;
    private final TenantBinder binder;
    private final DSLContext platform;

    Workspaces(AccountService accounts, WorkspaceService workspaces, InvitationService invitations, RoleService roles,
            TenantBinder binder, DSLContext platform) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.invitations = invitations;
        this.roles = roles;
        this.binder = binder;
        this.platform = platform;
    }

    /** Someone who signed in (with an identity provider of the test's own). */
    Account person(String name) {
        String subject = UUID.randomUUID().toString();
        return accounts.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase(Locale.ROOT) + "-" + subject.substring(0, 8) + "@example.test", true, name));
    }

    /** The account made when this address signed in through the browser. */
    UUID accountOf(String email) {
        return platform.select(DSL.field(DSL.name("id"), UUID.class))
                .from(DSL.table(DSL.name("platform", "account")))
                .where(DSL.field(DSL.name("email"), String.class).eq(email))
                .fetchSingle().value1();
    }

    TenantScope create(Account owner, String name) {
        String slug = name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        workspaces.create(owner.id(), name, slug);
        return binder.bind(owner.id(), slug);
    }

    UUID builtInRole(TenantScope owner, String key) {
        return roles.roles(owner).stream().filter(role -> role.key().equals(key)).findFirst().orElseThrow().id();
    }

    UUID customRole(TenantScope owner, String name, Set<String> permissions) {
        return roles.create(owner, new RoleDraft(name, "", permissions)).id();
    }

    /** Invited with this role and accepted, the way people join; the link is made as for a request to localhost. */
    TenantScope join(TenantScope owner, String email, UUID accountId, UUID roleId) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        try {
            String link = invitations.invite(owner, email, roleId, Locale.ENGLISH).invited().getFirst().link();
            invitations.accept(link.substring(link.lastIndexOf('/') + 1), accountId);
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        return binder.bind(accountId, owner.slug());
    }
}
