package dev.atrium.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.ObjIntConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Two saves of one workspace setting at once (two admins, or one form sent twice): both are saved one after the other,
 * and the second's audited "before" is the first's "after", so the audit log tells every value the setting had.
 * <p>
 * Measured with the value read without a lock before the update: the second event named the value from before both
 * saves as its "before" in 7 (expiry), 7 (reminders) and 11 (retention) of 20 races. With the settings row read
 * {@code FOR UPDATE}: 0 of 20 each.
 */
@SpringBootTest
class SettingsChangeRaceTest {

    private static final int RACES = 20;

    @Autowired InvitationService invitations;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;

    @Test
    void twoSavesOfTheInvitationExpiryAtOnceAreAuditedOneAfterTheOther() {
        assertSavedOneAfterTheOther("invitation expiry days", AuditActions.WORKSPACE_SETTINGS_CHANGED, invitations::setExpiryDays, 7, 14);
    }

    @Test
    void twoSavesOfTheInvitationRemindersAtOnceAreAuditedOneAfterTheOther() {
        assertSavedOneAfterTheOther("invitation reminder days", AuditActions.WORKSPACE_SETTINGS_CHANGED,
                (owner, days) -> invitations.setReminderDays(owner, OptionalInt.of(days)), 2, 5);
    }

    @Test
    void twoSavesOfTheAuditRetentionAtOnceAreAuditedOneAfterTheOther() {
        assertSavedOneAfterTheOther("audit retention days", AuditActions.AUDIT_SETTINGS_CHANGED, audit::setRetentionDays,
                AuditLogService.MAX_RETENTION_DAYS, AuditLogService.MAX_RETENTION_DAYS - 1);
    }

    private void assertSavedOneAfterTheOther(String setting, String action, ObjIntConsumer<TenantScope> save, int one, int other) {
        TenantScope owner = teams.newWorkspace("Sette");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            List<Throwable> outcomes = Races.run(() -> save.accept(owner, one), () -> save.accept(owner, other));
            assertThat(outcomes).allMatch(Objects::isNull);
            List<AuditEvent> saves = audit.page(owner, new AuditFilter(null, action, null, null, null, null), null, null, 2).events();
            AuditEvent last = saves.getFirst();
            AuditEvent first = saves.getLast();
            if (!last.before().equals(first.after())) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("two saves of the " + setting + " at once are audited one after the other",
                violations, RACES)).isZero();
    }
}
