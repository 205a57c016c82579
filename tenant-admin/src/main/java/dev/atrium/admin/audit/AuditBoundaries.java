package dev.atrium.admin.audit;

import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantHealth;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Signs, once, the plain-hash boundaries that the upgrade to the keyed chain fixed (tenant changelog 008) and the upgrade
 * to authenticated boundaries (031) left without a MAC, which no SQL migration can make: at the first start-up after
 * it, after the workspaces are migrated and before anything is served.
 * <p>
 * An unsigned boundary is trusted only then. In the database, one left by the upgrade and one an attacker stripped of
 * its MAC and raised look alike, so signing whatever is unsigned at every start-up would let the database alone forge
 * the boundary through a restart. That the signing was done is therefore recorded outside the database, next to the
 * checkpoints ({@link AuditCheckpoints#markBoundariesSigned}), and only once every workspace was signed (one that
 * failed to migrate is signed at a later start-up). From then on start-up looks into no workspace for this, and an
 * unsigned boundary above 0 is reported as tampering. New workspaces' boundary is 0, which admits no plain hash and
 * needs no MAC: creating a workspace signs nothing and writes no file.
 */
@Component
class AuditBoundaries implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditBoundaries.class);

    private final AuditRepository events;
    private final AuditChain chain;
    private final AuditCheckpoints checkpoints;
    private final TenantBinder binder;
    private final TenantHealth health;
    private final TenantDsl tenantDsl;
    private final TransactionTemplate transaction;
    private volatile boolean running;

    AuditBoundaries(AuditRepository events, AuditChain chain, AuditCheckpoints checkpoints, TenantBinder binder,
            TenantHealth health, TenantDsl tenantDsl, PlatformTransactionManager transactionManager) {
        this.events = events;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.binder = binder;
        this.health = health;
        this.tenantDsl = tenantDsl;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Lifecycles start after every workspace was migrated (TenantMigrations), and this one before the web server. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    @Override
    public void start() {
        signUnsignedAtStartUp();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Unless it was done before: signs every served workspace's unsigned boundary, then records that it was done. */
    void signUnsignedAtStartUp() {
        if (checkpoints.boundariesSigned()) {
            return;
        }
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger signed = new AtomicInteger();
        binder.forEachServed("Signing the audit log's plain-hash boundary", workspace -> {
            try {
                if (Boolean.TRUE.equals(transaction.execute(status -> sign(workspace)))) {
                    signed.incrementAndGet();
                }
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                throw e;
            }
        });
        if (failed.get() > 0 || !health.failures().isEmpty()) {
            log.warn("The audit log's plain-hash boundaries of {} workspaces could not be signed yet; the next start-up tries again",
                    failed.get() + health.failures().size());
            return;
        }
        try {
            checkpoints.markBoundariesSigned();
        } catch (RuntimeException e) {
            // Serving goes on: the boundaries are signed; only their record is missing, so the next start-up signs again.
            log.error("Could not record that the audit log's plain-hash boundaries were signed", e);
            return;
        }
        log.info("Signed the audit log's plain-hash boundaries of {} workspaces; unsigned ones are refused from now on", signed.get());
    }

    /** Whether the workspace's boundary was unsigned, and is signed now. */
    private boolean sign(TenantScope workspace) {
        DSLContext tenant = tenantDsl.of(workspace);
        AuditRepository.Head head = events.lockHead(tenant);
        if (head.legacyUntilSeq() == 0 || head.legacyUntilMac() != null) {
            return false;
        }
        events.signBoundary(tenant, chain.boundary(workspace.workspaceId(), head.legacyUntilSeq()));
        return true;
    }
}
