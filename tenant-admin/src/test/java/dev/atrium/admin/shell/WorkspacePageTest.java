package dev.atrium.admin.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.tenancy.TenantScope;

/** A workspace page names its permission once; one that names none is refused instead of opening to everyone. */
class WorkspacePageTest {

    @Test
    void aPageWithoutItsPermissionIsAMistakeReportedAtOnce() {
        assertThatThrownBy(() -> new Undeclared(new CurrentWorkspace(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Undeclared.class.getName())
                .hasMessageContaining("@PagePermission");
    }

    @Test
    void thePermissionsAreReadFromThePageClass() {
        assertThat(CurrentWorkspace.requiredPermissions(MembersView.class)).containsExactly("members.view");
        assertThat(CurrentWorkspace.requiredPermissions(InvitationsView.class))
                .containsExactly("members.invite", "invitations.manage");
    }

    static class Undeclared extends WorkspacePage {

        Undeclared(CurrentWorkspace currentWorkspace) {
            super(currentWorkspace);
        }

        @Override
        protected void show(TenantScope scope) {
        }
    }
}
