package dev.atrium.admin.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.workspace.WorkspaceNames.Field;
import dev.atrium.admin.workspace.WorkspaceNames.FieldProblem;

class WorkspaceNamesTest {

    @Test
    void suggestsReadableSlugsForUnicodeAndPunctuation() {
        assertThat(WorkspaceNames.suggestSlug("  Café  Ünïcode, Inc. ")).isEqualTo("cafe-unicode-inc");
        assertThat(WorkspaceNames.suggestSlug("ACME -- Labs")).isEqualTo("acme-labs");
        assertThat(WorkspaceNames.suggestSlug("日本語")).isEmpty();
        assertThat(WorkspaceNames.suggestSlug("x".repeat(60))).hasSize(WorkspaceNames.MAX_SLUG_LENGTH);
    }

    @Test
    void namesCollidingAfterNormalisationSuggestTheSameSlug() {
        assertThat(WorkspaceNames.suggestSlug("Acme Inc")).isEqualTo(WorkspaceNames.suggestSlug("acme-inc"))
                .isEqualTo(WorkspaceNames.suggestSlug("ÀCME  inc!"));
    }

    @Test
    void rejectsEmptyBlankOverlongAndControlCharacterNames() {
        assertThat(WorkspaceNames.problems("", "ok")).extracting(FieldProblem::field).containsExactly(Field.NAME);
        assertThat(WorkspaceNames.problems(" \t\n ", "ok")).extracting(FieldProblem::field).containsExactly(Field.NAME);
        assertThat(WorkspaceNames.problems("a".repeat(101), "ok")).singleElement()
                .extracting(FieldProblem::reason).isEqualTo(Reason.of("workspace.name.too-long", 100));
        assertThat(WorkspaceNames.problems("bad\u0000name", "ok")).extracting(FieldProblem::field).containsExactly(Field.NAME);
    }

    @Test
    void aNameOfNonBreakingSpacesOrFillersIsMissingButAnEmojiNameIsNot() {
        for (String blank : new String[] { "\u00a0", "\u2007 \u202F", "\u3164", "\u2800", "\u115F\u1160", "\uFFA0" }) {
            assertThat(WorkspaceNames.problems(blank, "ok")).as(blank).singleElement()
                    .extracting(FieldProblem::reason).isEqualTo(Reason.of("workspace.name.missing"));
        }
        assertThat(WorkspaceNames.problems("Acme\u3164Inc", "ok")).singleElement()
                .extracting(FieldProblem::reason).isEqualTo(Reason.of("workspace.name.invisible"));
        assertThat(WorkspaceNames.normalizeName("\u00a0Acme\u00a0\u2007 Inc\u202F")).isEqualTo("Acme Inc");
        assertThat(WorkspaceNames.problems("🚀", "rocket")).isEmpty();
    }

    @Test
    void acceptsUnicodeNamesOfExactlyTheLimitCountedInCharactersNotBytes() {
        assertThat(WorkspaceNames.problems("日本語のチーム", "team")).isEmpty();
        assertThat(WorkspaceNames.problems("é".repeat(100), "e")).isEmpty();
        assertThat(WorkspaceNames.problems("😀".repeat(100), "smile")).isEmpty();
    }

    @Test
    void rejectsMalformedAndReservedSlugs() {
        assertThat(WorkspaceNames.problems("Acme", "")).extracting(FieldProblem::field).containsExactly(Field.SLUG);
        assertThat(WorkspaceNames.problems("Acme", "-acme")).extracting(FieldProblem::field).containsExactly(Field.SLUG);
        assertThat(WorkspaceNames.problems("Acme", "Acme")).extracting(FieldProblem::field).containsExactly(Field.SLUG);
        assertThat(WorkspaceNames.problems("Acme", "acme_inc")).extracting(FieldProblem::field).containsExactly(Field.SLUG);
        assertThat(WorkspaceNames.problems("Acme", "a".repeat(41))).extracting(FieldProblem::field).containsExactly(Field.SLUG);
        assertThat(WorkspaceNames.problems("Invite", "invite")).singleElement()
                .extracting(FieldProblem::reason).isEqualTo(Reason.of("workspace.slug.reserved", "invite"));
    }
}
