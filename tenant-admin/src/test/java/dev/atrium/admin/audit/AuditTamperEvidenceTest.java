package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_HEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.PredefinedMacParameters;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditVerification.Kind;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.KeyRotation;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.db.jooq.tenant.tables.records.AuditEventRecord;

/**
 * Tamper evidence against someone holding the database's credentials (the table owner: triggers off, rows rewritten,
 * every link recomputed, the head moved) but not the keys kept outside it, nor the checkpoint files.
 */
@SpringBootTest
class AuditTamperEvidenceTest {

    @Autowired AuditLogService audit;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired AuditBoundaries boundaries;
    @Autowired KeyRotation rotation;
    @Autowired Keyring keyring;
    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;
    @Autowired DSLContext platform;
    @Autowired PlatformTransactionManager transactionManager;

    /** A new link for an event after the given previous one, with the key id (null: none) and format to record. */
    record Forged(byte[] link, Integer keyId, short format) {

        static Forged mac(Mac key, short format, byte[] previous, AuditEvent event) {
            try {
                byte[] mac = key.computeMac(format == AuditHashing.COLUMNS ? AuditHashing.columnsInput(previous, AuditHashing.columnsOf(event))
                        : AuditHashing.linkInput(previous, event));
                return new Forged(mac, AuditChain.keyIdOf(mac), format);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the attacker can compute without the key: the old, plain SHA-256 links (over the canonical JSON). */
    static final BiFunction<byte[], AuditEvent, Forged> PLAIN_SHA256 = (previous, event) ->
            new Forged(AuditHashing.legacyHash(previous, event), null, AuditHashing.CANONICAL_JSON);

    @Test
    void eventsRewrittenAndRelinkedWithPlainHashesAreNamedAtTheFirstAlteredEvent() {
        TenantScope owner = workspaceWithEvents("Tamsin");
        assertThat(audit.verify(owner).published()).isNotNull();
        long altered = seqOf(owner, AuditActions.INVITATION_ACCEPTED);

        // Rewrite one event, recompute every later link as plain SHA-256, and pass them all off as pre-upgrade events.
        rewriteFrom(owner, altered, PLAIN_SHA256, t -> t.update(AUDIT_HEAD).set(AUDIT_HEAD.LEGACY_UNTIL_SEQ, AUDIT_HEAD.LAST_SEQ).execute());

        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(altered);
        assertThat(broken.problem().kind()).isEqualTo(Kind.PLAIN_HASH_AFTER_BOUNDARY);
        assertThat(broken.published()).as("a broken chain is never checkpointed").isNull();
    }

    @Test
    void beforeTheFirstCheckpointAPlainHashBoundaryRaisedInTheDatabaseIsRefusedAlsoAfterARestart() {
        TenantScope owner = workspaceWithEvents("Boris");
        long altered = seqOf(owner, AuditActions.INVITATION_ACCEPTED);
        long last = tenantDsl.of(owner).select(AUDIT_HEAD.LAST_SEQ).from(AUDIT_HEAD).fetchSingle().value1();

        // No checkpoint pins the boundary yet: the attacker relinks with plain hashes and raises it to cover them.
        rewriteFrom(owner, altered, PLAIN_SHA256, t -> t.update(AUDIT_HEAD).set(AUDIT_HEAD.LEGACY_UNTIL_SEQ, AUDIT_HEAD.LAST_SEQ).execute());

        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.comparedWith()).isNull();
        assertThat(broken.brokenAtSeq()).isEqualTo(last);
        assertThat(broken.problem().kind()).isEqualTo(Kind.PLAIN_HASH_BOUNDARY_NOT_AUTHENTICATED);
        assertThat(broken.published()).as("a broken chain is never checkpointed").isNull();

        // A restart signs no boundary the database alone raised.
        boundaries.signUnsignedAtStartUp();
        assertThat(audit.verify(owner).problem().kind()).isEqualTo(Kind.PLAIN_HASH_BOUNDARY_NOT_AUTHENTICATED);
    }

    @Test
    void linksForgedWithAnotherKeyAreNamedAtTheFirstAlteredEvent() throws GeneralSecurityException {
        TenantScope owner = workspaceWithEvents("Forge");
        Mac attackersKey = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG)
                .getPrimitive(RegistryConfiguration.get(), Mac.class);
        long altered = seqOf(owner, AuditActions.ROLE_CREATED);

        rewriteFrom(owner, altered, (previous, event) -> Forged.mac(attackersKey, AuditHashing.COLUMNS, previous, event), t -> { });

        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(altered);
        assertThat(broken.problem().kind()).isEqualTo(Kind.CONTENT_DOES_NOT_MATCH_MAC);
    }

    @Test
    void windingTheHeadBackIsDetectedThroughTheLastSignedCheckpoint() {
        TenantScope owner = workspaceWithEvents("Wendell");
        AuditCheckpoint checkpoint = audit.verify(owner).published();
        long keep = checkpoint.seq() - 2;

        // Delete the newest events and move the head back to the last one kept: the chain itself is consistent.
        asTableOwner(owner, t -> {
            t.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.gt(keep)).execute();
            t.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_SEQ, keep)
                    .set(AUDIT_HEAD.LAST_HASH, t.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(keep))).execute();
        });
        AuditVerification wound = audit.verify(owner);
        assertThat(wound.intact()).isFalse();
        assertThat(wound.brokenAtSeq()).isEqualTo(checkpoint.seq());
        assertThat(wound.problem().kind()).isEqualTo(Kind.WOUND_BACK);

        // Later events reuse the sequence numbers, but not the checkpoint's link.
        roles.create(owner, new RoleDraft("Refill 1", "", Set.of()));
        roles.create(owner, new RoleDraft("Refill 2", "", Set.of()));
        roles.create(owner, new RoleDraft("Refill 3", "", Set.of()));
        AuditVerification refilled = audit.verify(owner);
        assertThat(refilled.intact()).isFalse();
        assertThat(refilled.brokenAtSeq()).isEqualTo(checkpoint.seq());
        assertThat(refilled.problem().kind()).isEqualTo(Kind.NOT_THE_CHECKPOINTS_EVENT);
    }

    @Test
    void eventsDeletedFromTheStartAndPassedOffAsPurgedAreDetected() {
        TenantScope owner = workspaceWithEvents("Purdy");
        asTableOwner(owner, t -> {
            byte[] third = t.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(3L)).fetchSingle().value1();
            t.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.le(3L)).execute();
            t.update(AUDIT_HEAD).set(AUDIT_HEAD.ANCHOR_SEQ, 4L).set(AUDIT_HEAD.ANCHOR_PREV_HASH, third).execute();
        });

        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(4L);
        assertThat(broken.problem().kind()).isEqualTo(Kind.START_WITHOUT_PURGE);
    }

    @Test
    void afterRotatingTheChainKeyMidChainNewEventsCarryTheNewKeyIdAndTheWholeChainVerifies() {
        TenantScope owner = workspaceWithEvents("Rota");
        int oldKey = keyring.primaryKeyId(KeyPurpose.AUDIT_CHAIN);
        AuditCheckpoint before = audit.verify(owner).published();

        int newKey = rotation.rotate("audit-chain").get("audit-chain");
        roles.create(owner, new RoleDraft("After rotation", "", Set.of()));

        assertThat(newKey).isNotEqualTo(oldKey).isEqualTo(keyring.primaryKeyId(KeyPurpose.AUDIT_CHAIN));
        List<Integer> keyIds = tenantDsl.of(owner).select(AUDIT_EVENT.KEY_ID).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQ)
                .fetch(AUDIT_EVENT.KEY_ID);
        assertThat(keyIds.getLast()).isEqualTo(newKey);
        assertThat(keyIds.subList(0, (int) before.seq())).containsOnly(before.keyId());
        AuditVerification verified = audit.verify(owner);
        assertThat(verified.intact()).as(String.valueOf(verified.problem())).isTrue();
        assertThat(verified.comparedWith().seq()).isEqualTo(before.seq());
        assertThat(verified.published().keyId()).isEqualTo(newKey);
    }

    @Test
    void onlyTheNamedKeysetsAreRotatedFromTheCommandLineAndAnUnknownNameRotatesNothing() {
        int chainKey = keyring.primaryKeyId(KeyPurpose.AUDIT_CHAIN);

        assertThatThrownBy(() -> rotation.rotate("audit-chain, secrets")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown keyset 'secrets'");
        assertThat(keyring.primaryKeyId(KeyPurpose.AUDIT_CHAIN)).isEqualTo(chainKey);

        int checkpointKey = keyring.primaryKeyId(KeyPurpose.AUDIT_CHECKPOINT);
        TenantScope owner = workspaceWithEvents("Sigrid");
        AuditCheckpoint signedWithOldKey = audit.verify(owner).published();
        assertThat(rotation.rotate("audit-checkpoint")).containsOnlyKeys("audit-checkpoint");
        assertThat(keyring.primaryKeyId(KeyPurpose.AUDIT_CHECKPOINT)).isNotEqualTo(checkpointKey);
        assertThat(audit.verify(owner).comparedWith().seq()).as("a checkpoint signed before the rotation still verifies")
                .isEqualTo(signedWithOldKey.seq());
    }

    @Test
    void eventsFromBeforeTheUpgradeVerifyAsPlainHashesOnlyUpToTheBoundaryTheFirstCheckpointSigned() throws Exception {
        TenantScope owner = workspaceWithEvents("Legacy");
        // What an upgraded database looks like: every event a plain SHA-256 link, the boundary at the head (008).
        rewriteFrom(owner, 1, PLAIN_SHA256, t -> t.update(AUDIT_HEAD).set(AUDIT_HEAD.LEGACY_UNTIL_SEQ, AUDIT_HEAD.LAST_SEQ).execute());
        long boundary = tenantDsl.of(owner).select(AUDIT_HEAD.LAST_SEQ).from(AUDIT_HEAD).fetchSingle().value1();

        // The first start-up after boundaries were authenticated (031) signs the one the upgrade left; a MAC made
        // before the chain key's rotation still verifies, and the first checkpoint signs that boundary.
        Files.delete(checkpoints.boundariesSignedMarker());
        boundaries.signUnsignedAtStartUp();
        rotation.rotate("audit-chain");
        AuditVerification first = audit.verify(owner);
        assertThat(first.intact()).as(String.valueOf(first.problem())).isTrue();
        assertThat(first.comparedWith()).isNull();
        roles.create(owner, new RoleDraft("After upgrade", "", Set.of()));
        AuditVerification verified = audit.verify(owner);
        assertThat(verified.intact()).as(String.valueOf(verified.problem())).isTrue();
        assertThat(verified.comparedWith().legacyUntilSeq()).isEqualTo(boundary);
        assertThat(verified.comparedWith().keyId()).as("the upgrade's head carried a plain hash").isNull();

        // A plain-hash event after the boundary is tampering, even when the database's boundary is moved to cover it.
        long afterUpgrade = seqOf(owner, AuditActions.ROLE_CREATED);
        rewriteFrom(owner, afterUpgrade, PLAIN_SHA256, t -> t.update(AUDIT_HEAD).set(AUDIT_HEAD.LEGACY_UNTIL_SEQ, AUDIT_HEAD.LAST_SEQ).execute());
        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(afterUpgrade);
        assertThat(broken.problem().kind()).isEqualTo(Kind.PLAIN_HASH_AFTER_BOUNDARY);
    }

    @Test
    void anAlteredCheckpointIsReportedAndALineCutShortByACrashIsIgnoredAndCutOffByTheNextOne() throws Exception {
        TenantScope owner = workspaceWithEvents("Cato");
        AuditCheckpoint published = audit.verify(owner).published();
        Path file = checkpoints.fileOf(owner.workspaceId());
        assertThat(Files.readAllLines(file)).hasSize(1);

        Files.writeString(file, "{\"workspaceId\":\"" + owner.workspaceId(), StandardOpenOption.APPEND);
        assertThat(audit.verify(owner).comparedWith().seq()).isEqualTo(published.seq());
        roles.create(owner, new RoleDraft("After the crash", "", Set.of()));
        AuditCheckpoint next = audit.verify(owner).published();
        assertThat(next.seq()).isGreaterThan(published.seq());
        AuditVerification afterwards = audit.verify(owner);
        assertThat(afterwards.intact()).as("%s", afterwards.problem()).isTrue();
        assertThat(afterwards.comparedWith().seq()).isEqualTo(next.seq());
        assertThat(Files.readAllLines(file)).hasSize(2);

        String line = Files.readAllLines(file).getLast();
        Files.writeString(file, line.replace("\"seq\":" + next.seq(), "\"seq\":" + (next.seq() - 1)) + "\n");
        AuditVerification altered = audit.verify(owner);
        assertThat(altered.intact()).isFalse();
        assertThat(altered.problem().kind()).isEqualTo(Kind.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void eventsLinkedOverCanonicalJsonStillVerifyAndAChangedFormatOrValueIsNamedAtItsEvent() {
        TenantScope owner = workspaceWithEvents("Format");
        // What a database from before format 2 holds: every link the chain key's MAC over the canonical JSON.
        Mac chainKey = keyring.mac(KeyPurpose.AUDIT_CHAIN);
        rewriteFrom(owner, 1, (previous, event) -> Forged.mac(chainKey, AuditHashing.CANONICAL_JSON, previous, event), t -> { });
        roles.create(owner, new RoleDraft("Format two", "", Set.of(Permissions.MEMBERS_VIEW)));
        long formatTwo = seqOf(owner, AuditActions.ROLE_CREATED);
        assertThat(tenantDsl.of(owner).select(AUDIT_EVENT.LINK_FORMAT).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQ).fetch(AUDIT_EVENT.LINK_FORMAT))
                .as("events linked before keep format 1; the new one has format 2").endsWith((short) 1, (short) 2)
                .containsOnly((short) 1, (short) 2);
        AuditVerification mixed = audit.verify(owner);
        assertThat(mixed.intact()).as("%s", mixed.problem()).isTrue();

        long oldEvent = seqOf(owner, AuditActions.INVITATION_ACCEPTED);
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.LINK_FORMAT, AuditHashing.COLUMNS).where(AUDIT_EVENT.SEQ.eq(oldEvent)).execute());
        AuditVerification reformatted = audit.verify(owner);
        assertThat(reformatted.brokenAtSeq()).isEqualTo(oldEvent);
        assertThat(reformatted.problem().kind()).isEqualTo(Kind.CONTENT_DOES_NOT_MATCH_MAC);
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.LINK_FORMAT, AuditHashing.CANONICAL_JSON).where(AUDIT_EVENT.SEQ.eq(oldEvent)).execute());
        assertThat(audit.verify(owner).intact()).isTrue();

        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.AFTER_VALUE, JSONB.jsonb("{\"permissions\": [\"roles.manage\"]}"))
                .where(AUDIT_EVENT.SEQ.eq(formatTwo)).execute());
        AuditVerification altered = audit.verify(owner);
        assertThat(altered.brokenAtSeq()).isEqualTo(formatTwo);
        assertThat(altered.problem().kind()).isEqualTo(Kind.CONTENT_DOES_NOT_MATCH_MAC);
    }

    private TenantScope workspaceWithEvents(String ownerName) {
        TenantScope owner = teams.newWorkspace(ownerName);
        teams.join(owner, ownerName + " Two", "member");
        roles.create(owner, new RoleDraft("Viewer", "", Set.of(Permissions.MEMBERS_VIEW)));
        return owner;
    }

    private long seqOf(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 1).events().getFirst().seq();
    }

    /**
     * Changes the actor of event {@code fromSeq}, relinks it and every later event with {@code relink}, moves the head
     * to the new end and applies {@code more}: everything the table owner can do.
     */
    @Test
    void anActorKindChangedAfterwardsIsDetectedAndEventsWithoutAKindVerifyAsBefore() {
        TenantScope owner = teams.newWorkspace("Kind");
        teams.join(owner, "Kindred", "member");
        long last = tenantDsl.of(owner).select(AUDIT_HEAD.LAST_SEQ).from(AUDIT_HEAD).fetchSingle().value1();

        // Events recorded before kinds were stored have none (and links over the canonical JSON): they verify as they
        // always did.
        Mac chainKey = keyring.mac(KeyPurpose.AUDIT_CHAIN);
        rewriteFrom(owner, 1, (previous, event) -> Forged.mac(chainKey, AuditHashing.CANONICAL_JSON, previous, event), t -> { });
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).setNull(AUDIT_EVENT.ACTOR_KIND).execute());
        assertThat(audit.verify(owner).intact()).isTrue();

        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR_KIND, "system").where(AUDIT_EVENT.SEQ.eq(last)).execute());
        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(last);
    }

    private void rewriteFrom(TenantScope scope, long fromSeq, BiFunction<byte[], AuditEvent, Forged> relink, Consumer<DSLContext> more) {
        asTableOwner(scope, t -> {
            t.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR_EMAIL, "someone-else@example.test").where(AUDIT_EVENT.SEQ.eq(fromSeq)).execute();
            byte[] previous = t.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.lt(fromSeq))
                    .orderBy(AUDIT_EVENT.SEQ.desc()).limit(1).fetchOptional(AUDIT_EVENT.HASH).orElse(null);
            for (AuditEventRecord row : t.selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.ge(fromSeq)).orderBy(AUDIT_EVENT.SEQ).fetch()) {
                Forged forged = relink.apply(previous, AuditRepository.toEvent(row));
                t.update(AUDIT_EVENT).set(AUDIT_EVENT.PREV_HASH, previous).set(AUDIT_EVENT.HASH, forged.link())
                        .set(AUDIT_EVENT.KEY_ID, forged.keyId()).set(AUDIT_EVENT.LINK_FORMAT, forged.format()).where(AUDIT_EVENT.SEQ.eq(row.getSeq())).execute();
                previous = forged.link();
            }
            t.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_HASH, previous).execute();
            more.accept(t);
        });
    }

    /** The append-only triggers switched off for the work, as the table owner can. */
    private void asTableOwner(TenantScope scope, Consumer<DSLContext> work) {
        String table = TenantProvisioner.schemaNameFor(scope.workspaceId()) + ".audit_event";
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            platform.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            work.accept(tenantDsl.of(scope));
            platform.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
        });
    }
}
