package dev.atrium.admin.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.audit.AuditVerification;
import dev.atrium.admin.domain.DomainStatus;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.invitation.InvitationStatus;
import dev.atrium.admin.invitation.MailDelivery;
import dev.atrium.admin.invitation.MailError;
import dev.atrium.admin.member.MemberRuleException;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoPreset;
import dev.atrium.admin.text.DisplayText;

/**
 * Every text has both languages, and every key the code asks for exists: the keys that components pass to
 * {@code getTranslation("…")} and the {@code error.<code>} of every refusal the code can throw, found by reading the
 * sources of tenant-admin and of the sample host (whose keys may also come from Atrium's bundle).
 */
class MessageBundlesTest {

    private static final Path ATRIUM = Path.of("src/main");
    private static final Path HOST = Path.of("../app/src/main");
    private static final String ATRIUM_BUNDLE = "resources/" + AtriumTranslations.ATRIUM_BASENAME;
    private static final String HOST_BUNDLE = "resources/messages";

    private static final Pattern TRANSLATION = Pattern.compile("getTranslation\\(\\s*([\\w.]+|\"[^\"]*\")");
    private static final Pattern REFUSAL_CLASS = Pattern.compile("class (\\w+) extends (?:AtriumRefusal|\\w+Exception)");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");
    private static final Pattern REASON_OF = Pattern.compile("Reason\\.of\\(\\s*([\\w.]+|\"[^\"]*\")");
    private static final Pattern TEXT_PROBLEM = Pattern.compile("DisplayText\\.problem\\(\\s*([\\w.]+|\"[^\"]*\")");
    private static final Pattern LINK_PROBLEM = Pattern.compile("DisplayText\\.linkProblem\\(\\s*([\\w.]+|\"[^\"]*\")");
    private static final Pattern MEMBER_RULE = Pattern.compile("new MemberRuleException\\(\\s*(?:MemberRuleException\\.)?Rule\\.(\\w+)\\s*(?:,\\s*Operation\\.(\\w+))?\\)");
    private static final Pattern CONSTANT_NAME = Pattern.compile("(\\w+\\.)?[A-Z][A-Z0-9_]*");
    private static final Pattern DOTTED_LITERAL = Pattern.compile("\"([a-z][a-z0-9_]*(?:[.-][a-z0-9_]+)+)\"");

    @Test
    void atriumsBundlesHaveTheSameKeysInBothLanguagesAndNoEmptyOrBrokenText() throws IOException {
        assertComplete(ATRIUM.resolve(ATRIUM_BUNDLE));
    }

    @Test
    void theSampleHostsBundlesHaveTheSameKeysInBothLanguagesAndNoEmptyOrBrokenText() throws IOException {
        assertComplete(HOST.resolve(HOST_BUNDLE));
    }

    @Test
    void everyKeyThatAtriumsSourcesAskForIsInAtriumsBundle() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        assertThat(new TreeSet<>(requiredKeys(ATRIUM))).as("keys missing from Atrium's bundle").isSubsetOf(keys)
                // The scan itself must find what it is meant to, or it would prove nothing.
                .contains("error.unexpected", "error.member.last-owner", "error.member.self.remove", "error.role.name.too-long",
                        "error.workspace.name.link", "error.access.denied", "error.workspace.not-found");
    }

    @Test
    void everyKeyThatTheSampleHostsSourcesAskForIsInItsBundleOrAtriums() throws IOException {
        Set<String> keys = new HashSet<>(load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames());
        keys.addAll(load(HOST.resolve(HOST_BUNDLE + ".properties")).stringPropertyNames());
        assertThat(new TreeSet<>(requiredKeys(HOST))).as("keys missing from the sample host's bundle").isSubsetOf(keys)
                .contains("error.project.name.missing", "error.project.name.invisible", "error.project.not-found");
    }

    @Test
    void everyRateLimitHasTheMessagesOfBothOfItsRefusals() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        for (RateLimit limit : RateLimit.values()) {
            assertThat(keys).contains(AtriumRefusal.MESSAGE_KEY_PREFIX + limit.code(),
                    AtriumRefusal.MESSAGE_KEY_PREFIX + limit.code() + RateLimit.AT_ONCE);
        }
    }

    @Test
    void everyInvitationStatusMailStateAndMailErrorHasItsLabel() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        for (InvitationStatus status : InvitationStatus.values()) {
            assertThat(keys).contains("invitation.status." + status.name().toLowerCase(Locale.ROOT));
        }
        for (MailDelivery mail : MailDelivery.values()) {
            assertThat(keys).contains("invitation.mail." + mail.name().toLowerCase(Locale.ROOT));
        }
        for (MailError.Problem problem : MailError.Problem.values()) {
            assertThat(keys).contains(problem.messageKey());
        }
    }

    @Test
    void everyBuiltInRoleHasItsDescription() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        for (String role : List.of(BuiltInRoles.OWNER, BuiltInRoles.ADMIN, BuiltInRoles.MEMBER, BuiltInRoles.GUEST)) {
            assertThat(keys).contains("role.built-in." + role + ".description");
        }
    }

    @Test
    void everyProblemAnAuditVerificationCanFindHasItsMessage() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        for (AuditVerification.Kind kind : AuditVerification.Kind.values()) {
            assertThat(keys).contains(kind.messageKey());
        }
    }

    @Test
    void everyDomainStatusAndUnverifiedReasonHasItsLabel() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        for (DomainStatus status : DomainStatus.values()) {
            assertThat(keys).contains("domain.status." + status.name().toLowerCase(Locale.ROOT));
        }
        assertThat(keys).contains(WorkspaceDomain.REASON_RECORD_GONE);
    }

    @Test
    void everySsoPresetHasItsLabel() throws IOException {
        Set<String> keys = load(ATRIUM.resolve(ATRIUM_BUNDLE + ".properties")).stringPropertyNames();
        for (SsoPreset preset : SsoPreset.values()) {
            assertThat(keys).contains("sso.preset." + preset.name().toLowerCase(Locale.ROOT));
        }
    }

    private static void assertComplete(Path basename) throws IOException {
        Properties english = load(Path.of(basename + ".properties"));
        Properties german = load(Path.of(basename + "_de.properties"));
        assertThat(german.stringPropertyNames()).as("keys of %s_de", basename).isEqualTo(english.stringPropertyNames());
        for (Properties bundle : List.of(english, german)) {
            for (String key : bundle.stringPropertyNames()) {
                String text = bundle.getProperty(key);
                assertThat(text).as(key).isNotBlank();
                assertThatCode(() -> new MessageFormat(text, Locale.ENGLISH)).as(key).doesNotThrowAnyException();
            }
        }
    }

    /** The keys the main sources under {@code main} ask for: translations and refusals' messages. */
    private static Set<String> requiredKeys(Path main) throws IOException {
        Map<String, String> sources = sources(main.resolve("java"));
        Map<String, String> constants = new HashMap<>();
        Set<String> refusals = new HashSet<>(Set.of("AtriumRefusal"));
        sources.forEach((name, source) -> {
            Matcher constant = CONSTANT.matcher(source);
            while (constant.find()) {
                constants.put(name + "." + constant.group(1), constant.group(2));
            }
            Matcher refusal = REFUSAL_CLASS.matcher(source);
            while (refusal.find()) {
                refusals.add(refusal.group(1));
            }
        });
        Set<String> keys = new TreeSet<>();
        sources.forEach((name, source) -> {
            // A key ending in a dot is the start of one composed from an enum's names; a test of its own covers those.
            find(TRANSLATION, source).flatMap(arg -> resolve(arg, name, constants)).filter(key -> !key.endsWith("."))
                    .forEach(keys::add);
            Stream<String> codes = Stream.of(
                    find(REASON_OF, source).flatMap(arg -> resolve(arg, name, constants)),
                    find(TEXT_PROBLEM, source).flatMap(arg -> resolve(arg, name, constants))
                            .flatMap(field -> Stream.of(field + DisplayText.TOO_LONG, field + DisplayText.INVISIBLE)),
                    find(LINK_PROBLEM, source).flatMap(arg -> resolve(arg, name, constants)).map(field -> field + DisplayText.LINK),
                    memberRules(source),
                    refusalConstructions(source, name, refusals)).flatMap(s -> s);
            codes.forEach(code -> keys.add(AtriumRefusal.MESSAGE_KEY_PREFIX + code));
        });
        return keys;
    }

    /** The code of {@code new SomeRefusal(…, "code", …)} and of {@code super("code", …)} in a refusal class. */
    private static Stream<String> refusalConstructions(String source, String name, Set<String> refusals) {
        List<String> codes = new ArrayList<>();
        Matcher call = Pattern.compile("(?:new (\\w+)|\\bsuper)\\(").matcher(source);
        while (call.find()) {
            boolean refusal = call.group(1) == null ? refusals.contains(name) : refusals.contains(call.group(1));
            if (!refusal) {
                continue;
            }
            int end = source.indexOf(';', call.end());
            Matcher literal = DOTTED_LITERAL.matcher(source.substring(call.end(), end < 0 ? source.length() : end));
            if (literal.find()) {
                codes.add(literal.group(1));
            }
        }
        return codes.stream();
    }

    private static Stream<String> memberRules(String source) {
        List<String> codes = new ArrayList<>();
        Matcher rule = MEMBER_RULE.matcher(source);
        while (rule.find()) {
            String code = MemberRuleException.Rule.valueOf(rule.group(1)).code();
            codes.add(rule.group(2) == null ? code : code + "." + rule.group(2).toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return codes.stream();
    }

    /**
     * A string literal, or a constant of this class or {@code Class.CONSTANT}, as its value; nothing for a variable
     * (code that passes a key or code on, such as {@code AtriumRefusal} itself) or a parameter's declaration.
     */
    private static Stream<String> resolve(String argument, String className, Map<String, String> constants) {
        if (argument.startsWith("\"")) {
            return Stream.of(argument.substring(1, argument.length() - 1));
        }
        if (!CONSTANT_NAME.matcher(argument).matches()) {
            return Stream.empty();
        }
        String qualified = argument.contains(".") ? argument : className + "." + argument;
        String value = constants.get(qualified);
        assertThat(value).as("the value of the constant %s", qualified).isNotNull();
        return Stream.of(value);
    }

    private static Stream<String> find(Pattern pattern, String source) {
        return pattern.matcher(source).results().map(result -> result.group(1));
    }

    /** Simple class name to source, of every Java file under {@code root}. */
    private static Map<String, String> sources(Path root) throws IOException {
        Map<String, String> sources = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file.getFileName().toString().replace(".java", ""), Files.readString(file));
            }
        }
        return sources;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
