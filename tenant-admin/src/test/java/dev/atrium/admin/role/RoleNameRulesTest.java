package dev.atrium.admin.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.tenancy.TenantScope;

/** Role names and descriptions: no invisible characters, no links, no name that can pass for another role's. */
@SpringBootTest
class RoleNameRulesTest {

    private static final int RACES = 30;

    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;

    @Test
    void namesThatLookLikeABuiltInRoleAreRefusedWithAClearMessageAndNothingIsStored() {
        TenantScope owner = teams.newWorkspace("Olga");
        for (String lookAlike : List.of("\u041Ewner", "0wner", "OWNER", "Ａｄｍｉｎ", "Adrnin", "M e m b e r", "Gu\u0435st")) {
            assertThatThrownBy(() -> roles.create(owner, new RoleDraft(lookAlike, "", Set.of()))).as(lookAlike)
                    .isInstanceOfSatisfying(RoleException.class, e -> assertThat(e.field()).isEqualTo(RoleException.Field.NAME))
                    .isInstanceOfSatisfying(RoleException.class, e -> assertThat(e.code()).isIn("role.name.look-alike", "role.name.taken"));
        }
        assertThat(roles.count(owner)).isEqualTo(4);
    }

    @Test
    void aNameThatLooksLikeAnotherCustomRoleIsRefusedOnCreateAndOnRename() {
        TenantScope owner = teams.newWorkspace("Otto");
        roles.create(owner, new RoleDraft("Reviewer", "", Set.of()));
        RoleSummary editor = roles.create(owner, new RoleDraft("Editor", "", Set.of()));

        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Revi\u0435wer", "", Set.of())))
                .isInstanceOf(RoleException.class).satisfies(Refusals.reason("role.name.look-alike", "Revi\u0435wer", "Reviewer"));
        assertThatThrownBy(() -> roles.update(owner, editor.id(), new RoleDraft("REVIEWER", "", Set.of())))
                .isInstanceOf(RoleException.class).satisfies(Refusals.reason("role.name.taken", "Reviewer"))
                .satisfies(Refusals.english("A role named \"Reviewer\" already exists."));
        assertThat(roles.update(owner, editor.id(), new RoleDraft("Editor", "Edits", Set.of())).description()).isEqualTo("Edits");
        assertThat(roles.roles(owner)).extracting(RoleSummary::name).containsExactly("Owner", "Admin", "Member", "Guest", "Reviewer", "Editor");
    }

    @Test
    void aNameOfNonBreakingSpacesOrFillersIsAMissingName() {
        TenantScope owner = teams.newWorkspace("Orla");
        for (String blank : List.of("\u00a0", " \u2007\u202F ", "\u3164", "\u2800\u00a0", "\u115F\u1160", "\uFFA0")) {
            assertThatThrownBy(() -> roles.create(owner, new RoleDraft(blank, "", Set.of()))).as(blank)
                    .isInstanceOfSatisfying(RoleException.class, e -> assertThat(e.field()).isEqualTo(RoleException.Field.NAME))
                    .satisfies(Refusals.code("role.name.missing"));
        }
        assertThat(roles.count(owner)).isEqualTo(4);

        assertThat(roles.create(owner, new RoleDraft("\u00a0Night\u202F\u2007shift\u00a0", "", Set.of())).name()).isEqualTo("Night shift");
    }

    @Test
    void invisibleAndControlCharactersAreRefusedBeforeTheDatabaseSeesThemInNamesAndDescriptions() {
        TenantScope owner = teams.newWorkspace("Oona");
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Nul\u0000Role", "", Set.of())))
                .isInstanceOfSatisfying(RoleException.class, e -> assertThat(e.field()).isEqualTo(RoleException.Field.NAME))
                .satisfies(Refusals.code("role.name.invisible"));
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Auditor\u202E\u2066", "", Set.of())))
                .isInstanceOf(RoleException.class).satisfies(Refusals.code("role.name.invisible"));
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Auditor", "reads\u0000logs", Set.of())))
                .isInstanceOfSatisfying(RoleException.class, e -> assertThat(e.field()).isEqualTo(RoleException.Field.DESCRIPTION))
                .satisfies(Refusals.code("role.description.invisible"));
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Auditor", "looks \u202Eright", Set.of())))
                .isInstanceOf(RoleException.class).satisfies(Refusals.code("role.description.invisible"));
        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Auditor", "d".repeat(201), Set.of())))
                .isInstanceOf(RoleException.class).satisfies(Refusals.reason("role.description.too-long", 200))
                .satisfies(Refusals.english("A description can be at most 200 characters long."));
        assertThat(roles.count(owner)).isEqualTo(4);

        RoleSummary auditor = roles.create(owner, new RoleDraft("  Auditor\t 😀 ", "Reads the log.\r\nNothing else.", Set.of()));
        assertThat(auditor.name()).isEqualTo("Auditor 😀");
        assertThat(auditor.description()).isEqualTo("Reads the log.\nNothing else.");
    }

    @Test
    void aRoleNameCannotCarryALinkIntoInvitationEmails() {
        TenantScope owner = teams.newWorkspace("Odin");
        for (String link : List.of("See evil.com", "https://x", "help@bank", "www.bank")) {
            assertThatThrownBy(() -> roles.create(owner, new RoleDraft(link, "", Set.of()))).as(link)
                    .isInstanceOf(RoleException.class).satisfies(Refusals.code("role.name.link"));
        }
        assertThat(roles.count(owner)).isEqualTo(4);
    }

    /** Two people naming roles at the same moment: the look-alike check reads the names, so it must hold a lock. */
    @Test
    void twoLookAlikeNamesCreatedAtTheSameMomentNeverBothExist() throws Exception {
        TenantScope owner = teams.newWorkspace("Oskar");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int bothCreated = 0;
        try {
            for (int race = 0; race < RACES; race++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (String name : List.of("Reviewer " + race, "Revi\u0435wer " + race)) {
                    outcomes.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            roles.create(owner, new RoleDraft(name, "", Set.of()));
                            return true;
                        } catch (RoleException refused) {
                            return false;
                        }
                    }));
                }
                int created = 0;
                for (Future<Boolean> outcome : outcomes) {
                    created += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(created).as("race %d: one of the two is created", race).isGreaterThanOrEqualTo(1);
                bothCreated += created == 2 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bothCreated).as("races of %d that ended with two look-alike roles", RACES).isZero();
        assertThat(roles.count(owner)).isEqualTo(4 + RACES);
    }
}
