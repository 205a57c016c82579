package dev.atrium.admin.refusal;

import java.util.List;

/**
 * An operation refused for a reason a person can act on (a rule, their input, their permission); nothing was changed.
 * Every refusal of Atrium (and of a host, if it likes) extends this. {@link #getMessage()} is the code and its
 * arguments, for logs; people see {@code error.<code>} from the bundles, e.g. through {@code Feedback.refusal}.
 */
public abstract class AtriumRefusal extends RuntimeException {

    /** Message keys of refusals are {@code error.<code>}. */
    public static final String MESSAGE_KEY_PREFIX = "error.";

    private final transient Reason reason;

    protected AtriumRefusal(Reason reason) {
        super(reason.toString());
        this.reason = reason;
    }

    protected AtriumRefusal(String code, Object... args) {
        this(Reason.of(code, args));
    }

    public Reason reason() {
        return reason;
    }

    /** Stable, dotted, e.g. {@code member.last-owner}: for callers that react to one refusal, and for the message key. */
    public String code() {
        return reason.code();
    }

    public List<Object> args() {
        return reason.args();
    }

    /** {@code error.<code>}. */
    public String messageKey() {
        return reason.messageKey();
    }
}
