package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.NullInputStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;

/** Bulk invite from CSV: reading the file, each row's verdict, nothing before the confirmation, then the outbox. */
@SpringBootTest
class BulkInvitationServiceTest {

    private static final int RACE_ROUNDS = 15;

    @Autowired BulkInvitationService bulk;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired AccountService accountService;
    @Autowired TestMailbox mailbox;
    @Autowired IncompleteEventPublications publications;
    @Autowired @Qualifier(InvitationMailOutbox.EXECUTOR) ThreadPoolTaskExecutor mailExecutor;
    @Autowired DSLContext platform;

    @AfterEach
    void appBack() {
        MailExecutorStops.restart(mailExecutor);
    }

    @Test
    void aFileWithAByteOrderMarkAHeaderQuotedCellsAndEmptyLinesIsReadRowByRow() throws IOException {
        TenantScope owner = teams.newWorkspace("Bea");
        roles.create(owner, new RoleDraft("Support, level 2", "", Set.of(Permissions.MEMBERS_VIEW)));
        String ann = unique("ann");
        String bob = unique("bob");
        String cy = unique("cy");
        String file = "\uFEFFEmail,ROLE\r\n\r\n" + ann + ",member\r\n\"" + bob + "\",\"Support, level 2\"\r\n,\r\n  " + cy + " , Admin ";

        List<BulkRow> rows = bulk.preview(owner, bytes(file));

        assertThat(rows).extracting(BulkRow::line, BulkRow::email, BulkRow::roleName, BulkRow::verdict).containsExactly(
                tuple(3L, ann, "member", BulkVerdict.WILL_INVITE),
                tuple(4L, bob, "Support, level 2", BulkVerdict.WILL_INVITE),
                tuple(6L, cy, "Admin", BulkVerdict.WILL_INVITE));
    }

    @Test
    void withoutAHeaderTheFirstLineIsARow() throws IOException {
        TenantScope owner = teams.newWorkspace("Ben");
        String ann = unique("ann");

        List<BulkRow> rows = bulk.preview(owner, bytes(ann + ",Member\n" + unique("bo") + ",member\n"));

        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().email()).isEqualTo(ann);
        assertThat(rows.getFirst().line()).isEqualTo(1);
    }

    @Test
    void moreThanAThousandRowsAreRefusedWholeAndAThousandAreNot() throws IOException {
        TenantScope owner = teams.newWorkspace("Bo");
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "p" + i + "@example.test,member").collect(Collectors.joining("\n"));

        assertThat(bulk.preview(owner, bytes("email,role\n" + thousand))).hasSize(1000);
        assertThatThrownBy(() -> bulk.preview(owner, bytes(thousand + "\none-more@example.test,member")))
                .satisfies(Refusals.reason("bulk.too-many-rows", 1000));
        assertThatThrownBy(() -> bulk.preview(owner, bytes("\n\nemail,role\n"))).satisfies(Refusals.code("bulk.empty"));
        assertThatThrownBy(() -> bulk.preview(owner, new ByteArrayInputStream(new byte[] { (byte) 0xC3, 0x28 }))).satisfies(Refusals.code("bulk.not-utf8"));
        assertThatThrownBy(() -> bulk.preview(owner, bytes("\"open@example.test,member\n"))).satisfies(Refusals.code("bulk.unreadable"));
    }

    @Test
    void aFileWithControlCharactersIsUnreadableAndLongCellsAreCutBeforeAnythingIsStored() throws Exception {
        TenantScope owner = teams.newWorkspace("Brid");
        String ann = unique("ann");

        for (String control : List.of("\u0000", "\u0001", "\u001B", "\u001F")) {
            assertThatThrownBy(() -> bulk.preview(owner, bytes(ann + ",mem" + control + "ber\n"))).as(control)
                    .satisfies(Refusals.code("bulk.unreadable"));
        }
        // A UTF-16 file without a byte order mark decodes as UTF-8 with a NUL after every ASCII character.
        assertThatThrownBy(() -> bulk.preview(owner, new ByteArrayInputStream((ann + ",member\n").getBytes(StandardCharsets.UTF_16LE))))
                .satisfies(Refusals.code("bulk.unreadable"));
        assertThat(bulk.latest(owner)).isEmpty();

        String longAddress = "a".repeat(5000) + "@example.test";
        List<BulkRow> preview = bulk.preview(owner, bytes(ann + ",\tmember\t\r\n" + longAddress + ",member\n" + unique("bo") + ","
                + "r".repeat(5000) + "\n"));
        assertThat(preview).extracting(BulkRow::verdict)
                .containsExactly(BulkVerdict.WILL_INVITE, BulkVerdict.INVALID_ADDRESS, BulkVerdict.UNKNOWN_ROLE);
        assertThat(preview.get(1).email()).hasSizeLessThan(300).startsWith("aaaa").endsWith("…");
        assertThat(preview.get(2).roleName()).hasSizeLessThan(300).endsWith("…");

        List<BulkRow> result = bulk.invite(owner, preview, Locale.ENGLISH, done -> { }).get(60, TimeUnit.SECONDS);
        assertThat(result).extracting(BulkRow::verdict)
                .containsExactly(BulkVerdict.INVITED, BulkVerdict.INVALID_ADDRESS, BulkVerdict.UNKNOWN_ROLE);
        mailbox.awaitOneTo(ann);
    }

    @Test
    void aFileOverTheLimitIsRefusedAfterOneByteMoreThanTheLimitIsReadAndAFileOfExactlyTheLimitIsPreviewed() throws IOException {
        TenantScope owner = teams.newWorkspace("Bree");
        // An upload sent past the browser's size check, far bigger than the file limit.
        NullInputStream oversized = new NullInputStream(64L * 1024 * 1024);

        assertThatThrownBy(() -> bulk.preview(owner, oversized))
                .satisfies(Refusals.reason("bulk.file-too-big", BulkInvitationService.MAX_FILE_BYTES / 1024));
        assertThat(oversized.getPosition()).as("bytes read of the upload").isLessThanOrEqualTo(BulkInvitationService.MAX_FILE_BYTES + 1);
        assertThat(bulk.latest(owner)).isEmpty();

        String row = unique("full") + ",member,";
        byte[] atTheLimit = (row + "x".repeat(BulkInvitationService.MAX_FILE_BYTES - row.length())).getBytes(StandardCharsets.UTF_8);
        assertThat(atTheLimit).hasSize(BulkInvitationService.MAX_FILE_BYTES);
        assertThat(bulk.preview(owner, new ByteArrayInputStream(atTheLimit))).extracting(BulkRow::verdict).containsExactly(BulkVerdict.WILL_INVITE);
    }

    @Test
    void thePreviewGivesEachRowItsVerdictAndStoresAndSendsNothing() throws IOException {
        TenantScope owner = teams.newWorkspace("Cleo");
        TenantScope admin = teams.join(owner, "Adam", "admin");
        String memberEmail = accountService.find(teams.join(owner, "Mel", "member").accountId()).orElseThrow().email();
        String invited = unique("invited");
        invitations.invite(owner, invited, teams.roleId(owner, "member"), Locale.ENGLISH);
        mailbox.awaitOneTo(invited);
        String fresh = unique("fresh");
        String file = String.join("\n", fresh + ",member", invited + ",member", "not-an-address,member",
                unique("janitor") + ",Janitor", unique("boss") + ",Owner", fresh.toUpperCase(Locale.ROOT) + ",member",
                memberEmail + ",member");
        int pendingBefore = invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING));

        List<BulkRow> rows = bulk.preview(admin, bytes(file));

        assertThat(rows).extracting(BulkRow::verdict).containsExactly(BulkVerdict.WILL_INVITE, BulkVerdict.ALREADY_INVITED,
                BulkVerdict.INVALID_ADDRESS, BulkVerdict.UNKNOWN_ROLE, BulkVerdict.ROLE_TOO_STRONG, BulkVerdict.DUPLICATE_IN_FILE,
                BulkVerdict.ALREADY_MEMBER);
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING))).isEqualTo(pendingBefore);
        assertThat(mailbox.to(fresh)).isEmpty();
        assertThat(outboxOf(owner)).as("only the earlier invitation's mail, already delivered").isZero();
    }

    @Test
    void confirmingInvitesTheRowsReadyToInviteAuditsEachAndMailsThem() throws Exception {
        TenantScope owner = teams.newWorkspace("Dora");
        String ann = unique("ann");
        String bob = unique("bob");
        List<BulkRow> preview = bulk.preview(owner, bytes(ann + ",member\nnope,member\n" + bob + ",admin\n"));
        List<Integer> progress = new CopyOnWriteArrayList<>();

        List<BulkRow> result = bulk.invite(owner, preview, Locale.ENGLISH, progress::add).get(60, TimeUnit.SECONDS);

        assertThat(result).extracting(BulkRow::verdict).containsExactly(BulkVerdict.INVITED, BulkVerdict.INVALID_ADDRESS, BulkVerdict.INVITED);
        assertThat(progress).containsExactly(2);
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING))).isEqualTo(2);
        assertThat(audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_CREATED, null, null, null, null), null, null, 10)
                .events()).extracting(event -> event.target().label()).containsExactlyInAnyOrder(ann, bob);
        assertThat(mailbox.awaitOneTo(ann).getSubject()).contains(owner.workspaceName());
        mailbox.awaitOneTo(bob);
    }

    @Test
    void eachRowIsJudgedAgainWhenInvitedSoAPersonWhoJoinedOrWasInvitedMeanwhileIsNotInvitedAgain() throws Exception {
        TenantScope owner = teams.newWorkspace("Edda");
        Account joiner = accounts.newAccount("Jo");
        String invitedMeanwhile = unique("meanwhile");
        String fresh = unique("fresh");
        List<BulkRow> preview = bulk.preview(owner, bytes(joiner.email() + ",member\n" + invitedMeanwhile + ",member\n" + fresh + ",member"));
        assertThat(preview).extracting(BulkRow::verdict).containsOnly(BulkVerdict.WILL_INVITE);
        InviteOutcome joined = invitations.invite(owner, joiner.email() + "," + invitedMeanwhile, teams.roleId(owner, "member"), Locale.ENGLISH);
        invitations.accept(tokenOf(joined.invited().getFirst().link()), joiner.id());

        List<BulkRow> result = bulk.invite(owner, preview, Locale.ENGLISH, done -> { }).get(60, TimeUnit.SECONDS);

        assertThat(result).extracting(BulkRow::verdict).containsExactly(BulkVerdict.ALREADY_MEMBER, BulkVerdict.ALREADY_INVITED,
                BulkVerdict.INVITED);
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING))).isEqualTo(2);
    }

    @Test
    void aRoleTheUploaderCanNoLongerGrantIsRefusedWhenInvited() throws Exception {
        TenantScope owner = teams.newWorkspace("Fay");
        var helper = roles.create(owner, new RoleDraft("Helper", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE)));
        TenantScope uploader = teams.join(owner, "Ulla", "admin");
        List<BulkRow> preview = bulk.preview(uploader, bytes(unique("x") + ",Helper"));
        assertThat(preview).extracting(BulkRow::verdict).containsExactly(BulkVerdict.WILL_INVITE);
        roles.update(owner, helper.id(), new RoleDraft("Helper", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE,
                Permissions.AUDIT_SETTINGS)));

        List<BulkRow> result = bulk.invite(uploader, preview, Locale.ENGLISH, done -> { }).get(60, TimeUnit.SECONDS);

        assertThat(result).extracting(BulkRow::verdict).containsExactly(BulkVerdict.ROLE_TOO_STRONG);
    }

    @Test
    void manyRowsAreInvitedInChunksAndTheirMailsWaitInTheOutboxUntilDelivered() throws Exception {
        TenantScope owner = teams.newWorkspace("Gil");
        List<String> people = IntStream.range(0, 120).mapToObj(i -> unique("many" + i)).toList();
        List<BulkRow> preview = bulk.preview(owner, bytes(people.stream().map(p -> p + ",member").collect(Collectors.joining("\n"))));
        List<Integer> progress = new CopyOnWriteArrayList<>();
        MailExecutorStops.stop(mailExecutor); // the application stops before any mail went out

        List<BulkRow> result = bulk.invite(owner, preview, Locale.ENGLISH, progress::add).get(120, TimeUnit.SECONDS);

        assertThat(result).extracting(BulkRow::verdict).containsOnly(BulkVerdict.INVITED);
        assertThat(progress).containsExactly(50, 100, 120);
        assertThat(outboxOf(owner)).as("every mail recorded with its invitation").isEqualTo(120);
        assertThat(mailbox.to(people.getFirst())).isEmpty();

        MailExecutorStops.restart(mailExecutor);
        publications.resubmitIncompletePublications(MailExecutorStops.invitationMailsOf(owner.workspaceId()));

        mailbox.awaitOneTo(people.getFirst());
        mailbox.awaitOneTo(people.getLast());
    }

    @Test
    void moreRowsToInviteThanTheHourlyAllowanceAreRefusedWholeBeforeAnythingIsStored() throws IOException {
        TenantScope owner = teams.newWorkspace("Hal");
        List<BulkRow> preview = bulk.preview(owner, bytes(IntStream.range(0, 201)
                .mapToObj(i -> unique("over" + i) + ",member").collect(Collectors.joining("\n"))));

        assertThatThrownBy(() -> bulk.invite(owner, preview, Locale.ENGLISH, done -> { }))
                .isInstanceOf(RateLimitExceededException.class);
        assertThat(invitations.count(owner, InvitationFilter.NONE)).isZero();
    }

    @Test
    void theResultDownloadsAsCsvWithEveryRowsOutcomeAndFormulasKeptAsText() throws Exception {
        TenantScope owner = teams.newWorkspace("Iva");
        String ann = unique("ann");
        List<BulkRow> preview = bulk.preview(owner, bytes(ann + ",member\n=HYPERLINK(\"http://evil.test\"),member\n"));
        List<BulkRow> result = bulk.invite(owner, preview, Locale.ENGLISH, done -> { }).get(60, TimeUnit.SECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        bulk.writeResult(result, verdict -> verdict.name().toLowerCase(Locale.ROOT), out);

        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
        assertThat(records).extracting(CSVRecord::values).containsExactly(
                new String[] { "email", "role", "outcome" },
                new String[] { ann, "member", "invited" },
                new String[] { "'=HYPERLINK(\"http://evil.test\")", "member", "invalid_address" });
    }

    /**
     * The same address invited from the dialog while a file's chunk invites it: one pending invitation, and the file
     * goes on, reporting the row as invited or already invited.
     */
    @Test
    void anInviteOfTheSameAddressAtTheSameMomentLeavesOnePendingInvitationAndTheFileCarriesOn() throws Exception {
        TenantScope owner = teams.newWorkspace("Jules");
        UUID member = teams.roleId(owner, "member");
        int failedFiles = 0;
        for (int round = 0; round < RACE_ROUNDS; round++) {
            String address = unique("race" + round);
            List<BulkRow> preview = bulk.preview(owner, bytes(address + ",member\n" + unique("other" + round) + ",member"));
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<List<BulkRow>> file = threads.submit(() -> {
                    start.await();
                    return bulk.invite(owner, preview, Locale.ENGLISH, done -> { }).get(60, TimeUnit.SECONDS);
                });
                Future<?> dialog = threads.submit(() -> {
                    start.await();
                    return invitations.invite(owner, address, member, Locale.ENGLISH);
                });
                try {
                    dialog.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // The dialog's request may lose the race on the unique index; it then stored nothing.
                }
                try {
                    assertThat(file.get(60, TimeUnit.SECONDS).getFirst().verdict()).isIn(BulkVerdict.INVITED, BulkVerdict.ALREADY_INVITED);
                } catch (ExecutionException e) {
                    failedFiles++;
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(pendingTo(owner, address)).isOne();
        }
        assertThat(failedFiles).as("files stopped by the race").isZero();
    }

    private int pendingTo(TenantScope owner, String address) {
        return (int) invitations.page(owner, new InvitationFilter(address, InvitationStatus.PENDING),
                new dev.atrium.admin.paging.PageRequest(0, 10, List.of())).size();
    }

    /** Outbox publications (mails not yet delivered) of the workspace's invitations. */
    private int outboxOf(TenantScope scope) {
        return platform.fetchCount(DSL.table(DSL.name("platform", "event_publication")),
                DSL.field("serialized_event", String.class).contains(scope.workspaceId().toString()));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
