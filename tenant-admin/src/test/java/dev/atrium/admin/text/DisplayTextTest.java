package dev.atrium.admin.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.text.DisplayText.Lines;

class DisplayTextTest {

    @Test
    void refusesInvisibleControlAndDirectionCharactersButNotLettersMarksOrEmoji() {
        for (String bad : new String[] { "bad\u0000name", "Ann\u202Egnp.exe", "left\u2066isolate", "zero\u200Bwidth",
                "tab\u0085nel", "line\u2028break", "private\uE000use", "lone\uD800surrogate", "unassigned\u0378",
                "hangul\u3164filler", "braille\u2800blank" }) {
            assertThat(DisplayText.problem("workspace.name", bad, 100, Lines.SINGLE)).as(bad)
                    .contains(Reason.of("workspace.name.invisible"));
        }
        assertThat(DisplayText.problem("workspace.name", "Équipe 日本 😀 👍🏽 ❤️ naïve", 100, Lines.SINGLE)).isEmpty();
        assertThat(DisplayText.problem("role.description", "line one\nline two", 100, Lines.MULTIPLE)).isEmpty();
        assertThat(DisplayText.problem("workspace.name", "line one\nline two", 100, Lines.SINGLE)).isPresent();
    }

    @Test
    void countsLengthInCharactersNotUtf16Units() {
        assertThat(DisplayText.problem("role.name", "😀".repeat(50), 50, Lines.SINGLE)).isEmpty();
        assertThat(DisplayText.problem("role.name", "😀".repeat(51), 50, Lines.SINGLE))
                .contains(Reason.of("role.name.too-long", 50));
    }

    @Test
    void findsWhatMailProgramsWouldTurnIntoLinks() {
        for (String link : new String[] { "https://evil.example", "ftp://x", "Support at help@bank", "www.bank",
                "Visit evil.com now", "paypal-help.co.uk", "évil.рф", "evil。com", "evil．com", "ＷＷＷ.bank" }) {
            assertThat(DisplayText.containsLink(link)).as(link).isTrue();
        }
        for (String plain : new String[] { "Acme Inc.", "Team 2.0", "v1.2.3 release", "St. Louis office", "R&D", "Sales / EMEA",
                "Dr. Who fans", "e.g. this" }) {
            assertThat(DisplayText.containsLink(plain)).as(plain).isFalse();
        }
    }

    @Test
    void unlinkableTextBreaksLinksUpVisiblyAndKeepsOneShortLine() {
        assertThat(DisplayText.unlinkable("PayPal https://evil.example/x and www.bank and ann@evil.com", 200))
                .isEqualTo("PayPal https[:]//evil[.]example/x and www[.]bank and ann[at]evil[.]com");
        assertThat(DisplayText.unlinkable("evil。com\r\nBcc: x\u202E", 200)).isEqualTo("evil[.]com Bcc: x");
        assertThat(DisplayText.unlinkable("Acme Inc.", 200)).isEqualTo("Acme Inc.");
        assertThat(DisplayText.unlinkable("n".repeat(150), 100)).hasSize(100).endsWith("…");
    }

    @Test
    void namesThatLookAlikeShareAKey() {
        String owner = DisplayText.lookAlikeKey("Owner");
        assertThat(DisplayText.lookAlikeKey("\u041Ewner")).as("Cyrillic capital O").isEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("\u043Ewner")).as("Cyrillic small o").isEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("0wner")).isEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("OWNER")).isEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("Ｏｗｎｅｒ")).as("full width").isEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("O w n-e r")).isEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("Adrnin")).isEqualTo(DisplayText.lookAlikeKey("Admin"));
        assertThat(DisplayText.lookAlikeKey("Owners' delegate")).isNotEqualTo(owner);
        assertThat(DisplayText.lookAlikeKey("Reviewer")).isNotEqualTo(DisplayText.lookAlikeKey("Reviewers"));
    }
}
