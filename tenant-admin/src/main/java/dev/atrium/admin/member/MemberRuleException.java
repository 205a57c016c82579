package dev.atrium.admin.member;

import java.util.Locale;

import dev.atrium.admin.refusal.AtriumRefusal;

/** A membership change that the workspace's rules forbid (e.g. removing its last Owner). Nothing was changed. */
public class MemberRuleException extends AtriumRefusal {

    /** Which rule refused the change; stable, for callers that react to one of them. */
    public enum Rule {
        /** Nobody changes their own role, removes themselves (they leave) or transfers ownership to themselves. */
        SELF("member.self"),
        /** The person is not (or no longer) a member of the workspace. */
        NOT_A_MEMBER("member.not-a-member"),
        /** The chosen role no longer exists. */
        NO_SUCH_ROLE("member.no-such-role"),
        /** Only an Owner changes or removes an Owner. */
        OWNER_ONLY("member.owner-only"),
        /** The workspace would be left without an Owner. */
        LAST_OWNER("member.last-owner");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** What was refused, where one rule refuses several operations and the message names the operation. */
    enum Operation {
        CHANGE_ROLE, REMOVE, TRANSFER;

        /** {@code change-role}, {@code remove}, {@code transfer}. */
        String suffix() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Rule rule;

    MemberRuleException(Rule rule) {
        super(rule.code());
        this.rule = rule;
    }

    /** Code {@code <rule's code>.<operation>}, e.g. {@code member.self.remove}. */
    MemberRuleException(Rule rule, Operation operation) {
        super(rule.code() + "." + operation.suffix());
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
