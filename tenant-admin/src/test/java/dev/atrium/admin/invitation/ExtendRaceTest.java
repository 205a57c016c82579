package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * An extend never reopens a closed invitation: an extend racing an accept or a cancel of the same invitation either
 * happens before it (and the accept or cancel then closes the extended invitation) or is refused.
 */
@SpringBootTest
class ExtendRaceTest {

    private static final int RACES = 30;

    @Autowired InvitationService invitations;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TenantDsl tenantDsl;

    @Test
    void anExtendRacingAnAcceptIsEitherFirstOrRefused() {
        TenantScope owner = teams.newWorkspace("Erik");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            Account ada = accounts.newAccount("Ada " + i);
            InviteOutcome.Sent sent = invitations.invite(owner, ada.email(), teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst();
            List<Throwable> outcomes = Races.run(() -> invitations.extend(owner, sent.invitationId()),
                    () -> invitations.accept(tokenOf(sent.link()), ada.id()));
            assertThat(outcomes.get(1)).as("the accept").isNull();
            if (extendedAfter(owner, AuditActions.INVITATION_ACCEPTED, sent.invitationId(), outcomes.getFirst())) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("extend vs. accept: an accepted invitation extended", violations, RACES)).isZero();
    }

    @Test
    void anExtendRacingACancelIsEitherFirstOrRefused() {
        TenantScope owner = teams.newWorkspace("Emma");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            String address = "cancelled-" + UUID.randomUUID() + "@example.com";
            UUID id = invitations.invite(owner, address, teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().invitationId();
            BulkOutcome[] cancelled = new BulkOutcome[1];
            List<Throwable> outcomes = Races.run(() -> invitations.extend(owner, id),
                    () -> cancelled[0] = invitations.cancel(owner, List.of(id)));
            assertThat(cancelled[0].done()).as("the cancel").containsExactly(address);
            if (extendedAfter(owner, AuditActions.INVITATION_CANCELLED, id, outcomes.getFirst())) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("extend vs. cancel: a cancelled invitation extended", violations, RACES)).isZero();
    }

    /**
     * Whether the extend succeeded after the invitation was closed: its event comes after the closing one in the audit
     * chain (which orders commits). A refused extend must be refused as closed.
     */
    private boolean extendedAfter(TenantScope scope, String closing, UUID invitation, Throwable extendOutcome) {
        if (extendOutcome != null) {
            assertThat(extendOutcome).isInstanceOf(InvitationException.class);
            return false;
        }
        return seq(scope, AuditActions.INVITATION_EXTENDED, invitation).orElseThrow() > seq(scope, closing, invitation).orElseThrow();
    }

    private Optional<Long> seq(TenantScope scope, String action, UUID target) {
        return tenantDsl.of(scope).select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.eq(action)).and(AUDIT_EVENT.TARGET_ID.eq(target.toString()))
                .orderBy(AUDIT_EVENT.SEQ.desc()).limit(1).fetchOptional(AUDIT_EVENT.SEQ);
    }
}
