package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditVerification.Kind;
import dev.atrium.admin.invitation.InvitationExpiries;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.member.MemberRuleException;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

@SpringBootTest
class AuditLogTest {

    @Autowired AuditLogService audit;
    @Autowired TenantBinder binder;
    @Autowired AuditLog auditLog;
    @Autowired SessionAudit sessions;
    @Autowired MemberService members;
    @Autowired InvitationService invitations;
    @Autowired InvitationExpiries expiries;
    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;
    @Autowired DSLContext platform;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired MutableClock clock;
    @Autowired TenantDsl tenantDsl;
    @Autowired AuditRepository events;
    @Autowired AuditChain chain;
    @Autowired AuditVerifier verifier;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired AccountService accounts;
    @Autowired AccessControl access;
    @Autowired ApplicationContext context;

    @Test
    void eachChangeWritesExactlyItsEventWithActorTargetAndBeforeAfter() {
        TenantScope owner = teams.newWorkspace("Aurelia");
        assertThat(actions(owner)).containsExactly(AuditActions.WORKSPACE_CREATED);

        TenantScope bo = teams.join(owner, "Bo", "member");
        assertThat(actions(owner)).containsExactly(AuditActions.MEMBER_JOINED, AuditActions.INVITATION_ACCEPTED,
                AuditActions.INVITATION_CREATED, AuditActions.WORKSPACE_CREATED);

        members.changeRole(owner, bo.accountId(), teams.roleId(owner, "admin"));
        AuditEvent changed = audit.page(owner, new AuditFilter(null, AuditActions.MEMBER_ROLE_CHANGED, null, null, null, null),
                null, null, 10).events().getFirst();
        assertThat(changed.actorName()).isEqualTo("Aurelia");
        assertThat(changed.target().type()).isEqualTo("member");
        assertThat(changed.target().id()).isEqualTo(bo.accountId().toString());
        assertThat(changed.before()).contains("\"role\"").contains("Member");
        assertThat(changed.after()).contains("Admin");

        roles.create(owner, new RoleDraft("Auditor", "", Set.of(Permissions.AUDIT_VIEW)));
        members.remove(owner, bo.accountId());
        assertThat(actions(owner)).startsWith(AuditActions.MEMBER_REMOVED, AuditActions.ROLE_CREATED, AuditActions.MEMBER_ROLE_CHANGED);
    }

    @Test
    void everyOtherChangeWritesExactlyItsOwnEvent() {
        TenantScope owner = teams.newWorkspace("Evelyn");
        TenantScope heir = teams.join(owner, "Hugo", "member");
        TenantScope leaver = teams.join(owner, "Lea", "member");

        assertThat(newEventsOf(owner, () -> invitations.setExpiryDays(owner, 3))).containsExactly(AuditActions.WORKSPACE_SETTINGS_CHANGED);
        UUID invitation = invitations.invite(owner, "ev-" + System.nanoTime() + "@example.test",
                teams.roleId(owner, "guest"), Locale.ENGLISH).invited().getFirst().invitationId();
        clock.advance(Duration.ofMinutes(2));
        assertThat(newEventsOf(owner, () -> invitations.resend(owner, List.of(invitation), Locale.ENGLISH))).containsExactly(AuditActions.INVITATION_RESENT);
        assertThat(newEventsOf(owner, () -> invitations.cancel(owner, List.of(invitation)))).containsExactly(AuditActions.INVITATION_CANCELLED);
        var role = roles.create(owner, new RoleDraft("Scribe", "", Set.of(Permissions.MEMBERS_VIEW)));
        assertThat(newEventsOf(owner, () -> roles.update(owner, role.id(), new RoleDraft("Scribe", "Writes", Set.of()))))
                .containsExactly(AuditActions.ROLE_UPDATED);
        assertThat(newEventsOf(owner, () -> roles.delete(owner, role.id(), null))).containsExactly(AuditActions.ROLE_DELETED);
        assertThat(newEventsOf(owner, () -> members.leave(leaver))).containsExactly(AuditActions.MEMBER_LEFT);
        assertThat(newEventsOf(owner, () -> members.transferOwnership(owner, heir.accountId())))
                .containsExactly(AuditActions.OWNERSHIP_TRANSFERRED);
        assertThat(audit.verify(owner).intact()).isTrue();
    }

    @Test
    void openingAnExpiredInvitationIsRecordedOnce() {
        TenantScope owner = teams.newWorkspace("Ezra");
        var invited = invitations.invite(owner, "late-" + System.nanoTime() + "@example.test", teams.roleId(owner, "guest"), Locale.ENGLISH)
                .invited().getFirst();
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        expiries.announceDue(binder.bindSystem(owner.workspaceId())); // its expiry announced (InvitationExpiryTest)

        assertThat(newEventsOf(owner, () -> invitations.open(TestWorkspaces.tokenOf(invited.link()), owner.accountId())))
                .containsExactly(AuditActions.INVITATION_EXPIRED_ON_USE);
    }

    @Test
    void aRefusedOrRolledBackChangeLeavesNoEventAndAFailedEventFailsTheChange() {
        TenantScope owner = teams.newWorkspace("Rollo");
        int before = actions(owner).size();

        assertThatThrownBy(() -> members.leave(owner)).isInstanceOf(MemberRuleException.class);
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            auditLog.record(owner, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, null, Map.of("x", 1));
            throw new IllegalStateException("the change fails after its event was written");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(actions(owner)).hasSize(before);

        TenantScope vic = teams.join(owner, "Vic", "member");
        int afterJoin = actions(owner).size();
        Table<?> head = DSL.table(DSL.name(schemaOf(owner), "audit_head"));
        var saved = platform.selectFrom(head).fetchSingle();
        platform.deleteFrom(head).execute();
        try {
            assertThatThrownBy(() -> members.changeRole(owner, vic.accountId(), teams.roleId(owner, "admin")))
                    .isInstanceOf(RuntimeException.class);
        } finally {
            saved.changed(true);
            platform.insertInto(head).set(saved).execute();
        }
        assertThat(members.find(owner, vic.accountId()).orElseThrow().roleName()).isEqualTo("Member");
        assertThat(actions(owner)).hasSize(afterJoin);
    }

    /**
     * The append runs on plain JDBC in the change's transaction: a refusal by the database fails the change as the
     * exception Spring's translation makes of it, as from a jOOQ statement, and the change rolls back with it.
     */
    @Test
    void anAppendTheDatabaseRefusesFailsTheChangeWithSpringsTranslatedException() {
        TenantScope owner = teams.newWorkspace("Dupont");
        Table<?> head = DSL.table(DSL.name(schemaOf(owner), "audit_head"));
        var lastSeq = DSL.field(DSL.name("last_seq"), Long.class);
        int retention = audit.retentionDays(owner);
        int before = actions(owner).size();
        // The head one event back: the next append takes the seq of the last event, which the primary key refuses.
        platform.update(head).set(lastSeq, lastSeq.minus(1L)).execute();

        assertThatThrownBy(() -> audit.setRetentionDays(owner, retention + 1)).isInstanceOf(DuplicateKeyException.class)
                .rootCause().hasMessageContaining("audit_event_pkey");
        assertThat(audit.retentionDays(owner)).isEqualTo(retention);
        assertThat(actions(owner)).hasSize(before);
    }

    @Test
    void theDatabaseRefusesToUpdateTruncateOrDeleteRecentEvents() {
        TenantScope owner = teams.newWorkspace("Ada");

        AuditGuardAssertions.assertAppendOnly(platform, audit, owner);

        assertThat(actions(owner)).containsExactly(AuditActions.AUDIT_SETTINGS_CHANGED, AuditActions.WORKSPACE_CREATED);
    }

    @Test
    void verificationFindsTheFirstEventEditedDirectlyInTheDatabase() {
        TenantScope owner = teams.newWorkspace("Tamsin");
        teams.join(owner, "Tim", "member");
        roles.create(owner, new RoleDraft("Viewer", "", Set.of(Permissions.MEMBERS_VIEW)));
        AuditVerification intact = audit.verify(owner);
        assertThat(intact.intact()).isTrue();
        assertThat(intact.checked()).isEqualTo(actions(owner).size());

        long tampered = audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_ACCEPTED, null, null, null, null),
                null, null, 1).events().getFirst().seq();
        asTableOwner(owner, "UPDATE %s.audit_event SET actor_email = 'someone-else@example.test' WHERE seq = " + tampered);

        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(tampered);
        assertThat(broken.problem().kind()).isIn(Kind.CONTENT_DOES_NOT_MATCH_MAC, Kind.CONTENT_DOES_NOT_MATCH_HASH);
    }

    @Test
    void purgingOldEventsRecordsThePurgeAndKeepsTheChainVerifiable() {
        TenantScope owner = teams.newWorkspace("Petra");
        audit.setRetentionDays(owner, AuditLogService.MIN_RETENTION_DAYS); // the shared clock moves a month (MutableClock)
        teams.join(owner, "Pia", "member");
        int old = actions(owner).size();
        clock.advance(Duration.ofDays(audit.retentionDays(owner) + 1));
        teams.join(owner, "Pam", "member");
        int total = actions(owner).size();

        assertThat(audit.purge(binder.bindSystem(owner.workspaceId()))).isEqualTo(old);

        List<String> kept = actions(owner);
        assertThat(kept).hasSize(total - old + 1).first().isEqualTo(AuditActions.AUDIT_PURGED);
        AuditVerification verification = audit.verify(owner);
        assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
        assertThat(verification.checked()).isEqualTo(kept.size());
        assertThat(audit.purge(binder.bindSystem(owner.workspaceId()))).isZero();
    }

    /**
     * A node whose clock runs 2 hours ahead of the database's purges: an event it finds past the retention is still
     * inside it for the append-only trigger (the database's now()). The purge deletes what the trigger allows and
     * keeps that event. Before, it picked the event, the trigger refused deleting it, and the whole purge rolled back.
     * The node's clock is its own, so the shared clock stays years behind the database for the other tests.
     */
    @Test
    void aPurgeByANodeWhoseClockIsAheadOfTheDatabasesDeletesOnlyWhatTheTriggerAllows() {
        int retention = AuditLogService.MIN_RETENTION_DAYS;
        TenantScope owner = teams.newWorkspace("Sven Skewed");
        audit.setRetentionDays(owner, retention);
        teams.join(owner, "Sia Skewed", "member");
        int old = actions(owner).size();
        MutableClock node = new MutableClock();
        OffsetDateTime database = platform.select(DSL.currentOffsetDateTime()).fetchSingle().value1();
        node.advance(Duration.between(node.instant(), database.toInstant()).minusDays(retention).plusHours(1));
        AuditLog nodeLog = new AuditLog(events, chain, tenantDsl, accounts, context.getBeanProvider(AuditRequestContext.class), node,
                context.getBeanProvider(AuditSubscriber.class), context.getBeanProvider(MeterRegistry.class));
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        // Within the retention for the database by an hour.
        transaction.executeWithoutResult(status -> nodeLog.record(owner, AuditActions.AUDIT_SETTINGS_CHANGED, null,
                Map.of("retentionDays", retention), Map.of("retentionDays", retention)));
        node.advance(Duration.ofDays(retention).plusHours(1)); // now 2 hours ahead of the database
        AuditLogService nodeService = new AuditLogService(events, verifier, checkpoints, auditLog, tenantDsl, binder, access,
                transactionManager, node);

        int deleted = transaction.execute(status -> nodeService.purge(binder.bindSystem(owner.workspaceId())));

        assertThat(deleted).isEqualTo(old);
        assertThat(actions(owner)).containsExactlyInAnyOrder(AuditActions.AUDIT_SETTINGS_CHANGED, AuditActions.AUDIT_PURGED);
        AuditVerification verification = audit.verify(owner);
        assertThat(verification.intact()).as(String.valueOf(verification.problem())).isTrue();
    }

    /** The actor filter's list of actors keeps no one whose events the purge removed: no address outlives them. */
    @Test
    void aPurgeForgetsTheActorsOfTheEventsItRemoved() {
        TenantScope owner = teams.newWorkspace("Quentin Gone");
        audit.setRetentionDays(owner, AuditLogService.MIN_RETENTION_DAYS); // the shared clock moves a month (MutableClock)
        teams.join(owner, "Quilla Gone", "member");
        clock.advance(Duration.ofDays(audit.retentionDays(owner) + 1));
        teams.join(owner, "Quade Kept", "member");
        assertThat(actorKeys(owner)).anyMatch(key -> key.contains("quilla"));

        audit.purge(binder.bindSystem(owner.workspaceId()));

        // The Owner invited Quade after the cut-off, so the Owner's events, and the Owner, stay listed.
        assertThat(actorKeys(owner)).anyMatch(key -> key.contains("quade kept")).anyMatch(key -> key.contains("quentin gone"))
                .noneMatch(key -> key.contains("quilla"));
        assertThat(audit.page(owner, new AuditFilter("quade", null, null, null, null, null), null, null, 50).events()).isNotEmpty();
    }

    private List<String> actorKeys(TenantScope scope) {
        return tenantDsl.of(scope).select(AUDIT_ACTOR.ACTOR_KEY).from(AUDIT_ACTOR).fetch(AUDIT_ACTOR.ACTOR_KEY);
    }

    @Test
    void theCsvExportNeutralisesSpreadsheetFormulasAndJsonLinesHasOneEventPerLine() throws Exception {
        TenantScope owner = teams.newWorkspace("Felix");
        // Role names cannot hold links or '@' (they would be links in e-mails), so the formulas here do without.
        roles.create(owner, new RoleDraft("=HYPERLINK(\"evil\")", "", Set.of()));
        roles.create(owner, new RoleDraft("+SUM(1+1)", "-2+3", Set.of()));

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        audit.export(owner, new AuditFilter(null, "role.", null, null, null, null), AuditExportFormat.CSV, csv);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.toString(StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).extracting(r -> r.get("target_label"))
                .containsExactly("'+SUM(1+1)", "'=HYPERLINK(\"evil\")");
        assertThat(rows).extracting(r -> r.get("action")).containsOnly(AuditActions.ROLE_CREATED);

        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        audit.export(owner, AuditFilter.NONE, AuditExportFormat.JSON_LINES, jsonl);
        List<String> lines = jsonl.toString(StandardCharsets.UTF_8).lines().toList();
        // The export's own event is recorded first, so it is part of what it exports.
        assertThat(lines).hasSize(actions(owner).size()).first().asString().contains("\"action\":\"audit.exported\"");
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(lines.get(2)).contains("\"after\":{\"description\":\"-2+3\"");
    }

    @Test
    void filtersTypedWithInvisibleCharactersMatchAsIfTheyWereNotThereAndTheExportRecordsThemSo() {
        TenantScope owner = teams.newWorkspace("Nula");
        roles.create(owner, new RoleDraft("Auditors", "", Set.of()));
        AuditFilter typed = new AuditFilter("nu\0la", "role.\0", "Audi\0tors", null, null, "audi\0tors");

        assertThat(audit.page(owner, typed, null, null, 10).events()).extracting(AuditEvent::action)
                .containsExactly(AuditActions.ROLE_CREATED);
        ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
        audit.export(owner, typed, AuditExportFormat.JSON_LINES, jsonl);
        assertThat(jsonl.toString(StandardCharsets.UTF_8).lines()).hasSize(1).first().asString()
                .contains("\"action\":\"role.created\"");
        assertThat(audit.page(owner, new AuditFilter(null, AuditActions.AUDIT_EXPORTED, null, null, null, null), null, null, 10)
                .events()).singleElement().extracting(AuditEvent::after).asString().contains("\"text\": \"auditors\"");
    }

    @Test
    void keysetPagesWalkTheWholeLogWithoutGapsOrRepeats() {
        TenantScope owner = teams.newWorkspace("Kai");
        for (int i = 0; i < 7; i++) {
            roles.create(owner, new RoleDraft("Role " + i, "", Set.of()));
        }
        AuditPage first = audit.page(owner, AuditFilter.NONE, null, null, 3);
        AuditPage second = audit.page(owner, AuditFilter.NONE, first.oldestSeq(), null, 3);
        AuditPage third = audit.page(owner, AuditFilter.NONE, second.oldestSeq(), null, 3);

        assertThat(first.hasOlder()).isTrue();
        assertThat(first.hasNewer()).isFalse();
        assertThat(third.hasOlder()).isFalse();
        assertThat(List.of(first, second, third)).flatExtracting(AuditPage::events).extracting(AuditEvent::seq)
                .containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(audit.page(owner, AuditFilter.NONE, null, third.newestSeq(), 3).events())
                .extracting(AuditEvent::seq).containsExactly(5L, 4L, 3L);
    }

    @Test
    void signInsAndSignOutsAreRecordedInEveryWorkspaceOfTheAccount() {
        TenantScope owner = teams.newWorkspace("Sina");
        TenantScope other = teams.newWorkspace("Otto");
        TenantScope sinaInOther = teams.join(other, "Sina Two", "member");

        sessions.signedIn(sinaInOther.accountId());
        sessions.signedOut(sinaInOther.accountId());

        assertThat(actions(other)).startsWith(AuditActions.ACCOUNT_SIGNED_OUT, AuditActions.ACCOUNT_SIGNED_IN);
        assertThat(actions(owner)).doesNotContain(AuditActions.ACCOUNT_SIGNED_IN);
        assertThat(audit.verify(other).intact()).isTrue();
    }

    @Test
    void theAuditLogIsGovernedByPermissions() {
        TenantScope owner = teams.newWorkspace("Gwen");
        TenantScope member = teams.join(owner, "Mel", "member");
        TenantScope admin = teams.join(owner, "Abe", "admin");

        assertThatThrownBy(() -> audit.page(member, AuditFilter.NONE, null, null, 10)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> audit.export(member, AuditFilter.NONE, AuditExportFormat.CSV, new ByteArrayOutputStream()))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(audit.page(admin, AuditFilter.NONE, null, null, 10).events()).isNotEmpty();
        assertThatThrownBy(() -> audit.setRetentionDays(admin, 90)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> audit.setRetentionDays(owner, 29)).isInstanceOf(AuditException.class);
        audit.setRetentionDays(owner, 90);
        assertThat(audit.retentionDays(owner)).isEqualTo(90);
        assertThat(actions(owner).getFirst()).isEqualTo(AuditActions.AUDIT_SETTINGS_CHANGED);
    }

    /** The actions a change recorded, oldest first. */
    private List<String> newEventsOf(TenantScope scope, Runnable change) {
        long last = audit.page(scope, AuditFilter.NONE, null, null, 1).events().getFirst().seq();
        change.run();
        return audit.page(scope, AuditFilter.NONE, null, last, 200).events().reversed().stream().map(AuditEvent::action).toList();
    }

    /** Newest first. */
    private List<String> actions(TenantScope scope) {
        return audit.page(scope, AuditFilter.NONE, null, null, 200).events().stream().map(AuditEvent::action).toList();
    }

    private static String schemaOf(TenantScope scope) {
        return TenantProvisioner.schemaNameFor(scope.workspaceId());
    }

    /** What someone with the table owner's rights could do: switch the guard off, change rows, switch it on. */
    private void asTableOwner(TenantScope scope, String statement) {
        String schema = schemaOf(scope);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            platform.execute("ALTER TABLE " + schema + ".audit_event DISABLE TRIGGER audit_event_no_update");
            platform.execute(statement.formatted(schema));
            platform.execute("ALTER TABLE " + schema + ".audit_event ENABLE TRIGGER audit_event_no_update");
        });
    }
}
