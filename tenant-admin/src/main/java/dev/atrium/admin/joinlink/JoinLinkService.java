package dev.atrium.admin.joinlink;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.domain.DomainNames;
import dev.atrium.admin.invitation.InvitationSteering;
import dev.atrium.admin.invitation.InvitationTokens;
import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.joinlink.JoinLinkPage.State;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.InviteeScope;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Creating, listing and revoking join links, and joining a workspace through one. A use rests on the link's creator's
 * authority at that moment, as accepting an invitation rests on the inviter's; it is decided with the link's row
 * locked, so uses, revocation and the limit on uses are decided one after the other. Every look-up of a token counts
 * against the account's allowance of attempts ({@link RateLimit#JOIN_LINK_ATTEMPTS}) unless the token is a link's:
 * tokens cannot be guessed by trying.
 */
@Service
public class JoinLinkService {

    public static final int MIN_EXPIRY_DAYS = 1;
    public static final int MAX_EXPIRY_DAYS = 30;
    public static final int MAX_USES = 10_000;
    public static final int MAX_DOMAINS = 20;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    private final JoinLinkRepository links;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AccessControl access;
    private final RoleService roles;
    private final AccountService accounts;
    private final Memberships memberships;
    private final PublicUrl publicUrl;
    private final AuditLog auditLog;
    private final InvitationSteering steering;
    private final RateLimiter rateLimiter;
    /** For opening and joining: the attempt is counted before their transaction (Bucket4j uses a connection of its own). */
    private final TransactionTemplate transaction;
    private final Clock clock;

    JoinLinkService(JoinLinkRepository links, TenantDsl tenantDsl, TenantBinder binder, AccessControl access, RoleService roles,
            AccountService accounts, Memberships memberships, PublicUrl publicUrl, AuditLog auditLog, InvitationSteering steering,
            RateLimiter rateLimiter, PlatformTransactionManager transactionManager, Clock clock) {
        this.links = links;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.access = access;
        this.roles = roles;
        this.accounts = accounts;
        this.memberships = memberships;
        this.publicUrl = publicUrl;
        this.auditLog = auditLog;
        this.steering = steering;
        this.rateLimiter = rateLimiter;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Creates a link for a role the acting member may grant (never Owner). Its URL is in the result and nowhere else.
     *
     * @throws JoinLinkException when the draft breaks a rule; nothing is stored
     */
    @Transactional
    public CreatedJoinLink create(TenantScope scope, JoinLinkDraft draft) {
        RoleSummary acting = access.require(scope, Permissions.MEMBERS_INVITE);
        RoleSummary role = access.lockRole(scope, draft.roleId()).orElseThrow(() -> new JoinLinkException("joinlink.role-missing"));
        if (role.isOwner()) {
            throw new JoinLinkException("joinlink.owner-role");
        }
        access.requireAssignable(acting, role);
        if (draft.expiryDays() < MIN_EXPIRY_DAYS || draft.expiryDays() > MAX_EXPIRY_DAYS) {
            throw new JoinLinkException("joinlink.expiry-days", MIN_EXPIRY_DAYS, MAX_EXPIRY_DAYS);
        }
        if (draft.maxUses() != null && (draft.maxUses() < 1 || draft.maxUses() > MAX_USES)) {
            throw new JoinLinkException("joinlink.max-uses", MAX_USES);
        }
        List<String> domains = allowedDomains(draft.allowedDomains());
        OffsetDateTime expiresAt = now().plusDays(draft.expiryDays());
        DSLContext tenant = tenantDsl.of(scope);
        UUID id = links.insert(tenant, role.id(), scope.accountId(), expiresAt, draft.maxUses(), domains);
        String token = InvitationTokens.newToken();
        links.insertToken(scope.workspaceId(), id, InvitationTokens.hash(token));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("role", role.name());
        after.put("expiresAt", expiresAt.toString());
        after.put("maxUses", draft.maxUses() == null ? "unlimited" : draft.maxUses());
        after.put("allowedDomains", domains);
        auditLog.record(scope, AuditActions.JOINLINK_CREATED, target(id, role.name()), null, after);
        JoinLink created = list(scope).stream().filter(link -> link.id().equals(id)).findFirst().orElseThrow();
        return new CreatedJoinLink(created, publicUrl.of("/join/" + token));
    }

    /** Every link of the workspace, newest first; a link whose creator can no longer grant its role says so. */
    @Transactional(readOnly = true)
    public List<JoinLink> list(TenantScope scope) {
        access.requireAny(scope, Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE);
        List<JoinLinkRepository.Listed> all = links.list(tenantDsl.of(scope));
        BiPredicate<UUID, UUID> creatorMayGive = roles.grantorsMayStillGive(scope, all.stream()
                .flatMap(listed -> Stream.of(listed.creatorRoleId(), listed.row().roleId())).toList());
        OffsetDateTime now = now();
        return all.stream().map(listed -> {
            JoinLinkRepository.Row row = listed.row();
            boolean creatorCanGrant = creatorMayGive.test(listed.creatorRoleId(), row.roleId());
            return new JoinLink(row.id(), row.roleId(), listed.roleName(), listed.createdBy(), listed.createdAt(), row.expiresAt(),
                    row.maxUses(), row.uses(), row.allowedDomains(), row.status(now), creatorCanGrant);
        }).toList();
    }

    /**
     * Revokes the link at once: a use that has not committed before this does is refused.
     *
     * @throws JoinLinkException when there is no such link or it was revoked already
     */
    @Transactional
    public void revoke(TenantScope scope, UUID joinLinkId) {
        access.requireAny(scope, Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        JoinLinkRepository.Row row = links.findForUpdate(tenant, joinLinkId).orElseThrow(() -> new JoinLinkException("joinlink.not-found"));
        if (row.revokedAt() != null) {
            throw new JoinLinkException("joinlink.already-revoked");
        }
        links.revoke(tenant, joinLinkId, scope.accountId());
        String roleName = roles.find(scope, row.roleId()).map(RoleSummary::name).orElse("");
        auditLog.record(scope, AuditActions.JOINLINK_REVOKED, target(joinLinkId, roleName),
                Map.of("status", row.status(now()).name().toLowerCase(Locale.ROOT), "uses", row.uses()),
                Map.of("status", "revoked", "uses", row.uses()));
    }

    /** What the link's page shows to the signed-in account, signed in without a workspace's single sign-on. */
    public JoinLinkPage open(String token, UUID accountId) {
        return open(token, accountId, null);
    }

    /**
     * What the link's page shows to the signed-in account.
     *
     * @param sessionConnectionId the SSO connection the session was opened through, or null (app-wide sign-in)
     * @throws RateLimitExceededException when the account tried as many unknown tokens as allowed; nothing is read
     */
    public JoinLinkPage open(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        countAttempt(token, accountId);
        return transaction.execute(status -> examine(token, accountId, sessionConnectionId).page());
    }

    /** Joins with a session signed in without a workspace's single sign-on; see {@link #join(String, UUID, UUID)}. */
    public String join(String token, UUID accountId) {
        return join(token, accountId, null);
    }

    /**
     * Makes the signed-in account a member with the link's role and counts the use, audited with the account as the
     * actor.
     *
     * @return the workspace's slug, to take the new member there
     * @throws JoinLinkException when the link cannot be used by this account or session (the page says why); no use
     *         is counted
     * @throws RateLimitExceededException when the account tried as many unknown tokens as allowed; nothing is done
     */
    public String join(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        countAttempt(token, accountId);
        return transaction.execute(status -> joinExamined(token, accountId, sessionConnectionId));
    }

    /**
     * Takes one attempt from the account's allowance and gives it back when the token is a link's (whatever its
     * state): only tokens matching no link use it up, and once they have, every token is refused, a link's too, until
     * the allowance refills.
     */
    private void countAttempt(String token, UUID accountId) {
        rateLimiter.take(RateLimit.JOIN_LINK_ATTEMPTS, accountId, 1);
        if (InvitationTokens.isWellFormed(token) && links.token(InvitationTokens.hash(token)).isPresent()) {
            rateLimiter.giveBack(RateLimit.JOIN_LINK_ATTEMPTS, accountId, 1);
        }
    }

    private String joinExamined(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        Examined examined = examine(token, accountId, sessionConnectionId);
        JoinLinkPage page = examined.page();
        if (page.state() != State.VALID || examined.scope() == null || examined.row() == null) {
            throw refusal(page);
        }
        InviteeScope joining = examined.scope();
        JoinLinkRepository.Row row = examined.row();
        if (!memberships.joinIfAbsent(joining, row.roleId())) {
            throw refusal(JoinLinkPage.of(State.ALREADY_MEMBER));
        }
        // The row is locked, so this matches; were it not, no row is a refusal and the membership rolls back with it.
        int uses = links.countUse(tenantDsl.of(joining), row.id()).orElseThrow(() -> refusal(JoinLinkPage.of(State.USED_UP)));
        Account account = accounts.find(accountId).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("uses", uses);
        after.put("joined", account.email());
        auditLog.record(joining, AuditActions.JOINLINK_USED, target(row.id(), page.roleName()), Map.of("uses", row.uses()), after);
        auditLog.record(joining, AuditActions.MEMBER_JOINED, new AuditTarget("member", accountId.toString(), account.email()), null,
                Map.of("role", page.roleName(), "via", "join link " + row.id()));
        return joining.slug();
    }

    private record Examined(JoinLinkPage page, @Nullable InviteeScope scope, JoinLinkRepository.@Nullable Row row) {
    }

    private Examined examine(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        if (!InvitationTokens.isWellFormed(token)) {
            return refused(State.UNKNOWN);
        }
        Optional<JoinLinkRepository.Token> stored = links.token(InvitationTokens.hash(token));
        if (stored.isEmpty()) {
            return refused(State.UNKNOWN);
        }
        InviteeScope scope = binder.bindInvitee(stored.get().workspaceId(), accountId);
        DSLContext tenant = tenantDsl.of(scope);
        // The role and its creator's are locked (shared) before the link, in the order a deletion locks them (both
        // roles, then the links): the other way round, a use and the deletion would each wait for the other.
        RoleSummary role = access.lockToGive(scope, () -> links.grant(tenant, stored.get().joinLinkId()), Set.of()).orElse(null);
        // Locked before anything is decided: a use, another use and a revoke of this link wait for each other. A link
        // whose role was deleted went with it.
        JoinLinkRepository.Row row = role == null ? null : links.findForUpdate(tenant, stored.get().joinLinkId()).orElse(null);
        if (row == null) {
            return refused(State.UNKNOWN);
        }
        switch (row.status(now())) {
            case REVOKED -> {
                return refused(State.REVOKED);
            }
            case EXPIRED -> {
                return refused(State.EXPIRED);
            }
            case USED_UP -> {
                return refused(State.USED_UP);
            }
            case ACTIVE -> {
            }
        }
        Account account = accounts.find(accountId).orElseThrow();
        State state;
        if (memberships.isMember(scope, accountId)) {
            state = State.ALREADY_MEMBER;
        } else if (!row.allowedDomains().isEmpty() && !account.emailVerified()) {
            state = State.UNVERIFIED_EMAIL;
        } else if (!row.allowedDomains().isEmpty() && !row.allowedDomains().contains(domainOf(account.email()))) {
            state = State.DOMAIN_NOT_ALLOWED;
        } else if (!access.canAssignNow(scope, row.createdBy(), row.roleId())) {
            state = State.CREATOR_NO_LONGER_ALLOWED;
        } else {
            state = State.VALID;
        }
        if (state == State.DOMAIN_NOT_ALLOWED || state == State.UNVERIFIED_EMAIL) {
            return new Examined(new JoinLinkPage(state, null, null, null, null, row.allowedDomains(), null), null, null);
        }
        String ssoPath = state == State.VALID ? steering.signInPath(scope, account.email(), sessionConnectionId).orElse(null) : null;
        if (ssoPath != null) {
            state = State.SSO_REQUIRED;
        }
        JoinLinkPage page = new JoinLinkPage(state, scope.workspaceName(), scope.slug(), role.name(), row.expiresAt(),
                row.allowedDomains(), ssoPath);
        return new Examined(page, scope, row);
    }

    private static Examined refused(State state) {
        return new Examined(JoinLinkPage.of(state), null, null);
    }

    private static JoinLinkException refusal(JoinLinkPage page) {
        return switch (page.state()) {
            case SSO_REQUIRED -> new JoinLinkException("joinlink.sso-required", page.workspaceName());
            case DOMAIN_NOT_ALLOWED -> new JoinLinkException("joinlink.domain-not-allowed", String.join(", ", page.allowedDomains()));
            case UNVERIFIED_EMAIL -> new JoinLinkException("joinlink.unverified-email");
            case ALREADY_MEMBER -> new JoinLinkException("joinlink.already-member");
            case CREATOR_NO_LONGER_ALLOWED -> new JoinLinkException("joinlink.creator-no-longer-allowed");
            case EXPIRED -> new JoinLinkException("joinlink.expired");
            case REVOKED -> new JoinLinkException("joinlink.revoked");
            case USED_UP -> new JoinLinkException("joinlink.used-up");
            case VALID, UNKNOWN -> new JoinLinkException("joinlink.unknown");
        };
    }

    /**
     * The typed domains, normalised as verified domains are ({@link DomainNames}), without repeats.
     *
     * @throws JoinLinkException when there are too many; a domain's own refusal when one is not a domain name
     */
    static List<String> allowedDomains(String typed) {
        List<String> domains = new ArrayList<>();
        for (String candidate : SEPARATORS.split(typed.strip())) {
            String name = candidate.startsWith("@") ? candidate.substring(1) : candidate;
            if (name.isBlank()) {
                continue;
            }
            String domain = DomainNames.normalise(name, List.of());
            if (!domains.contains(domain)) {
                domains.add(domain);
            }
        }
        if (domains.size() > MAX_DOMAINS) {
            throw new JoinLinkException("joinlink.too-many-domains", MAX_DOMAINS);
        }
        return List.copyOf(domains);
    }

    private static @Nullable String domainOf(String email) {
        return DomainNames.comparable(email.substring(email.lastIndexOf('@') + 1)).orElse(null);
    }

    private static AuditTarget target(UUID joinLinkId, @Nullable String roleName) {
        return new AuditTarget("join_link", joinLinkId.toString(), roleName == null ? "" : roleName);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
