package dev.atrium.admin.refusal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why something was refused, as a stable dotted code (e.g. {@code member.last-owner}) and the arguments of its
 * message; the message itself is the bundle's {@code error.<code>}. Arguments are values a message can show as they
 * are (names, numbers), never sentences, or {@link Texts}: things the bundles name, such as permissions, shown in the
 * reader's language.
 */
public record Reason(String code, List<Object> args) {

    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(String code, Object... args) {
        return new Reason(code, Arrays.asList(args));
    }

    /** The arguments as a person reads them: {@link Texts} worded by {@code translate} (key to text), others as they are. */
    public Object[] args(Function<String, String> translate) {
        return args.stream().map(arg -> arg instanceof Texts texts ? texts.worded(translate) : arg).toArray();
    }

    /** The key of this reason's message in the bundles. */
    public String messageKey() {
        return AtriumRefusal.MESSAGE_KEY_PREFIX + code;
    }

    /** For logs, not for people: the code and its arguments. */
    @Override
    public String toString() {
        return args.isEmpty() ? code : code + " " + args;
    }

    /** An argument shown as the texts of these message keys, joined by ", ". */
    public record Texts(List<String> keys) {

        public Texts {
            keys = List.copyOf(keys);
        }

        public static Texts of(Collection<String> keys) {
            return new Texts(List.copyOf(keys));
        }

        String worded(Function<String, String> translate) {
            return keys.stream().map(translate).collect(Collectors.joining(", "));
        }

        /** For logs: the keys. */
        @Override
        public String toString() {
            return String.join(", ", keys);
        }
    }
}
