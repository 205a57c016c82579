package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;

import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

@AtriumE2ETest
class AuditLogTest extends BrowserTest {

    @Autowired DSLContext platform;

    @Test
    void anOwnersChangesAreInTheLogFilterableByActionAndActorWithBeforeAfterAndInTheCsv() throws Exception {
        String ownerEmail = uniqueEmail("ophelia");
        AppShell owner = signIn(page, ownerEmail, "Ophelia Owner");
        String workspace = unique("Ledger");
        owner.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        String slug = slugOf(page);

        String carla = uniqueEmail("carla");
        String dave = uniqueEmail("dave");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(carla + " " + dave, "Member");
        String carlaLink = invitations.link(0).inputValue();
        invitations.closeLinks();
        Page carlaPage = newPage();
        carlaPage.navigate(carlaLink);
        new SignInPage(carlaPage).signIn(carla, "Carla Colleague");
        new AcceptInvitationPage(carlaPage).accept();
        assertThat(new WorkspaceHomePage(carlaPage).title()).hasText(workspace);

        MembersPage members = new MembersPage(page).open(slug);
        UUID carlaId = platform.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(carla)).fetchSingle().value1();
        members.changeRole(carlaId, "Admin");
        assertThat(members.roleSelect(carlaId)).containsText("Admin");
        invitations.open(slug);
        invitations.selectOnly(dave);
        invitations.cancelSelected();
        assertThat(invitations.cellWith("Cancelled")).isVisible();

        AuditLogPage audit = new AuditLogPage(page).open(slug);
        audit.filterAction("member.role_changed");
        assertThat(audit.cellsWith("member.role_changed")).hasCount(1);
        assertThat(audit.cellsWith("invitation.")).hasCount(0);
        audit.select("member.role_changed");
        assertThat(audit.details()).containsText("Ophelia Owner");
        assertThat(audit.details()).containsText(carla);
        assertThat(audit.details()).containsText(Pattern.compile("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"));
        assertThat(audit.details()).containsText("HeadlessChrome");
        assertThat(audit.diff()).containsText("Member");
        assertThat(audit.diff()).containsText("Admin");

        audit.filterAction("All invitation.* actions");
        audit.filterActor(ownerEmail);
        assertThat(audit.cellsWith("invitation.cancelled")).hasCount(1);
        assertThat(audit.cellsWith("invitation.created")).hasCount(2);
        assertThat(audit.cellsWith("invitation.accepted")).hasCount(0);
        audit.filterActor("Carla");
        assertThat(audit.cellsWith("invitation.accepted")).hasCount(1);
        assertThat(audit.cellsWith("invitation.created")).hasCount(0);

        audit.filterActor(ownerEmail);
        audit.filterAction("member.role_changed");
        assertThat(audit.cellsWith("member.role_changed")).hasCount(1);
        Download csv = audit.exportCsv();
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(csv.path(), StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("action")).isEqualTo("member.role_changed");
            assertThat(row.get("actor_email")).isEqualTo(ownerEmail);
            assertThat(row.get("before")).contains("Member");
            assertThat(row.get("after")).contains("Admin");
        });

        assertThat(audit.verify()).containsText("Intact");
        // The first check published a signed checkpoint outside the database; the next one is checked against it.
        assertThat(audit.verify()).containsText(Pattern.compile("Intact: \\d+ events checked\\. "
                + "Consistent with the signed checkpoint of event #\\d+"));
    }
}
