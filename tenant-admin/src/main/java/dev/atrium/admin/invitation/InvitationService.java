package dev.atrium.admin.invitation;

import java.net.IDN;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.InvitationPage.State;
import dev.atrium.admin.invitation.InviteOutcome.Rejected;
import dev.atrium.admin.invitation.InviteOutcome.Sent;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.InviteeScope;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;
import dev.atrium.admin.text.DisplayText;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Inviting people by e-mail, resending and cancelling invitations, and accepting them from their link. Database
 * changes of one request happen in one transaction; its e-mails are queued in that transaction (an outbox) and go out
 * after it committed.
 */
@Service
public class InvitationService {

    public static final int MAX_ADDRESSES_PER_REQUEST = 50;
    /** RFC 5321's limit on a forward path, less its angle brackets. */
    public static final int MAX_ADDRESS_LENGTH = 254;
    /** The most text the addresses field may hold: room for the most addresses of the longest kind, and separators. */
    public static final int MAX_ADDRESSES_INPUT_LENGTH = MAX_ADDRESSES_PER_REQUEST * (MAX_ADDRESS_LENGTH + 2);
    public static final int MIN_EXPIRY_DAYS = 1;
    public static final int MAX_EXPIRY_DAYS = 30;
    public static final int MIN_REMINDER_DAYS = 1;
    public static final int MAX_REMINDER_DAYS = 29;

    private static final int MAX_LOCAL_PART_LENGTH = 64;
    /** How much of a refused address the outcome repeats. */

    private static final Reason INVALID_ADDRESS = Reason.of("invitation.address.invalid");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    /** A dot-atom local part (RFC 5322) in ASCII: what every mail server accepts. */
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final InvitationRepository invitations;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AccessControl access;
    private final RoleService roles;
    private final AccountService accounts;
    private final Memberships memberships;
    private final InvitationMailOutbox mailOutbox;
    private final PublicUrl publicUrl;
    private final AuditLog auditLog;
    private final RateLimiter rateLimiter;
    private final InvitationSteering steering;
    private final InvitationLinkSeal seal;
    private final InvitationExpiries expiries;
    /**
     * For invite and resend only: the rate limit is taken before their transaction and given back after it, and
     * Bucket4j must not run inside the business transaction (it uses a connection of its own).
     */
    private final TransactionTemplate transaction;
    private final Duration resendInterval;
    private final Clock clock;

    @Autowired
    InvitationService(InvitationRepository invitations, TenantDsl tenantDsl, TenantBinder binder, AccessControl access,
            RoleService roles, AccountService accounts, Memberships memberships, InvitationMailOutbox mailOutbox, PublicUrl publicUrl,
            AuditLog auditLog, RateLimiter rateLimiter, InvitationSteering steering, InvitationLinkSeal seal,
            InvitationExpiries expiries, PlatformTransactionManager transactionManager, AtriumProperties properties, Clock clock) {
        this.invitations = invitations;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.access = access;
        this.roles = roles;
        this.accounts = accounts;
        this.memberships = memberships;
        this.mailOutbox = mailOutbox;
        this.publicUrl = publicUrl;
        this.auditLog = auditLog;
        this.rateLimiter = rateLimiter;
        this.steering = steering;
        this.seal = seal;
        this.expiries = expiries;
        this.transaction = new TransactionTemplate(transactionManager);
        this.resendInterval = properties.invitations().resendInterval();
        this.clock = clock;
    }

    /**
     * Invites every valid address of {@code addresses} (separated by commas, semicolons, spaces or new lines) with
     * the role. Invalid addresses, members and addresses with a pending invitation are reported, not invited. The
     * e-mails are written in {@code language}: the sender's, as the page they invite from shows it.
     *
     * @throws InvitationException when the request as a whole is unacceptable (too many addresses, too much text)
     * @throws RateLimitExceededException when the addresses to invite (valid, neither members nor invited already)
     *         are more than the workspace's hourly allowance has left; nobody is invited
     */
    public InviteOutcome invite(TenantScope scope, String addresses, UUID roleId, Locale language) {
        RoleSummary acting = access.require(scope, Permissions.MEMBERS_INVITE);
        access.requireAssignable(acting, roles.find(scope, roleId).orElseThrow(() -> new InvitationException("invitation.role-missing")));
        if (addresses != null && addresses.length() > MAX_ADDRESSES_INPUT_LENGTH) {
            throw new InvitationException("invitation.addresses-too-long", MAX_ADDRESSES_INPUT_LENGTH, MAX_ADDRESSES_PER_REQUEST);
        }
        List<String> candidates = SEPARATORS.splitAsStream(addresses == null ? "" : addresses).filter(a -> !a.isBlank()).toList();
        if (candidates.isEmpty()) {
            throw new InvitationException("invitation.addresses-missing");
        }
        if (candidates.size() > MAX_ADDRESSES_PER_REQUEST) {
            throw new InvitationException("invitation.too-many-addresses", MAX_ADDRESSES_PER_REQUEST);
        }
        List<Rejected> rejected = new ArrayList<>();
        Map<String, String> valid = new LinkedHashMap<>();
        for (String candidate : candidates) {
            Optional<Reason> problem = addressProblem(candidate);
            if (problem.isPresent()) {
                rejected.add(new Rejected(DisplayText.abbreviate(candidate, DisplayText.MAX_ECHOED_LENGTH), problem.get()));
            } else if (valid.putIfAbsent(InvitationRepository.normalize(candidate), candidate) != null) {
                rejected.add(new Rejected(candidate, Reason.of("invitation.address.repeated")));
            }
        }
        // Counted per address to invite and refused as a whole before anything is stored; the transaction below
        // decides again under its locks: what it then does not invite is given back, what it invites beyond the count
        // (an address whose invitation was cancelled meanwhile) is taken before it commits.
        int toInvite = invitable(scope, valid.keySet());
        rateLimiter.take(RateLimit.INVITATIONS_SENT, scope.workspaceId(), toInvite);
        List<PendingMail> mails = new ArrayList<>();
        withAllowance(RateLimit.INVITATIONS_SENT, scope, toInvite, mails, () -> transaction.executeWithoutResult(status -> {
            // Checked again in the transaction that writes: an API key's check then holds the key and its creator's
            // membership until it commits, so a revocation or demotion meanwhile is either seen or waits.
            access.require(scope, Permissions.MEMBERS_INVITE);
            DSLContext tenant = tenantDsl.of(scope);
            // Locked, so that the role is not deleted or changed before these invitations commit.
            RoleSummary role = access.lockRole(scope, roleId).orElseThrow(() -> new InvitationException("invitation.role-missing"));
            access.requireAssignable(acting, role);
            OffsetDateTime expiresAt = newExpiry(tenant);
            Map<String, InvitationRepository.Row> pending = lockForInviting(scope, tenant, valid.keySet(), expiresAt);
            for (Map.Entry<String, String> address : valid.entrySet()) {
                inviteUnderLock(scope, tenant, address.getValue(), role, expiresAt, language, publicUrl, pending, mails)
                        .ifPresent(reason -> rejected.add(new Rejected(address.getValue(), reason)));
            }
            if (mails.size() > toInvite) {
                rateLimiter.take(RateLimit.INVITATIONS_SENT, scope.workspaceId(), mails.size() - toInvite);
            }
        }));
        List<Sent> invited = mails.stream()
                .map(mail -> new Sent(mail.invitationId(), mail.email(), mail.link(), mailOutbox.delivers())).toList();
        return new InviteOutcome(invited, List.copyOf(rejected));
    }

    /**
     * Sends each invitation again with a new link and a new expiry; its earlier link stops working at once. An
     * invitation can be resent once per {@code atrium.invitations.resend-interval}. The e-mails are written in
     * {@code language}, the sender's.
     *
     * @throws RateLimitExceededException when resending them all would exceed the workspace's hourly allowance;
     *         nothing is resent
     */
    public BulkOutcome resend(TenantScope scope, Collection<UUID> invitationIds, Locale language) {
        RoleSummary acting = access.require(scope, Permissions.INVITATIONS_MANAGE);
        Set<UUID> selected = new LinkedHashSet<>(invitationIds);
        int asked = selected.size();
        rateLimiter.take(RateLimit.INVITATIONS_RESENT, scope.workspaceId(), asked);
        List<Rejected> rejected = new ArrayList<>();
        List<PendingMail> mails = new ArrayList<>();
        Map<UUID, RoleSummary> rolesById = new LinkedHashMap<>();
        withAllowance(RateLimit.INVITATIONS_RESENT, scope, asked, mails, () -> transaction.executeWithoutResult(status -> {
            access.require(scope, Permissions.INVITATIONS_MANAGE); // again in the writing transaction, as for invite
            DSLContext tenant = tenantDsl.of(scope);
            OffsetDateTime expiresAt = newExpiryListed(scope, tenant);
            Map<UUID, InvitationRepository.Row> locked = invitations.lockAll(tenant, selected);
            for (UUID id : selected) {
                InvitationRepository.Row row = locked.get(id);
                if (row == null) {
                    rejected.add(new Rejected(id.toString(), Reason.of("invitation.not-found")));
                    continue;
                }
                RoleSummary role = rolesById.computeIfAbsent(row.roleId(), roleId -> roles.find(scope, roleId).orElseThrow());
                Optional<Reason> refusal = resendRefusal(scope, acting, row, role);
                if (refusal.isPresent()) {
                    rejected.add(new Rejected(row.email(), refusal.get()));
                    continue;
                }
                invitations.markResent(tenant, id, expiresAt, scope.accountId());
                mails.add(new PendingMail(id, row.email(), issueLinkAndQueueMail(scope, id, language)));
                auditLog.record(scope, AuditActions.INVITATION_RESENT, target(id, row.email()),
                        Map.of("expiresAt", row.expiresAt().toString(), "invitedBy", row.invitedBy().toString()),
                        Map.of("expiresAt", expiresAt.toString(), "invitedBy", scope.accountId().toString()));
            }
        }));
        List<String> done = new ArrayList<>();
        for (PendingMail mail : mails) {
            if (!mailOutbox.delivers()) {
                rejected.add(new Rejected(mail.email(), Reason.of("invitation.no-mail-server")));
            } else {
                done.add(mail.email());
            }
        }
        List<Sent> links = mails.stream()
                .map(mail -> new Sent(mail.invitationId(), mail.email(), mail.link(), mailOutbox.delivers())).toList();
        return new BulkOutcome(done, rejected, links);
    }

    /**
     * Pushes a pending invitation's expiry to the workspace's expiry days from now; its link stays the same and keeps
     * working (no new token, no new e-mail). An invitation already past its expiry can be extended as long as no newer
     * invitation to the address replaced it. The extender must be allowed to give the invitation's role, as for a
     * resend. Locks the invitation, so an extend and an accept, resend or cancel of it are decided one after the other.
     *
     * @return the new expiry
     * @throws InvitationException when the invitation is accepted, cancelled, replaced by a newer one, or unknown
     */
    @Transactional
    public OffsetDateTime extend(TenantScope scope, UUID invitationId) {
        RoleSummary acting = access.require(scope, Permissions.INVITATIONS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        OffsetDateTime expiresAt = newExpiryListed(scope, tenant);
        InvitationRepository.Row row = invitations.findForUpdate(tenant, invitationId)
                .orElseThrow(() -> new InvitationException("invitation.not-found"));
        if (row.status() == InvitationStatus.ACCEPTED || row.status() == InvitationStatus.CANCELLED) {
            throw new InvitationException(closed(row.status()).code());
        }
        if (row.replaced()) {
            throw new InvitationException("invitation.newer-exists");
        }
        access.requireAssignable(acting, roles.find(scope, row.roleId()).orElseThrow());
        // Only a still-open row changes; an expired one closed when a newer invitation replaced it touches none.
        if (invitations.extend(tenant, row.id(), expiresAt) == 0) {
            throw new InvitationException("invitation.newer-exists");
        }
        auditLog.record(scope, AuditActions.INVITATION_EXTENDED, target(row.id(), row.email()),
                Map.of("expiresAt", row.expiresAt().toString()), Map.of("expiresAt", expiresAt.toString()));
        return expiresAt;
    }

    /** Cancels pending and expired invitations; their links stop working. One a newer invitation replaced is refused. */
    @Transactional
    public BulkOutcome cancel(TenantScope scope, Collection<UUID> invitationIds) {
        access.require(scope, Permissions.INVITATIONS_MANAGE);
        List<String> done = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        DSLContext tenant = tenantDsl.of(scope);
        Set<UUID> selected = new LinkedHashSet<>(invitationIds);
        Map<UUID, InvitationRepository.Row> locked = invitations.lockAll(tenant, selected);
        for (UUID id : selected) {
            InvitationRepository.Row row = locked.get(id);
            if (row == null) {
                rejected.add(new Rejected(id.toString(), Reason.of("invitation.not-found")));
            } else if (row.status() == InvitationStatus.ACCEPTED || row.status() == InvitationStatus.CANCELLED) {
                rejected.add(new Rejected(row.email(), closed(row.status())));
            } else if (row.replaced()) {
                // Closed for good already; cancelling would rewrite how it ended.
                rejected.add(new Rejected(row.email(), Reason.of("invitation.newer-exists")));
            } else {
                invitations.close(tenant, id, InvitationStatus.CANCELLED, null);
                done.add(row.email());
                auditLog.record(scope, AuditActions.INVITATION_CANCELLED, target(id, row.email()),
                        Map.of("status", row.status().label()), Map.of("status", InvitationStatus.CANCELLED.label()));
            }
        }
        return new BulkOutcome(done, rejected);
    }

    /** A page of the grid; pending invitations whose inviter can no longer grant their role say so. */
    public List<Invitation> page(TenantScope scope, InvitationFilter filter, PageRequest page) {
        return slice(scope, filter, page).items();
    }

    /** A page with each invitation's sort key, so the next page can be sought after any of them (keyset paging). */
    public Slice<Invitation> slice(TenantScope scope, InvitationFilter filter, PageRequest page) {
        requireCanSeeInvitations(scope);
        Slice<InvitationRepository.Listed> listed = invitations.page(tenantDsl.of(scope), filter, page);
        // Only a pending invitation's inviter can have lost the authority: a page of closed ones reads no role.
        BiPredicate<UUID, UUID> inviterMayGive = roles.grantorsMayStillGive(scope, listed.items().stream()
                .filter(row -> row.invitation().status() == InvitationStatus.PENDING)
                .flatMap(row -> Stream.of(row.inviterRoleId(), row.invitation().roleId())).toList());
        return new Slice<>(listed.items().stream().map(row -> {
            Invitation invitation = row.invitation();
            boolean authorityLost = invitation.status() == InvitationStatus.PENDING
                    && !inviterMayGive.test(row.inviterRoleId(), invitation.roleId());
            return new Invitation(invitation.id(), invitation.email(), invitation.roleId(), invitation.roleName(),
                    invitation.invitedBy(), invitation.sentAt(), invitation.expiresAt(), invitation.status(),
                    invitation.replaced(), invitation.sendCount(), authorityLost, invitation.mail(), invitation.mailError());
        }).toList(), listed.keys());
    }

    public int count(TenantScope scope, InvitationFilter filter) {
        requireCanSeeInvitations(scope);
        return invitations.count(tenantDsl.of(scope), filter);
    }

    public int expiryDays(TenantScope scope) {
        requireCanSeeInvitations(scope);
        return invitations.expiryDays(tenantDsl.of(scope));
    }

    /** How long new and resent invitations stay valid, from 1 to 30 days. */
    @Transactional
    public void setExpiryDays(TenantScope scope, int days) {
        access.require(scope, Permissions.WORKSPACE_SETTINGS);
        if (days < MIN_EXPIRY_DAYS || days > MAX_EXPIRY_DAYS) {
            throw new InvitationException("invitation.expiry-days", MIN_EXPIRY_DAYS, MAX_EXPIRY_DAYS);
        }
        int before = invitations.lockExpiryDays(tenantDsl.of(scope));
        invitations.setExpiryDays(tenantDsl.of(scope), days);
        auditLog.record(scope, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, Map.of("invitationExpiryDays", before),
                Map.of("invitationExpiryDays", days));
    }

    /** Days before expiry a pending invitation is reminded of, once; empty: reminders are off. */
    public OptionalInt reminderDays(TenantScope scope) {
        requireCanSeeInvitations(scope);
        Integer days = invitations.reminderDays(tenantDsl.of(scope));
        return days == null ? OptionalInt.empty() : OptionalInt.of(days);
    }

    /** Switches reminders on ({@code days}, 1 to 29, before expiry) or off (empty). */
    @Transactional
    public void setReminderDays(TenantScope scope, OptionalInt days) {
        access.require(scope, Permissions.WORKSPACE_SETTINGS);
        if (days.isPresent() && (days.getAsInt() < MIN_REMINDER_DAYS || days.getAsInt() > MAX_REMINDER_DAYS)) {
            throw new InvitationException("invitation.reminder-days", MIN_REMINDER_DAYS, MAX_REMINDER_DAYS);
        }
        Integer before = invitations.lockReminderDays(tenantDsl.of(scope));
        invitations.setReminderDays(tenantDsl.of(scope), days.isPresent() ? days.getAsInt() : null);
        auditLog.record(scope, AuditActions.WORKSPACE_SETTINGS_CHANGED, null,
                Map.of("invitationReminderDays", before == null ? "off" : before),
                Map.of("invitationReminderDays", days.isPresent() ? days.getAsInt() : "off"));
    }

    /** What the link's page shows to the signed-in account, signed in without a workspace's single sign-on. */
    @Transactional
    public InvitationPage open(String token, UUID accountId) {
        return open(token, accountId, null);
    }

    /**
     * What the link's page shows to the signed-in account.
     *
     * @param sessionConnectionId the SSO connection the session was opened through, or null (app-wide sign-in)
     */
    @Transactional
    public InvitationPage open(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        return examine(token, accountId, sessionConnectionId).page();
    }

    /** Accepts with a session signed in without a workspace's single sign-on; see {@link #accept(String, UUID, UUID)}. */
    @Transactional
    public String accept(String token, UUID accountId) {
        return accept(token, accountId, null);
    }

    /**
     * Makes the signed-in account a member with the invited role and closes the invitation. An invitation the
     * workspace steers through its single sign-on ({@link State#SSO_REQUIRED}) is refused unless the session was
     * opened through the workspace's connection.
     *
     * @param sessionConnectionId the SSO connection the session was opened through, or null (app-wide sign-in)
     * @return the workspace's slug, to take the new member there
     * @throws InvitationException when the link cannot be accepted by this account or session (the page says why)
     */
    @Transactional
    public String accept(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        Examined examined = examine(token, accountId, sessionConnectionId);
        if (examined.page().state() == State.SSO_REQUIRED) {
            throw new InvitationException("invitation.sso-required", examined.page().workspaceName());
        }
        if (examined.page().state() != State.VALID) {
            throw new InvitationException("invitation.not-acceptable", examined.page().state().name());
        }
        DSLContext tenant = tenantDsl.of(examined.scope());
        if (!memberships.joinIfAbsent(examined.scope(), examined.row().roleId())) {
            // A join by link, request or single sign-on committed while this one waited for the membership's key.
            throw new InvitationException("invitation.not-acceptable", State.ALREADY_MEMBER.name());
        }
        invitations.close(tenant, examined.row().id(), InvitationStatus.ACCEPTED, accountId);
        AuditTarget invitation = target(examined.row().id(), examined.row().email());
        auditLog.record(examined.scope(), AuditActions.INVITATION_ACCEPTED, invitation,
                Map.of("status", InvitationStatus.PENDING.label()), Map.of("status", InvitationStatus.ACCEPTED.label()));
        auditLog.record(examined.scope(), AuditActions.MEMBER_JOINED, new AuditTarget("member", accountId.toString(),
                examined.row().email()), null, Map.of("role", examined.page().roleName()));
        return examined.scope().slug();
    }

    /**
     * For a join through the workspace's connection (the system acts): the address's pending invitation, locked until
     * the transaction ends, its role and its inviter's locked (shared) before it as accepting the link locks them
     * ({@link #lockRolesOf}). Accepting locks the invitation before the membership too, so a join through the
     * connection and an accept of the same invitation are decided one after the other. An expired invitation is not
     * pending. The roles {@code alongside} (the connection's default role) are locked in the same statement as the
     * invitation's, when there is one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<PendingInvitation> lockPending(TenantScope system, String email, UUID accountId, Set<UUID> alongside) {
        access.requireSystem(system);
        DSLContext tenant = tenantDsl.of(system);
        String normalized = InvitationRepository.normalize(email);
        while (true) {
            Optional<UUID> candidate = invitations.pendingIdFor(tenant, normalized);
            candidate.ifPresent(id -> lockRolesOf(system, tenant, id, alongside));
            Optional<InvitationRepository.Row> open = invitations.pendingFor(tenant, normalized);
            if (open.map(InvitationRepository.Row::id).equals(candidate)) {
                return open.filter(row -> row.status() == InvitationStatus.PENDING)
                        .map(row -> new PendingInvitation(row.id(), row.email(), roles.find(system, row.roleId()).orElseThrow(),
                                access.canAssignNow(binder.bindInvitee(system.workspaceId(), accountId), row.invitedBy(), row.roleId())));
            }
            // The one read was closed, or replaced by a newer one, while this waited: the open one's role is locked in turn.
        }
    }

    /**
     * Closes the invitation (from {@link #lockPending}) as accepted by the account that just joined through the
     * workspace's connection; audited with the system as the actor and {@code via} (the connection) in the details.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acceptThroughConnection(TenantScope system, PendingInvitation invitation, UUID accountId, Map<String, ?> via) {
        access.requireSystem(system);
        invitations.close(tenantDsl.of(system), invitation.id(), InvitationStatus.ACCEPTED, accountId);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", InvitationStatus.ACCEPTED.label());
        after.put("acceptedBy", accountId.toString());
        after.putAll(via);
        auditLog.record(system, AuditActions.INVITATION_ACCEPTED, target(invitation.id(), invitation.email()),
                Map.of("status", InvitationStatus.PENDING.label()), after);
    }

    private record Examined(InvitationPage page, InviteeScope scope, InvitationRepository.Row row) {
    }

    /** Reads the invitation behind a token, locking it, and decides what this account may see and do. */
    private Examined examine(String token, UUID accountId, @Nullable UUID sessionConnectionId) {
        if (!InvitationTokens.isWellFormed(token)) {
            return new Examined(InvitationPage.of(State.UNKNOWN), null, null);
        }
        Optional<InvitationRepository.Token> stored = invitations.token(InvitationTokens.hash(token))
                .filter(t -> InvitationTokens.matches(token, t.hash()));
        if (stored.isEmpty()) {
            return new Examined(InvitationPage.of(State.UNKNOWN), null, null);
        }
        InviteeScope scope = binder.bindInvitee(stored.get().workspaceId(), accountId);
        DSLContext tenant = tenantDsl.of(scope);
        lockRolesOf(scope, tenant, stored.get().invitationId(), Set.of());
        InvitationRepository.Row row = invitations.findForUpdate(tenant, stored.get().invitationId()).orElse(null);
        if (row == null) {
            return new Examined(InvitationPage.of(State.UNKNOWN), null, null);
        }
        // Every fact is read (again) now that the invitation is locked: a resend or cancel that committed while this
        // waited for the lock has retired the token read above.
        boolean superseded = invitations.token(stored.get().hash()).map(InvitationRepository.Token::superseded).orElse(true);
        State state = switch (row.status()) {
            case ACCEPTED -> State.ALREADY_USED;
            case CANCELLED -> State.CANCELLED;
            case EXPIRED -> State.EXPIRED;
            case PENDING -> superseded ? State.SUPERSEDED : null;
        };
        if (state == State.EXPIRED) {
            auditLog.record(scope, AuditActions.INVITATION_EXPIRED_ON_USE, target(row.id(), row.email()), null,
                    Map.of("expiredAt", row.expiresAt().toString()));
            // The expiry job may not have run yet: announced now, once (a later run or use finds it marked).
            expiries.announceOnUse(scope, row.id());
        }
        if (state != null) {
            return new Examined(InvitationPage.of(state), null, null);
        }
        Account account = accounts.find(accountId).orElseThrow();
        Invitation details = invitations.find(tenant, row.id()).orElseThrow();
        if (!InvitationRepository.normalize(account.email()).equals(InvitationRepository.normalize(row.email()))) {
            state = State.WRONG_ACCOUNT;
        } else if (!account.emailVerified()) {
            state = State.UNVERIFIED_EMAIL;
        } else if (invitations.isMember(tenant, accountId)) {
            state = State.ALREADY_MEMBER;
        } else if (!access.canAssignNow(scope, row.invitedBy(), row.roleId())) {
            state = State.INVITER_NO_LONGER_ALLOWED;
        } else {
            state = State.VALID;
        }
        // Asked last, under the invitation's lock: whoever the address belongs to takes it up through the IdP.
        String ssoPath = state == State.VALID || state == State.UNVERIFIED_EMAIL
                ? steering.signInPath(scope, row.email(), sessionConnectionId).orElse(null) : null;
        if (ssoPath != null) {
            state = State.SSO_REQUIRED;
        }
        InvitationPage page = state == State.WRONG_ACCOUNT || state == State.UNVERIFIED_EMAIL
                ? new InvitationPage(state, null, null, null, null, row.email(), null, null)
                : new InvitationPage(state, scope.workspaceName(), scope.slug(), details.roleName(), details.invitedBy(),
                        row.email(), row.expiresAt(), ssoPath);
        return new Examined(page, scope, row);
    }

    /**
     * Locks (shared) the invitation's role and its inviter's role before the invitation is locked, in the order a
     * deletion of either locks them (both roles, then the invitations it moves): the other way round, an accept and the
     * deletion would each wait for the other. While its role is locked the invitation keeps it; if a role was deleted
     * meanwhile, the roles the invitation and inviter moved to are locked in turn ({@link AccessControl#lockToGive}).
     */
    private void lockRolesOf(WorkspaceBinding workspace, DSLContext tenant, UUID invitationId, Set<UUID> alongside) {
        access.lockToGive(workspace, () -> invitations.grant(tenant, invitationId), alongside);
    }

    private Optional<Reason> resendRefusal(TenantScope scope, RoleSummary acting, InvitationRepository.Row row, RoleSummary role) {
        if (row.status() == InvitationStatus.ACCEPTED || row.status() == InvitationStatus.CANCELLED) {
            return Optional.of(closed(row.status()));
        }
        if (row.replaced()) {
            return Optional.of(Reason.of("invitation.newer-exists"));
        }
        Duration sinceLastSend = Duration.between(row.sentAt(), now());
        if (sinceLastSend.compareTo(resendInterval) < 0) {
            long wait = resendInterval.minus(sinceLastSend).toSeconds() + 1;
            return Optional.of(Reason.of("invitation.resend-too-soon", wait));
        }
        try {
            access.requireAssignable(acting, role);
        } catch (PermissionDeniedException e) {
            return Optional.of(e.reason());
        }
        return Optional.empty();
    }

    /**
     * The expiry a resent or extended invitation gets, with the workspace listed for the expiry job by it: the first
     * lock of the order {@link #lockForInviting} describes, taken before the invitations'.
     */
    private OffsetDateTime newExpiryListed(TenantScope scope, DSLContext tenant) {
        OffsetDateTime expiresAt = newExpiry(tenant);
        expiries.watch(scope.workspaceId(), expiresAt);
        return expiresAt;
    }

    /** When an invitation sent, resent or extended now expires: the workspace's expiry days from now. */
    OffsetDateTime newExpiry(DSLContext tenant) {
        return now().plusDays(invitations.expiryDays(tenant));
    }

    /**
     * Takes the locks inviting needs, in the order every change of invitations takes them, so that two of them wait for
     * each other rather than each holding what the other waits for: first the workspace's entry in the expiry job's
     * list (listed by {@code expiresAt}; a resend and an extend take it first too), then the addresses' pending
     * invitations in id order (as a resend or cancel locks its selection), all before the first audit event takes the
     * log's head. Call it once in the transaction, before {@link #inviteUnderLock}. No address, no lock and no listing.
     *
     * @return the addresses' pending invitations, by normalised address
     */
    Map<String, InvitationRepository.Row> lockForInviting(TenantScope scope, DSLContext tenant, Collection<String> normalizedAddresses,
            OffsetDateTime expiresAt) {
        if (normalizedAddresses.isEmpty()) {
            return Map.of();
        }
        expiries.watch(scope.workspaceId(), expiresAt);
        return invitations.lockPendingFor(tenant, normalizedAddresses);
    }

    /**
     * Invites one valid address in the current transaction unless it belongs to a member or has a pending invitation;
     * adds its mail to {@code mails}, with links made by {@code links} (off a request's thread, the application's
     * address is not known). {@code pending} is what {@link #lockForInviting} returned. Returns why it was not invited.
     */
    Optional<Reason> inviteUnderLock(TenantScope scope, DSLContext tenant, String address, RoleSummary role,
            OffsetDateTime expiresAt, Locale language, PublicUrl links, Map<String, InvitationRepository.Row> pending,
            List<PendingMail> mails) {
        String normalized = InvitationRepository.normalize(address);
        if (invitations.isMember(tenant, normalized)) {
            return Optional.of(Reason.of("invitation.address.member"));
        }
        InvitationRepository.Row open = pending.get(normalized);
        if (open != null && open.status() == InvitationStatus.PENDING) {
            return Optional.of(Reason.of("invitation.address.pending"));
        }
        if (open != null) {
            invitations.close(tenant, open.id(), InvitationStatus.EXPIRED, null);
        }
        Optional<UUID> inserted = invitations.insertUnlessPending(tenant, address, role.id(), scope.accountId(), expiresAt);
        if (inserted.isEmpty()) {
            return Optional.of(Reason.of("invitation.address.pending"));
        }
        UUID id = inserted.get();
        mails.add(new PendingMail(id, address, issueLinkAndQueueMail(scope, id, language, links)));
        auditLog.record(scope, AuditActions.INVITATION_CREATED, target(id, address), null,
                Map.of("email", address, "role", role.name(), "expiresAt", expiresAt.toString()));
        return Optional.empty();
    }

    /** How many of the normalised addresses are neither members nor invited already. */
    private int invitable(TenantScope scope, Collection<String> addresses) {
        DSLContext tenant = tenantDsl.of(scope);
        return (int) addresses.stream().filter(address -> !invitations.isMember(tenant, address) && invitations.pendingFor(tenant, address)
                .filter(open -> open.status() == InvitationStatus.PENDING).isEmpty()).count();
    }

    /** Runs the work that {@code taken} of the limit was taken for, giving back what it did not turn into mails. */
    private void withAllowance(RateLimit limit, TenantScope scope, int taken, List<PendingMail> mails, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            mails.clear();
            throw e;
        } finally {
            rateLimiter.giveBack(limit, scope.workspaceId(), taken - mails.size());
        }
    }

    private static AuditTarget target(UUID invitationId, String email) {
        return new AuditTarget("invitation", invitationId.toString(), email);
    }

    /** Issues the invitation's new link and queues its e-mail in the current transaction; returns the link. */
    private String issueLinkAndQueueMail(TenantScope scope, UUID invitationId, Locale language) {
        return issueLinkAndQueueMail(scope, invitationId, language, publicUrl);
    }

    /**
     * The token's hash is what a link is looked up by; the token itself is kept sealed on the invitation, for the
     * reminder to carry the same link.
     */
    private String issueLinkAndQueueMail(TenantScope scope, UUID invitationId, Locale language, PublicUrl links) {
        String token = InvitationTokens.newToken();
        invitations.replaceToken(scope.workspaceId(), invitationId, InvitationTokens.hash(token));
        String link = links.of("/invite/" + token);
        invitations.keepLink(tenantDsl.of(scope), invitationId, link.substring(0, link.length() - token.length()),
                seal.sealForRow(scope.workspaceId(), invitationId, token));
        mailOutbox.queue(scope, invitationId, token, link, language);
        return link;
    }

    /** An invitation whose e-mail was queued, for the request's outcome. */
    record PendingMail(UUID invitationId, String email, String link) {
    }

    private void requireCanSeeInvitations(TenantScope scope) {
        access.requireAny(scope, Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE);
    }

    /**
     * Why an address cannot be invited, or empty: at most 254 characters, a plain address (no display name, no
     * quoted or unusual parts a mail server may refuse), a local part of at most 64 characters and a domain name of
     * at least two valid labels whose last one is not numeric (no IP literals).
     */
    public static Optional<Reason> addressProblem(String address) {
        if (address.length() > MAX_ADDRESS_LENGTH) {
            return Optional.of(Reason.of("invitation.address.too-long", MAX_ADDRESS_LENGTH));
        }
        int at = address.lastIndexOf('@');
        if (at < 1 || at > MAX_LOCAL_PART_LENGTH || !LOCAL_PART.matcher(address.substring(0, at)).matches()
                || !validDomain(address.substring(at + 1))) {
            return Optional.of(INVALID_ADDRESS);
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return parsed.getPersonal() == null && address.equals(parsed.getAddress()) ? Optional.empty()
                    : Optional.of(INVALID_ADDRESS);
        } catch (AddressException e) {
            return Optional.of(INVALID_ADDRESS);
        }
    }

    /** An internet host name (internationalised ones through IDNA): labels of 1 to 63 letters, digits and inner hyphens. */
    private static boolean validDomain(String domain) {
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] labels = ascii.split("\\.", -1);
        return ascii.length() <= 253 && labels.length >= 2 && Arrays.stream(labels).allMatch(DOMAIN_LABEL.asMatchPredicate())
                && !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** An accepted or cancelled invitation cannot be resent or cancelled. */
    private static Reason closed(InvitationStatus status) {
        return Reason.of(status == InvitationStatus.ACCEPTED ? "invitation.already-accepted" : "invitation.already-cancelled");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
