package dev.atrium.admin.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongFunction;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.InviteeScope;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Records audit events in the transaction of the change they describe: if the change rolls back, so does its event,
 * and if the event cannot be written, the change fails. Calling it outside a transaction is an error.
 */
@Component
public class AuditLog {

    private final AuditRepository events;
    private final AuditChain chain;
    private final TenantDsl tenantDsl;
    private final AccountService accounts;
    /** Resolved at the first event, not per event: looking beans up cost more than the rest of an append's Java. */
    private final SingletonSupplier<AuditRequestContext> requestContext;
    private final Clock clock;
    private final SingletonSupplier<List<AuditSubscriber>> subscribers;
    /** Per workspace, the chain's end as this node last appended to it: where the next append here tries first. */
    private final Cache<UUID, AuditRepository.End> ends = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    private final Timer appends;

    AuditLog(AuditRepository events, AuditChain chain, TenantDsl tenantDsl, AccountService accounts,
            ObjectProvider<AuditRequestContext> requestContext, Clock clock, ObjectProvider<AuditSubscriber> subscribers,
            ObjectProvider<MeterRegistry> meters) {
        this.events = events;
        this.chain = chain;
        this.tenantDsl = tenantDsl;
        this.accounts = accounts;
        this.requestContext = SingletonSupplier.of(() -> requestContext.getIfAvailable(() -> () -> AuditRequestContext.Origin.NONE));
        this.clock = clock;
        this.subscribers = SingletonSupplier.of(() -> subscribers.orderedStream().toList());
        this.appends = Timer.builder("atrium.audit.append").description("Recording an audit event, chain link included")
                .register(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** An event by the scope's actor in its workspace. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(TenantScope scope, String action, @Nullable AuditTarget target, @Nullable Map<String, ?> before,
            @Nullable Map<String, ?> after) {
        record(scope, scope.actor(), action, target, before, after);
    }

    /** An event by an account joining the workspace by invitation: a person, as a member is. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(InviteeScope invitee, String action, @Nullable AuditTarget target, @Nullable Map<String, ?> before,
            @Nullable Map<String, ?> after) {
        record(invitee, new Actor.Member(invitee.accountId()), action, target, before, after);
    }

    /**
     * The hash of the workspace's last audit event, hex (empty before the first): what a deletion record keeps to
     * prove, after the schema is gone, which chain it ended.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public String headHash(TenantScope scope) {
        byte[] last = events.head(tenantDsl.of(scope)).lastHash();
        return last == null ? "" : HexFormat.of().formatHex(last);
    }

    /**
     * The actor is recorded as it is at this moment: a person's name and e-mail (as this node read them at most a
     * minute ago, or since a sign-in here changed them), an API key's name.
     * <p>
     * One statement appends and advances the head after the end this node saw last in the workspace; when another
     * append got there first (on another node, or here before this one), that statement inserts nothing and the event
     * is chained again after the head read under its lock. The database decides either way: the head's row lock
     * orders the appends, and an event is inserted only together with the head moving from the end it follows.
     */
    private void record(WorkspaceBinding workspace, Actor actor, String action, @Nullable AuditTarget target,
            @Nullable Map<String, ?> before, @Nullable Map<String, ?> after) {
        appends.record(() -> append(workspace, actor, action, target, before, after));
    }

    private void append(WorkspaceBinding workspace, Actor actor, String action, @Nullable AuditTarget target,
            @Nullable Map<String, ?> before, @Nullable Map<String, ?> after) {
        Account account = actor instanceof Actor.Member member ? accounts.findRecent(member.accountId()).orElse(null) : null;
        String actorName = switch (actor) {
            case Actor.Member member -> account == null ? null : account.displayName();
            case Actor.ApiKey key -> key.name();
            case Actor.System system -> null;
        };
        AuditRequestContext.Origin origin = requestContext.obtain().current();
        UUID id = UUID.randomUUID();
        OffsetDateTime occurredAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        String beforeJson = AuditHashing.toJson(before);
        String afterJson = AuditHashing.toJson(after);
        LongFunction<AuditEvent> numbered = seq -> new AuditEvent(seq, id, occurredAt, actor.kind(), actor.id(),
                account == null ? null : account.email(), actorName, action, target, beforeJson, afterJson,
                origin.ipAddress(), origin.userAgent(), origin.requestId());
        DSLContext tenant = tenantDsl.of(workspace);
        AuditRepository.End seen = ends.getIfPresent(workspace.workspaceId());
        if (seen == null && TenantProvisioner.isBeingCreated(workspace.workspaceId())) {
            seen = AuditRepository.End.START; // a new schema's chain is empty: its first event needs no look at the head
        }
        AuditEvent event = seen == null ? null : appendAfter(workspace, tenant, seen, numbered);
        if (event == null) {
            event = appendAfter(workspace, tenant, events.lockHead(tenant).end(), numbered);
            if (event == null) {
                throw new IllegalStateException("The audit chain's head moved while this transaction held its lock");
            }
        }
        for (AuditSubscriber subscriber : subscribers.obtain()) {
            subscriber.recorded(workspace, event);
        }
    }

    /** The event chained after {@code end}, if the head was still there; null if it had moved on. */
    private @Nullable AuditEvent appendAfter(WorkspaceBinding workspace, DSLContext tenant, AuditRepository.End end,
            LongFunction<AuditEvent> numbered) {
        AuditEvent event = numbered.apply(end.seq() + 1);
        AuditChain.Link link = chain.next(end.hash(), event);
        if (!events.appendAfter(tenant, end, event, link)) {
            return null;
        }
        // A guess for the next append here, checked by the database: a rolled-back or stale end costs one more statement.
        ends.put(workspace.workspaceId(), new AuditRepository.End(event.seq(), link.mac()));
        return event;
    }
}
