package dev.atrium.admin.sso;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * "Test connection": a real sign-in at the workspace's identity provider (enabled or not) that changes nobody's
 * session and shows the claims that came back. Only a holder of {@code workspace.manage_sso} starts one; it finishes
 * only for the same admin and workspace, and only while they still hold the permission. A success counts for the
 * settings it tested: when they changed meanwhile it is reported as a failure. Enabling a connection needs a success
 * since its settings last changed ({@link SsoService#enable}). Every outcome is audited with the claims' names, never
 * their values.
 */
@Service
public class SsoConnectionTests {

    private static final int MAX_FAILURE_LENGTH = 300;

    private final SsoConnectionRepository connections;
    private final AccessControl access;
    private final TenantBinder binder;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SsoConnectionTests(SsoConnectionRepository connections, AccessControl access, TenantBinder binder, AuditLog auditLog,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.connections = connections;
        this.access = access;
        this.binder = binder;
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Starts a test of the workspace's connection by the acting admin; the web layer keeps the ticket in their session
     * and sends them to the identity provider through {@link SsoDirectory#testRegistrationId}.
     *
     * @throws SsoException {@code sso.not-configured} without a connection
     */
    public SsoTestTicket start(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        SsoConnection connection = connections.find(scope).orElseThrow(() -> new SsoException("sso.not-configured"));
        return new SsoTestTicket(scope.workspaceId(), scope.slug(), scope.accountId(), connection.updatedAt());
    }

    /**
     * The identity provider signed someone in and these are the claims it sent (ID token and user info). Records the
     * success for the tested settings.
     *
     * @param signedIn who is signed in to the session that holds the ticket
     * @throws SsoException {@code sso.test-not-pending} when the ticket is not this admin's, {@code sso.not-configured}
     *         when the connection was deleted meanwhile
     */
    public SsoTestResult succeeded(SsoTestTicket ticket, UUID signedIn, Map<String, ?> claims) {
        TenantScope scope = bind(ticket, signedIn);
        Map<String, String> shown = new LinkedHashMap<>();
        claims.forEach((name, value) -> shown.put(name, String.valueOf(value)));
        return transaction.execute(status -> {
            // Deleted while the admin was at the identity provider: nothing was tested, and there is nothing to audit it on.
            connections.lock(scope).orElseThrow(() -> new SsoException("sso.not-configured"));
            boolean counted = connections.markTested(scope, ticket.connectionVersion(), now());
            SsoTestResult result = new SsoTestResult(scope.workspaceId(), counted, shown, counted ? null : "sso.changed-meanwhile");
            audit(scope, result);
            return result;
        });
    }

    /**
     * The sign-in at the identity provider failed (an error it returned, a token that did not validate, …).
     *
     * @throws SsoException {@code sso.test-not-pending} when the ticket is not this admin's
     */
    public SsoTestResult failed(SsoTestTicket ticket, UUID signedIn, String failure) {
        TenantScope scope = bind(ticket, signedIn);
        SsoTestResult result = new SsoTestResult(scope.workspaceId(), false, Map.of(),
                failure.length() > MAX_FAILURE_LENGTH ? failure.substring(0, MAX_FAILURE_LENGTH) : failure);
        transaction.executeWithoutResult(status -> {
            if (connections.lock(scope).isPresent()) {
                audit(scope, result);
            }
        });
        return result;
    }

    private TenantScope bind(SsoTestTicket ticket, UUID signedIn) {
        if (!ticket.accountId().equals(signedIn)) {
            throw new SsoException("sso.test-not-pending");
        }
        TenantScope scope = binder.bind(signedIn, ticket.slug());
        if (!scope.workspaceId().equals(ticket.workspaceId())) {
            throw new SsoException("sso.test-not-pending");
        }
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        return scope;
    }

    private void audit(TenantScope scope, SsoTestResult result) {
        SsoConnection connection = connections.find(scope).orElseThrow();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("succeeded", result.succeeded());
        after.put("claims", String.join(" ", result.claims().keySet()));
        if (result.failure() != null) {
            after.put("failure", result.failure());
        }
        auditLog.record(scope, AuditActions.SSO_CONNECTION_TESTED,
                new AuditTarget("sso_connection", connection.id().toString(), connection.issuer()), null, after);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
