package dev.atrium.admin.text;

import java.text.Normalizer;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

import dev.atrium.admin.refusal.Reason;

/**
 * Hygiene of names and descriptions people choose: one normalisation, one set of refused characters, one notion of
 * "looks like a link" and one of "looks like another name", shared by every kind of name so they cannot drift apart.
 */
public final class DisplayText {

    /** Dots that IDNA and mail programs treat as the full stop of a domain name. */
    private static final Pattern DOMAIN_DOTS = Pattern.compile("[\u3002\uFF0E\uFF61]");
    private static final Pattern SCHEME_OR_AT = Pattern.compile("://|@");
    private static final Pattern WWW = Pattern.compile("(?iU)\\bwww\\.");
    /** A token a mail program could turn into a link: labels joined by dots, ending in an alphabetic top-level label. */
    private static final Pattern DOMAIN = Pattern.compile("(?U)(?<![\\w-])[\\p{L}\\p{N}][\\p{L}\\p{N}-]*(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,63}(?![\\w-])");
    /**
     * White space as Unicode means it; the no-break spaces are named as well because {@link String#strip} and
     * {@link Character#isWhitespace} leave them, so a name of them alone would look blank but not be empty.
     */
    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)[\\s\u00A0\u2007\u202F]+");
    /** Hangul fillers (letters) and the Braille blank (a symbol): drawn as nothing though no category says so. */
    private static final Set<Integer> BLANK_GLYPHS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Normalizer2 NFKC_CASE_FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final SpoofChecker SPOOF_CHECKER = new SpoofChecker.Builder().build();

    /** Suffixes of the codes of {@link #problem} and {@link #linkProblem}: every field that uses them has each. */
    public static final String TOO_LONG = ".too-long";
    public static final String INVISIBLE = ".invisible";
    public static final String LINK = ".link";

    private DisplayText() {
    }

    /** Whether line breaks are part of the text (descriptions) or folded away (names). */
    public enum Lines { SINGLE, MULTIPLE }

    /** A single-line text as stored: trimmed, inner runs of white space (no-break spaces included) folded to one space. */
    public static String singleLine(String raw) {
        return raw == null ? "" : WHITE_SPACE.matcher(raw).replaceAll(" ").strip();
    }

    /**
     * Whether a {@link #singleLine single-line} text shows nothing: empty, or only {@link #problem invisible}
     * characters and fillers; a name that is blank to the eye is a missing name, not an invisible one.
     */
    public static boolean nothingVisible(String text) {
        return text.codePoints().allMatch(DisplayText::invisible);
    }

    /**
     * Whether the text has a character that {@link #problem} refuses as invisible (a line break included): for text
     * that is not a name, such as an address, whose other rules are its own.
     */
    public static boolean containsInvisible(String text) {
        return text.codePoints().anyMatch(DisplayText::invisible);
    }

    /** A multi-line text as stored: trimmed, line breaks as {@code \n}. */
    public static String multiLine(String raw) {
        return raw == null ? "" : raw.strip().replaceAll("\\r\\n?", "\n");
    }

    /**
     * Text typed into a search field as the query uses it: invisible characters (NUL included, which PostgreSQL
     * refuses in text) dropped, at most {@code maxLength} characters; null stays null.
     */
    public static String searchText(String typed, int maxLength) {
        if (typed == null) {
            return null;
        }
        StringBuilder visible = new StringBuilder();
        typed.codePoints().filter(cp -> !invisible(cp)).limit(maxLength).forEach(visible::appendCodePoint);
        return visible.toString();
    }

    /**
     * Text someone else chose (an identity provider's name for a person) as it can be stored and shown: invisible
     * characters dropped, on one line, at most {@code maxLength} characters; null becomes empty.
     */
    public static String visibleLine(String raw, int maxLength) {
        return abbreviate(singleLine(searchText(raw, Integer.MAX_VALUE)), maxLength);
    }

    /** How much of a refused text a refusal repeats: enough to recognise it, never the whole of what was sent. */
    public static final int MAX_ECHOED_LENGTH = 80;

    /** The text, or when it has more than {@code maxLength} characters (code points) its start and "…" in that many. */
    public static String abbreviate(String text, int maxLength) {
        return text.codePointCount(0, text.length()) > maxLength ? text.substring(0, text.offsetByCodePoints(0, maxLength - 1)) + "…"
                : text;
    }

    /**
     * What is wrong with a normalised text, as a reason whose code starts with {@code field} (e.g. {@code role.name}):
     * {@code <field>.too-long} (argument: the maximum) or {@code <field>.invisible}; empty when it is acceptable.
     * Refused: more than {@code maxLength} characters (code points, not bytes), and characters that are invisible or
     * change how the text around them is shown: control characters (NUL included), format characters (text-direction
     * overrides and isolates, zero-width characters), line and paragraph separators, private-use, unpaired surrogate
     * and unassigned code points, and the Hangul fillers and Braille blank, letters and symbols that show as nothing.
     */
    public static Optional<Reason> problem(String field, String text, int maxLength, Lines lines) {
        if (text.codePointCount(0, text.length()) > maxLength) {
            return Optional.of(Reason.of(field + TOO_LONG, maxLength));
        }
        if (text.codePoints().anyMatch(cp -> !(lines == Lines.MULTIPLE && cp == '\n') && invisible(cp))) {
            return Optional.of(Reason.of(field + INVISIBLE));
        }
        return Optional.empty();
    }

    /**
     * Whether the text contains something a mail program or chat could show as a link: {@code ://}, {@code @},
     * {@code www.} or a domain name such as {@code example.com} (full-width and ideographic dots count as dots).
     */
    public static boolean containsLink(String text) {
        String folded = DOMAIN_DOTS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(".");
        return SCHEME_OR_AT.matcher(folded).find() || WWW.matcher(folded).find() || DOMAIN.matcher(folded).find();
    }

    /** {@code <field>.link} when the text {@link #containsLink contains a link}. */
    public static Optional<Reason> linkProblem(String field, String text) {
        return containsLink(text) ? Optional.of(Reason.of(field + LINK)) : Optional.empty();
    }

    /**
     * The text as a plain-text e-mail may show it when someone else chose it: on one line, without invisible
     * characters, at most {@code maxLength} characters, and with nothing a mail program would turn into a link
     * ({@code evil.com} becomes {@code evil[.]com}, {@code @} becomes {@code [at]}, {@code ://} becomes
     * {@code [:]//}), the way security advisories quote addresses.
     */
    public static String unlinkable(String text, int maxLength) {
        String folded = DOMAIN_DOTS.matcher(Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC)).replaceAll(".");
        StringBuilder visible = new StringBuilder();
        folded.codePoints().forEach(cp -> visible.appendCodePoint(invisible(cp) ? ' ' : cp));
        String line = abbreviate(singleLine(visible.toString()), maxLength);
        String defanged = DOMAIN.matcher(line).replaceAll(match -> Matcher.quoteReplacement(match.group().replace(".", "[.]")));
        defanged = WWW.matcher(defanged).replaceAll(match -> Matcher.quoteReplacement(match.group().replace(".", "[.]")));
        return defanged.replace("://", "[:]//").replace("@", "[at]");
    }

    /**
     * A key under which names that look alike are equal: NFKC case folded, mapped to the Unicode confusable skeleton
     * (UTS #39, so Cyrillic "Оwner" and "0wner" become "owner"), white space and punctuation dropped.
     */
    public static String lookAlikeKey(String name) {
        // Compatibility forms (full-width letters) and case first, as the skeleton keeps both; and again after it.
        String skeleton = SPOOF_CHECKER.getSkeleton(NFKC_CASE_FOLD.normalize(name));
        return NOT_LETTER_OR_DIGIT.matcher(NFKC_CASE_FOLD.normalize(skeleton)).replaceAll("");
    }

    private static boolean invisible(int codePoint) {
        if (BLANK_GLYPHS.contains(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
