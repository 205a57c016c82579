package dev.atrium.admin.workspace;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.text.DisplayText;

/** Validation of workspace names and slugs, and the slug a name suggests. */
public final class WorkspaceNames {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_SLUG_LENGTH = 40;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0," + (MAX_SLUG_LENGTH - 2) + "}[a-z0-9])?");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG_CHARS = Pattern.compile("[^a-z0-9]+");
    /** First path segments the application uses itself; a slug must not shadow them. */
    private static final Set<String> RESERVED = Set.of("new", "settings", "admin", "api", "invite", "join", "login", "logout",
            "oauth2", "welcome", "actuator", "dev", "static", "vaadin", "frontend", "w");

    private WorkspaceNames() {
    }

    /** The name as stored: trimmed, inner runs of white space folded to one space. */
    public static String normalizeName(String raw) {
        return DisplayText.singleLine(raw);
    }

    /** A URL-safe slug suggested by a name: accents dropped, lower case, non-alphanumerics folded to hyphens. */
    public static String suggestSlug(String name) {
        String ascii = COMBINING_MARKS.matcher(Normalizer.normalize(normalizeName(name), Normalizer.Form.NFKD)).replaceAll("");
        String slug = NOT_SLUG_CHARS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = trimHyphens(slug.substring(0, MAX_SLUG_LENGTH));
        }
        return slug;
    }

    /** Problems with a proposed name and slug, one per field; empty when both are acceptable. */
    public static List<FieldProblem> problems(String rawName, String slug) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = normalizeName(rawName);
        if (DisplayText.nothingVisible(name)) {
            problems.add(new FieldProblem(Field.NAME, Reason.of("workspace.name.missing")));
        } else {
            // Invitation e-mails name the workspace: a name must not become a link there.
            DisplayText.problem("workspace.name", name, MAX_NAME_LENGTH, DisplayText.Lines.SINGLE)
                    .or(() -> DisplayText.linkProblem("workspace.name", name))
                    .ifPresent(problem -> problems.add(new FieldProblem(Field.NAME, problem)));
        }
        if (slug == null || slug.isEmpty()) {
            problems.add(new FieldProblem(Field.SLUG, Reason.of("workspace.slug.missing")));
        } else if (!SLUG.matcher(slug).matches()) {
            problems.add(new FieldProblem(Field.SLUG, Reason.of("workspace.slug.invalid", MAX_SLUG_LENGTH)));
        } else if (RESERVED.contains(slug)) {
            problems.add(new FieldProblem(Field.SLUG, Reason.of("workspace.slug.reserved", slug)));
        }
        return problems;
    }

    private static String trimHyphens(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    /** The field a problem is about; OWNER only where the owner is named by e-mail (the REST API). */
    public enum Field { NAME, SLUG, OWNER }

    /** What is wrong with one field. */
    public record FieldProblem(Field field, Reason reason) {
    }
}
