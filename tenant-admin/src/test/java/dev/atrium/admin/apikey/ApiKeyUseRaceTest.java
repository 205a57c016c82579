package dev.atrium.admin.apikey;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A request already past its API key's check while the key is revoked, or its creator demoted, must not change
 * anything after that revocation or demotion committed. The audit chain tells the commit order: every change appends
 * its event under the chain's head lock, held until it commits, so an invitation whose event comes after the
 * revocation's was committed after it.
 */
@SpringBootTest
class ApiKeyUseRaceTest {

    private static final int RACES = 10;

    @Autowired TestWorkspaces teams;
    @Autowired ApiKeyService apiKeys;
    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired TenantDsl tenantDsl;

    @Test
    void noInvitationIsCreatedWithAKeyAfterItsRevocationCommitted() {
        int violations = 0;
        for (int race = 0; race < RACES; race++) {
            TenantScope owner = teams.newWorkspace("Rhea");
            CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Sync", teams.roleId(owner, "admin"), 30));
            TenantScope key = apiKeys.authenticate(created.secret(), false).orElseThrow();

            Races.run(() -> invitations.invite(key, TestAccounts.uniqueSlug("late") + "@example.test", teams.roleId(owner, "member"), Locale.ENGLISH),
                    () -> apiKeys.revoke(owner, created.key().id()));

            if (changedAfter(owner, AuditActions.APIKEY_REVOKED)) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("no invitation by a key after its revocation committed", violations, RACES)).isZero();
    }

    @Test
    void noInvitationIsCreatedWithAKeyAfterItsCreatorsDemotionCommitted() {
        int violations = 0;
        for (int race = 0; race < RACES; race++) {
            TenantScope owner = teams.newWorkspace("Dora");
            TenantScope admin = teams.join(owner, "Adam", "admin");
            CreatedApiKey created = apiKeys.create(admin, new ApiKeyDraft("Adam's sync", teams.roleId(owner, "admin"), 30));
            TenantScope key = apiKeys.authenticate(created.secret(), false).orElseThrow();

            Races.run(() -> invitations.invite(key, TestAccounts.uniqueSlug("late") + "@example.test", teams.roleId(owner, "member"), Locale.ENGLISH),
                    () -> members.changeRole(owner, admin.accountId(), teams.roleId(owner, "member")));

            if (changedAfter(owner, AuditActions.MEMBER_ROLE_CHANGED)) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("no invitation by a key after its creator's demotion committed", violations, RACES))
                .isZero();
    }

    /** Whether the key's invitation event follows the event of {@code authorityLost} in the workspace's chain. */
    private boolean changedAfter(TenantScope workspace, String authorityLost) {
        Map<String, List<Long>> seqs = tenantDsl.of(workspace).select(AUDIT_EVENT.ACTION, AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.in(AuditActions.INVITATION_CREATED, authorityLost))
                .and(AUDIT_EVENT.ACTOR_KIND.eq("api_key").or(AUDIT_EVENT.ACTION.eq(authorityLost)))
                .fetchGroups(AUDIT_EVENT.ACTION, AUDIT_EVENT.SEQ);
        long lost = seqs.get(authorityLost).getFirst();
        return seqs.getOrDefault(AuditActions.INVITATION_CREATED, List.of()).stream().anyMatch(seq -> seq > lost);
    }
}
