package dev.atrium.admin.sso;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.VouchedSignIn;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.PendingInvitation;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Sign-in through a workspace's connection, whatever its protocol: the web layer checks the protocol (OIDC or SAML)
 * and hands over what the identity provider said; this service applies the account linking rules, adds the person to
 * the workspace just in time, and says where they land. The system acts in the workspace, via the connection.
 * <p>
 * One transaction per sign-in, taking its locks in a fixed order: the connection and the verified domain (shared),
 * the account, the roles of the address's pending invitation, of its inviter and the connection's default role (shared,
 * in one statement, as a deletion of a role locks it and the one its holders move to before the invitations it moves),
 * the invitation, the membership, and last the audit log — the order accepting an invitation
 * takes them in too, so a sign-in and an accept of the same person, or a deletion of the invited role, never deadlock.
 */
@Service
public class SsoSignInService {

    static final String VIA_SSO = "sso";

    private final TenantBinder binder;
    private final SsoConnectionRepository connections;
    private final DomainService domains;
    private final AccountService accounts;
    private final AccessControl access;
    private final InvitationService invitations;
    private final Memberships memberships;
    private final AuditLog auditLog;
    private final SsoPolicyService policies;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SsoSignInService(TenantBinder binder, SsoConnectionRepository connections, DomainService domains, AccountService accounts,
            AccessControl access, InvitationService invitations, Memberships memberships, AuditLog auditLog,
            SsoPolicyService policies, PlatformTransactionManager transactionManager, Clock clock) {
        this.binder = binder;
        this.connections = connections;
        this.domains = domains;
        this.accounts = accounts;
        this.access = access;
        this.invitations = invitations;
        this.memberships = memberships;
        this.auditLog = auditLog;
        this.policies = policies;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Signs the person in through the enabled connection of the workspace: links or creates the account, adds a new
     * member, applies the workspace's group-to-role mappings, and says whether the sign-in carried multi-factor
     * authentication by the workspace's accepted values.
     *
     * @throws SsoException when the workspace has no enabled connection ({@code sso.connection-disabled}), the identity
     *         is not from the connection's identity provider ({@code sso.wrong-identity-provider}), its e-mail is
     *         missing or not in a domain the workspace verified ({@code sso.email-missing},
     *         {@code sso.email-domain-not-verified}), Google's {@code hd} is not one of them
     *         ({@code sso.hosted-domain-mismatch}), or a new member would have no role ({@code sso.no-default-role})
     * @throws dev.atrium.admin.account.AccountException {@code account.identity-unreadable} when the e-mail, subject or
     *         {@code hd} has a control character (or is too long), as app-wide sign-in refuses them
     * @throws dev.atrium.admin.tenancy.TenantNotFoundException when there is no such workspace
     */
    public SsoSignIn signIn(UUID workspaceId, SsoIdentity identity) {
        SsoSignIn signedIn = join(workspaceId, identity);
        // Its own transaction, after the join committed: mappings lock member rows before the audit log, as every
        // member change does, which the join's transaction (audit log already written) could not.
        policies.applyGroupRoles(binder.bindSystem(workspaceId), signedIn.account().id(), identity.groups());
        return signedIn;
    }

    private SsoSignIn join(UUID workspaceId, SsoIdentity identity) {
        return transaction.execute(status -> {
            TenantScope system = binder.bindSystem(workspaceId);
            SsoConnection connection = connections.lockShared(system).filter(SsoConnection::enabled)
                    .orElseThrow(() -> new SsoException("sso.connection-disabled"));
            if (!connection.isIssuer(identity.issuer())) {
                throw new SsoException("sso.wrong-identity-provider");
            }
            String email = identity.email().strip();
            if (email.isEmpty()) {
                throw new SsoException("sso.email-missing");
            }
            // Before its domain is looked at: an address with a NUL is the identity provider's garbage, not another domain.
            AccountService.readableEmail(email);
            if (!domains.verifiesAddress(system, email)) {
                throw new SsoException("sso.email-domain-not-verified", email.substring(email.lastIndexOf('@') + 1));
            }
            if (connection.requiresHostedDomain()
                    && (identity.hostedDomain() == null || !domains.verifies(system, AccountService.readableClaim(identity.hostedDomain())))) {
                throw new SsoException("sso.hosted-domain-mismatch");
            }
            VouchedSignIn signedIn = accounts.signInVouched(connection.identityIssuer(), identity.subject(), email,
                    identity.emailVerified(), identity.displayName(), address -> domains.verifiesAddress(system, address));
            Account account = signedIn.account();
            Map<String, Object> via = via(connection);
            boolean joined = joinIfNew(system, connection, account, identity.emailVerified() ? email : null, via);
            if (signedIn.how() == VouchedSignIn.How.LINKED) {
                Map<String, Object> linked = new LinkedHashMap<>(via);
                linked.put("subject", identity.subject());
                auditLog.record(system, AuditActions.SSO_IDENTITY_LINKED,
                        new AuditTarget("account", account.id().toString(), account.email()), null, linked);
            }
            return new SsoSignIn(account, system.slug(), joined, new SsoSession(workspaceId, connection.id(),
                    policies.multiFactor(system, identity.authenticationMethods()), clock.instant()));
        });
    }

    /**
     * Makes the account a member unless it is one: with the connection's default role, or the role of the pending
     * invitation of the address the identity provider verified (which the join consumes) unless the default role is
     * stronger. The invited role counts only while its inviter may still grant it, as accepting the link requires. A
     * member stays as they are; either way the membership records the sign-in through the connection.
     */
    private boolean joinIfNew(TenantScope system, SsoConnection connection, Account account, @Nullable String verifiedEmail,
            Map<String, Object> via) {
        if (memberships.markSignedInThroughConnection(system, account.id())) {
            return false;
        }
        // The default role is locked with the invitation's roles, in one statement, as a deletion locks its two; and
        // locked alone when there is no invitation (already held otherwise): it cannot be deleted before the member is in.
        Optional<PendingInvitation> invitation = verifiedEmail == null ? Optional.empty()
                : invitations.lockPending(system, verifiedEmail, account.id(), Set.of(connection.defaultRoleId()));
        Optional<RoleSummary> defaultRole = access.lockRole(system, connection.defaultRoleId());
        RoleSummary role = invitation.filter(PendingInvitation::inviterMayGrant).map(PendingInvitation::role)
                .filter(invited -> defaultRole.filter(byDefault -> byDefault.isStrongerThan(invited)).isEmpty())
                .or(() -> defaultRole)
                .orElseThrow(() -> new SsoException("sso.no-default-role"));
        if (!memberships.joinThroughConnection(system, account.id(), role.id())) {
            return false;
        }
        memberships.markSignedInThroughConnection(system, account.id());
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put("role", role.name());
        joined.putAll(via);
        invitation.ifPresent(consumed -> joined.put("invitationId", consumed.id().toString()));
        auditLog.record(system, AuditActions.MEMBER_JOINED, new AuditTarget("member", account.id().toString(), account.email()),
                null, joined);
        invitation.ifPresent(consumed -> invitations.acceptThroughConnection(system, consumed, account.id(), via));
        return true;
    }

    /** What the audit events of a sign-in name as its way in: single sign-on, through which connection and issuer. */
    private static Map<String, Object> via(SsoConnection connection) {
        Map<String, Object> via = new LinkedHashMap<>();
        via.put("via", VIA_SSO);
        via.put("connectionId", connection.id().toString());
        via.put("issuer", connection.issuer());
        return via;
    }
}
