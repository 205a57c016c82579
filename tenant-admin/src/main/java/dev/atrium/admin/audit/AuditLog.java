package dev.atrium.admin.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

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
    private final ObjectProvider<AuditRequestContext> requestContext;
    private final Clock clock;

    AuditLog(AuditRepository events, AuditChain chain, TenantDsl tenantDsl, AccountService accounts,
            ObjectProvider<AuditRequestContext> requestContext, Clock clock) {
        this.events = events;
        this.chain = chain;
        this.tenantDsl = tenantDsl;
        this.accounts = accounts;
        this.requestContext = requestContext;
        this.clock = clock;
    }

    /** An event by the scope's member in its workspace. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(TenantScope scope, String action, AuditTarget target, Map<String, ?> before, Map<String, ?> after) {
        record(tenantDsl.of(scope), scope.accountId(), action, target, before, after);
    }

    /**
     * An event in the workspace the SQL is bound to, by the given account (null for the system); for changes made
     * before anyone is bound to the workspace, such as creating it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(DSLContext tenant, UUID actorId, String action, AuditTarget target, Map<String, ?> before, Map<String, ?> after) {
        Account actor = actorId == null ? null : accounts.find(actorId).orElse(null);
        AuditRequestContext.Origin origin = requestContext.getIfAvailable(() -> () -> AuditRequestContext.Origin.NONE).current();
        AuditRepository.Head head = events.lockHead(tenant);
        AuditEvent event = new AuditEvent(head.lastSeq() + 1, UUID.randomUUID(),
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS), actorId,
                actor == null ? null : actor.email(), actor == null ? null : actor.displayName(), action, target,
                AuditHashing.toJson(before), AuditHashing.toJson(after), origin.ipAddress(), origin.userAgent(), origin.requestId());
        events.append(tenant, event, head.lastHash(), chain.next(head.lastHash(), event));
    }
}
