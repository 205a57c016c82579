package dev.atrium.admin.workspace;

import static dev.atrium.admin.TestAccounts.uniqueSlug;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceNames.Field;
import dev.atrium.admin.workspace.WorkspaceNames.FieldProblem;

/** A workspace's name is shown to people it invites: it cannot be a link, nor hide characters. */
@SpringBootTest
class WorkspaceNameRulesTest {

    private static final List<String> LINKS = List.of("https://evil.example", "Support evil.com", "billing@bank",
            "www.bank", "ftp://files", "Login at paypal-help.co.uk", "evil。com", "ＷＷＷ.bank");

    @Autowired WorkspaceService workspaces;
    @Autowired TestAccounts accounts;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired DSLContext platform;

    @Test
    void aNameWithAUrlAnAtSignOrADomainIsRefusedWithAClearMessageAndCreatesNothing() {
        Account mallory = accounts.newAccount("Mallory");
        int before = platform.fetchCount(WORKSPACE);

        for (String name : LINKS) {
            String slug = uniqueSlug("link");
            assertThatThrownBy(() -> workspaces.create(mallory.id(), name, slug)).as(name)
                    .isInstanceOfSatisfying(WorkspaceValidationException.class, e -> assertThat(e.problems())
                            .containsExactly(new FieldProblem(Field.NAME, Reason.of("workspace.name.link"))));
        }

        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(before);
        assertThat(workspaces.workspacesOf(mallory.id())).isEmpty();
        assertThat(workspaces.create(mallory.id(), "Acme Inc. 2.0", uniqueSlug("acme")).name()).isEqualTo("Acme Inc. 2.0");
    }

    @Test
    void invisibleAndDirectionCharactersAreRefusedBeforeTheDatabaseSeesThem() {
        Account mallory = accounts.newAccount("Mallory");
        for (String name : List.of("Acme\u0000", "Acme \u202Ecod.exe", "Ac\u200Bme")) {
            assertThatThrownBy(() -> workspaces.create(mallory.id(), name, uniqueSlug("hidden"))).as(name)
                    .isInstanceOf(WorkspaceValidationException.class)
                    .satisfies(Refusals.code("workspace.name.invisible"));
        }
        assertThat(workspaces.workspacesOf(mallory.id())).isEmpty();
    }

    @Test
    void renamingFollowsTheSameRulesAndKeepsTheOldName() {
        TenantScope owner = teams.newWorkspace("Rita");
        assertThatThrownBy(() -> workspaces.rename(owner, "Rita's team https://evil.example"))
                .isInstanceOf(WorkspaceValidationException.class).satisfies(Refusals.code("workspace.name.link"));
        assertThatThrownBy(() -> workspaces.rename(owner, "Rita\u0000")).isInstanceOf(WorkspaceValidationException.class);
        assertThat(binder.bind(owner.accountId(), owner.slug()).workspaceName()).isEqualTo(owner.workspaceName());
    }
}
