package dev.atrium.admin.member;

/** A membership change that the workspace's rules forbid (e.g. removing its last Owner). Nothing was changed. */
public class MemberRuleException extends RuntimeException {
    public MemberRuleException(String message) {
        super(message);
    }
}
