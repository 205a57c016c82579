package dev.atrium.admin.audit;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/** Sign-ins and sign-outs, recorded in every workspace the account belongs to, in one transaction. */
@Service
public class SessionAudit {

    private final TenantBinder binder;
    private final AuditLog auditLog;

    SessionAudit(TenantBinder binder, AuditLog auditLog) {
        this.binder = binder;
        this.auditLog = auditLog;
    }

    @Transactional
    public void signedIn(UUID accountId) {
        record(accountId, AuditActions.ACCOUNT_SIGNED_IN);
    }

    @Transactional
    public void signedOut(UUID accountId) {
        record(accountId, AuditActions.ACCOUNT_SIGNED_OUT);
    }

    private void record(UUID accountId, String action) {
        for (TenantScope workspace : binder.scopesOf(accountId)) {
            auditLog.record(workspace, action, new AuditTarget("account", accountId.toString(), null), null, null);
        }
    }
}
