package dev.atrium.admin.domain;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * The workspace's domains. Holders of {@code workspace.manage_sso} add a domain, publish the TXT record it shows and
 * verify it; a domain is verified by at most one workspace (the database's unique index decides when two verify at
 * once, and the later one is refused with {@link DomainException#VERIFIED_ELSEWHERE}). The system re-checks verified
 * domains ({@link #recheck}) and takes the verification back when the record is gone. DNS is asked outside any
 * transaction; every change is audited in its own.
 */
@Service
public class DomainService {

    /** Claims per workspace, verified or not: an unverified claim costs a DNS look-up at every Verify. */
    public static final int MAX_DOMAINS = 50;
    private static final Logger log = LoggerFactory.getLogger(DomainService.class);
    private static final int CHALLENGE_BYTES = 32;
    private static final String UNIQUE_VIOLATION = "23505";

    private final DomainRepository domains;
    private final DomainTxtLookup dns;
    private final AccessControl access;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final AtriumProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    DomainService(DomainRepository domains, DomainTxtLookup dns, AccessControl access, AuditLog auditLog,
            PlatformTransactionManager transactionManager, AtriumProperties properties, Clock clock) {
        this.domains = domains;
        this.dns = dns;
        this.access = access;
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.clock = clock;
    }

    /** The workspace's domains, by name. */
    public List<WorkspaceDomain> domains(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        return domains.all(scope);
    }

    /**
     * Whether the address's domain (compared as {@link #verifies}: exactly, sub-domains are domains of their own) is
     * verified by the workspace right now, without locking: for the SSO policies, decided whenever a workspace is
     * opened or an invitation shown. It needs no permission.
     */
    public boolean inVerifiedDomain(WorkspaceBinding workspace, String email) {
        return DomainNames.comparable(email.substring(email.lastIndexOf('@') + 1))
                .map(domain -> domains.verified(workspace).stream().anyMatch(verified -> verified.domain().equals(domain)))
                .orElse(false);
    }

    /** Whether the workspace verified any domain right now, without locking; it needs no permission (as above). */
    public boolean hasVerified(WorkspaceBinding workspace) {
        return !domains.verified(workspace).isEmpty();
    }

    /**
     * The address's domain as verified domains are stored and compared (lower case, international names as ASCII), or
     * empty when it has none: for finding the workspace that verified it.
     */
    public static Optional<String> domainOf(String email) {
        return DomainNames.comparable(email.substring(email.lastIndexOf('@') + 1));
    }

    /**
     * Claims a domain, pending until its TXT record is verified. Several workspaces may claim the same domain; only
     * one can verify it.
     *
     * @throws DomainException for a name that is invalid, blocked, already claimed here or verified elsewhere, or when
     *         the workspace claims {@value #MAX_DOMAINS} domains
     */
    public WorkspaceDomain add(TenantScope scope, String typed) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        String domain = DomainNames.normalise(typed, properties.domains().blocked());
        return transaction.execute(status -> {
            if (domains.lockAndCount(scope) >= MAX_DOMAINS) {
                throw new DomainException("domain.too-many", MAX_DOMAINS);
            }
            if (domains.verifiedElsewhere(scope, domain)) {
                throw new DomainException(DomainException.VERIFIED_ELSEWHERE, domain);
            }
            WorkspaceDomain added = domains.insert(scope, domain, newChallenge(), now())
                    .orElseThrow(() -> new DomainException("domain.already-added", domain));
            auditLog.record(scope, AuditActions.DOMAIN_ADDED, target(added), null, Map.of("domain", domain));
            return added;
        });
    }

    /**
     * Looks up the domain's TXT record; verified when one of its values is the domain's. A look-up that does not find
     * it is audited and leaves the domain as it was; one found again for a domain verified already (a second click, also
     * at the same moment) changes nothing to audit.
     *
     * @return the domain as it is now: {@link WorkspaceDomain#verified()} tells whether the record was found
     * @throws DomainException when the domain is gone, verified elsewhere, or DNS gave no answer
     */
    public WorkspaceDomain verify(TenantScope scope, UUID domainId) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        WorkspaceDomain domain = existing(scope, domainId);
        boolean found = published(domain);
        try {
            return transaction.execute(status -> {
                OffsetDateTime now = now();
                if (!found) {
                    domains.markChecked(scope, domainId, now);
                    auditLog.record(scope, AuditActions.DOMAIN_VERIFICATION_FAILED, target(domain), null,
                            Map.of("domain", domain.domain(), "recordName", domain.recordName(), "found", false));
                    return existing(scope, domainId);
                }
                if (domains.verifiedElsewhere(scope, domain.domain())) {
                    throw new DomainException(DomainException.VERIFIED_ELSEWHERE, domain.domain());
                }
                if (!domains.markVerified(scope, domainId, now)) {
                    // Verified already (another click got there first): found again, nothing changed to audit.
                    domains.markChecked(scope, domainId, now);
                    return existing(scope, domainId);
                }
                auditLog.record(scope, AuditActions.DOMAIN_VERIFIED, target(domain), Map.of("status", domain.status().name()),
                        Map.of("domain", domain.domain(), "recordName", domain.recordName(), "found", true));
                return existing(scope, domainId);
            });
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw new DomainException(DomainException.VERIFIED_ELSEWHERE, domain.domain());
            }
            throw e;
        }
    }

    /**
     * Drops the claim (verified or not), so another workspace can verify the domain. The claim is locked while it is
     * read, so a verification committing meanwhile is in the status the removal records.
     */
    public void remove(TenantScope scope, UUID domainId) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        transaction.executeWithoutResult(status -> {
            WorkspaceDomain domain = domains.lock(scope, domainId).orElseThrow(() -> new DomainException("domain.gone"));
            if (!domains.delete(scope, domainId)) {
                throw new DomainException("domain.gone");
            }
            auditLog.record(scope, AuditActions.DOMAIN_REMOVED, target(domain),
                    Map.of("domain", domain.domain(), "status", domain.status().name()), null);
        });
    }

    /**
     * The system checks the workspace's verified domains again: a domain whose record is gone becomes unverified,
     * with the reason and time, audited with the system as the actor. A look-up without an answer changes nothing.
     *
     * @return how many domains became unverified
     */
    public int recheck(TenantScope system) {
        access.requireSystem(system);
        int unverified = 0;
        for (WorkspaceDomain domain : domains.verified(system)) {
            boolean found;
            try {
                found = published(domain);
            } catch (DomainException e) {
                log.warn("Re-check of {} in workspace {} got no DNS answer; left verified", domain.domain(), system.slug());
                continue;
            }
            Boolean changed = transaction.execute(status -> {
                OffsetDateTime now = now();
                if (found) {
                    domains.markChecked(system, domain.id(), now);
                    return false;
                }
                if (!domains.markUnverified(system, domain.id(), WorkspaceDomain.REASON_RECORD_GONE, now)) {
                    return false;
                }
                auditLog.record(system, AuditActions.DOMAIN_UNVERIFIED, target(domain), Map.of("status", DomainStatus.VERIFIED.name()),
                        Map.of("status", DomainStatus.UNVERIFIED.name(), "reason", WorkspaceDomain.REASON_RECORD_GONE,
                                "recordName", domain.recordName()));
                return true;
            });
            if (Boolean.TRUE.equals(changed)) {
                unverified++;
            }
        }
        return unverified;
    }

    /**
     * For a sign-in through the workspace's connection (the system acts): whether the workspace verified the domain
     * (compared as stored: lower case, international names as ASCII; exactly, sub-domains are domains of their own).
     * The claim stays locked until the sign-in's transaction ends, so it is not removed or un-verified meanwhile.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean verifies(TenantScope system, String domain) {
        access.requireSystem(system);
        return DomainNames.comparable(domain).map(name -> domains.lockVerified(system, name)).orElse(false);
    }

    /** {@link #verifies} for the domain of an e-mail address: what follows its last {@code @}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean verifiesAddress(TenantScope system, String email) {
        int at = email.lastIndexOf('@');
        return at > 0 && verifies(system, email.substring(at + 1));
    }

    private boolean published(WorkspaceDomain domain) {
        try {
            return dns.txtValues(domain.recordName()).contains(domain.recordValue());
        } catch (DomainTxtLookup.LookupFailedException e) {
            log.info("TXT look-up failed: {}", e.getMessage());
            throw new DomainException("domain.lookup-failed", domain.recordName());
        }
    }

    private WorkspaceDomain existing(TenantScope scope, UUID domainId) {
        return domains.find(scope, domainId).orElseThrow(() -> new DomainException("domain.gone"));
    }

    private String newChallenge() {
        byte[] bytes = new byte[CHALLENGE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static AuditTarget target(WorkspaceDomain domain) {
        return new AuditTarget("domain", domain.id().toString(), domain.domain());
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
