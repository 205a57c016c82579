package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;

/**
 * The guard every tenant-admin test runs under ({@link SingleNodeStatements}, registered in {@code TestApplication}):
 * a workspace statement that joins a platform table Citus would keep on the coordinator, or another workspace's schema,
 * is refused before it runs; joining the reference table {@code account}, as the members page does, is not.
 */
@SpringBootTest
class SingleNodeStatementsTest {

    @Autowired TenantDsl tenantDsl;
    @Autowired TestWorkspaces teams;
    @Autowired MemberService members;

    @Test
    void aWorkspaceStatementJoiningACoordinatorOnlyPlatformTableOrAnotherWorkspaceIsRefused() {
        TenantScope acme = teams.newWorkspace("Single Node Acme");
        TenantScope globex = teams.newWorkspace("Single Node Globex");
        DSLContext tenant = tenantDsl.of(acme);

        assertThatThrownBy(() -> tenant.select(MEMBER.ACCOUNT_ID).from(MEMBER).join(WORKSPACE_MEMBERSHIP)
                .on(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(MEMBER.ACCOUNT_ID)).fetch())
                .satisfies(e -> assertThat(root(e)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("not reference tables [workspace_membership]"));

        String otherMembers = tenantDsl.of(globex).select(MEMBER.ACCOUNT_ID).from(MEMBER).getSQL();
        assertThatThrownBy(() -> tenant.select(MEMBER.ACCOUNT_ID).from(MEMBER)
                .where(MEMBER.ACCOUNT_ID.in(DSL.field("(" + otherMembers + ")", UUID.class))).fetch())
                .satisfies(e -> assertThat(root(e)).hasMessageContaining("several workspace schemas"));

        assertThat(tenant.select(ACCOUNT.EMAIL).from(MEMBER).join(ACCOUNT).on(ACCOUNT.ID.eq(MEMBER.ACCOUNT_ID)).fetch())
                .hasSize(1);
        assertThat(members.count(acme, new MemberFilter("single node", null))).isEqualTo(1);
    }

    @Test
    void theGuardReadsSchemaQualifiedNamesAsJooqRendersThem() {
        assertThat(SingleNodeStatements.violation(
                "select \"ws_1\".\"member\".\"account_id\" from \"ws_1\".\"member\" join \"platform\".\"account\" on true")).isNull();
        assertThat(SingleNodeStatements.violation(
                "select 1 from \"platform\".\"workspace_membership\" join \"platform\".\"account\" on true")).isNull();
        assertThat(SingleNodeStatements.violation(
                "select 1 from \"ws_1\".\"member\" where exists (select 1 from \"platform\".\"invitation_token\")"))
                .contains("[invitation_token]");
        assertThat(SingleNodeStatements.violation("select 1 from \"ws_1\".\"member\", \"ws_2\".\"member\""))
                .contains("[ws_1, ws_2]");
        // A bulk insert: tens of thousands of characters between two quotes, read without overflowing the stack.
        String rows = String.join(", ", Collections.nCopies(20_000, "(?, ?, ?)"));
        assertThat(SingleNodeStatements.violation("insert into \"ws_1\".\"bulk_invite_row\" (\"a\", \"b\", \"c\") values "
                + rows + " returning \"ws_1\".\"bulk_invite_row\".\"a\"")).isNull();
        assertThat(SingleNodeStatements.violation("insert into \"ws_1\".\"bulk_invite_row\" (\"a\", \"b\", \"c\") select "
                + rows + " from \"platform\".\"invitation_token\"")).contains("[invitation_token]");
        assertThat(SingleNodeStatements.violation("select \"a\"\"b\".\"c\" from \"ws_1\".\"member\" join \"platform\".\"x\"\"y\" on true"))
                .contains("[x\"\"y]");
    }

    private static Throwable root(Throwable thrown) {
        return thrown.getCause() == null ? thrown : root(thrown.getCause());
    }
}
