package dev.atrium.admin.refusal;

import java.util.Arrays;
import java.util.List;

/**
 * Why something was refused, as a stable dotted code (e.g. {@code member.last-owner}) and the arguments of its
 * message; the message itself is the bundle's {@code error.<code>}. Arguments are values a message can show as they
 * are (names, numbers), never sentences.
 */
public record Reason(String code, List<Object> args) {

    public Reason {
        args = List.copyOf(args);
    }

    public static Reason of(String code, Object... args) {
        return new Reason(code, Arrays.asList(args));
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
}
