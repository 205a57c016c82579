package dev.atrium.admin.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * Deleting a workspace: Owner only, confirmed by its name, exported first; unavailable at once; restorable within the
 * grace period; dropped after it by the cluster-wide job; the platform keeps a record with the audit chain's head.
 */
@SpringBootTest
class WorkspaceDeletionTest {

    private static final int RACES = 10;

    @Autowired WorkspaceDeletionService deletions;
    @Autowired WorkspaceService workspaces;
    @Autowired InvitationService invitations;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;
    @Autowired ClusterJobs jobs;
    @Autowired DSLContext platform;

    @Test
    void onlyAnOwnerMayDelete() {
        TenantScope owner = teams.newWorkspace("Del Owner");
        TenantScope admin = teams.join(owner, "Del Admin", "admin");

        assertThatThrownBy(() -> deletions.delete(admin, owner.workspaceName())).isInstanceOf(AtriumRefusal.class);
        assertThat(binder.bind(owner.accountId(), owner.slug())).isNotNull();
    }

    @Test
    void theTypedNameMustBeTheWorkspacesName() {
        TenantScope owner = teams.newWorkspace("Del Name");

        assertThatThrownBy(() -> deletions.delete(owner, "something else"))
                .isInstanceOfSatisfying(WorkspaceDeletionException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkspaceDeletionException.NAME_MISMATCH));
        assertThat(binder.bind(owner.accountId(), owner.slug())).isNotNull();
    }

    @Test
    void theExportIsOneZipOfMembersRolesInvitationsAndTheAuditLogAsJsonLines() throws IOException {
        TenantScope owner = teams.newWorkspace("Del Export");
        TenantScope member = teams.join(owner, "Del Exported", "member");
        invitations.invite(owner, "pending-export@example.test", teams.roleId(owner, "guest"), Locale.ENGLISH);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();

        deletions.export(owner, zip);

        Map<String, String> entries = unzip(zip.toByteArray());
        assertThat(entries).containsOnlyKeys("members.jsonl", "roles.jsonl", "invitations.jsonl", "audit-log.jsonl");
        assertThat(entries.get("members.jsonl").lines()).hasSize(2).anySatisfy(line -> assertThat(line)
                .contains("\"account_id\":\"" + member.accountId() + "\"").contains("\"role_key\":\"member\""));
        assertThat(entries.get("roles.jsonl").lines()).anySatisfy(line -> assertThat(line).contains("\"key\":\"owner\"")
                .contains("workspace.delete"));
        assertThat(entries.get("invitations.jsonl").lines()).anySatisfy(line -> assertThat(line)
                .contains("pending-export@example.test").contains("\"status\":\"pending\""));
        assertThat(entries.get("audit-log.jsonl")).contains(AuditActions.WORKSPACE_CREATED).contains(AuditActions.WORKSPACE_EXPORTED);
        assertThatThrownBy(() -> deletions.export(member, new ByteArrayOutputStream())).isInstanceOf(AtriumRefusal.class);
    }

    @Test
    void aDeletedWorkspaceIsUnavailableAtOnceAndItsOwnerCanRestoreItWithinTheGracePeriod() {
        TenantScope owner = teams.newWorkspace("Del Restore");
        TenantScope member = teams.join(owner, "Del Member", "member");

        deletions.delete(owner, owner.workspaceName());

        assertThatThrownBy(() -> binder.bind(owner.accountId(), owner.slug())).isInstanceOf(TenantNotFoundException.class);
        assertThatThrownBy(() -> binder.bind(member.accountId(), owner.slug())).isInstanceOf(TenantNotFoundException.class);
        assertThatThrownBy(() -> binder.bindSystem(owner.workspaceId())).isInstanceOf(TenantNotFoundException.class);
        assertThat(workspaces.workspacesOf(member.accountId())).noneMatch(w -> w.id().equals(owner.workspaceId()));
        assertThat(binder.systemScopes()).noneMatch(s -> s.workspaceId().equals(owner.workspaceId()));
        assertThat(deletions.restorableBy(owner.accountId())).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(owner.workspaceId()));
        assertThat(deletions.restorableBy(member.accountId())).as("only Owners see it to restore").isEmpty();
        assertThatThrownBy(() -> deletions.restore(member.accountId(), owner.workspaceId())).isInstanceOf(AtriumRefusal.class);

        clock.advance(deletions.grace().minusHours(1));
        deletions.restore(owner.accountId(), owner.workspaceId());

        TenantScope back = binder.bind(owner.accountId(), owner.slug());
        assertThat(audit.page(back, new AuditFilter(null, "workspace.", null, null, null, null), null, null, 10).events())
                .extracting(e -> e.action()).contains(AuditActions.WORKSPACE_DELETED, AuditActions.WORKSPACE_RESTORED);
        assertThat(deletions.records(owner.workspaceId())).singleElement()
                .satisfies(r -> assertThat(r.restoredAt()).isNotNull());
    }

    @Test
    void afterTheGracePeriodThePurgeJobDropsTheSchemaAndThePlatformKeepsTheDeletionRecord() {
        TenantScope owner = teams.newWorkspace("Del Purge");
        String schema = schemaOf(owner);
        deletions.delete(owner, owner.workspaceName());

        jobs.runNow(WorkspaceDeletionService.JOB);
        assertThat(schemaExists(schema)).as("still within the grace period").isTrue();
        clock.advance(deletions.grace().plusMinutes(1));
        assertThatThrownBy(() -> deletions.restore(owner.accountId(), owner.workspaceId()))
                .isInstanceOfSatisfying(WorkspaceDeletionException.class,
                        e -> assertThat(e.code()).isEqualTo(WorkspaceDeletionException.GRACE_OVER));
        jobs.runNow(WorkspaceDeletionService.JOB);

        assertThat(schemaExists(schema)).isFalse();
        assertThat(deletions.restorableBy(owner.accountId())).isEmpty();
        assertThatThrownBy(() -> deletions.restore(owner.accountId(), owner.workspaceId())).isInstanceOf(TenantNotFoundException.class);
        assertThat(deletions.records(owner.workspaceId())).singleElement().satisfies(r -> {
            assertThat(r.deletedBy()).isEqualTo(owner.accountId());
            assertThat(r.purgedAt()).isNotNull();
            assertThat(r.auditHeadHash()).matches("[0-9a-f]{64,}");
        });
    }

    /**
     * Two deletes, then two restores, each pair at once: one succeeds, the other is refused, and there is one
     * deletion record per deletion. Measured before the row lock and conditional updates: not run (written with them).
     */
    @Test
    void racingDeletesAndRestoresEndInOneOutcome() {
        TenantScope owner = teams.newWorkspace("Del Race");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            List<Throwable> deletes = Races.run(() -> deletions.delete(owner, owner.workspaceName()),
                    () -> deletions.delete(owner, owner.workspaceName()));
            List<Throwable> restores = Races.run(() -> deletions.restore(owner.accountId(), owner.workspaceId()),
                    () -> deletions.restore(owner.accountId(), owner.workspaceId()));
            if (deletes.stream().filter(Objects::isNull).count() != 1 || restores.stream().filter(Objects::isNull).count() != 1) {
                violations++;
            }
            assertThat(deletes).filteredOn(Objects::nonNull).allMatch(t -> t instanceof WorkspaceDeletionException);
            assertThat(restores).filteredOn(Objects::nonNull).allMatch(t -> t instanceof WorkspaceDeletionException);
        }
        assertThat(deletions.records(owner.workspaceId())).hasSize(RACES).allMatch(r -> r.restoredAt() != null);
        assertThat(violations).as(Races.rate("a workspace is deleted and restored once per attempt pair", violations, RACES)).isZero();
    }

    private String schemaOf(TenantScope scope) {
        return platform.fetchSingle("select schema_name from platform.workspace where id = ?", scope.workspaceId()).get(0, String.class);
    }

    private boolean schemaExists(String schema) {
        return platform.fetchExists(platform.selectOne().from("information_schema.schemata").where("schema_name = ?", schema));
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
