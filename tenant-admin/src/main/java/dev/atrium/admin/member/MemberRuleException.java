package dev.atrium.admin.member;

/** A membership change that the workspace's rules forbid (e.g. removing its last Owner). Nothing was changed. */
public class MemberRuleException extends RuntimeException {

    /** Which rule refused the change; stable, for callers that react to one of them. */
    public enum Code {
        /** Nobody changes their own role, removes themselves (they leave) or transfers ownership to themselves. */
        SELF,
        /** The person is not (or no longer) a member of the workspace. */
        NOT_A_MEMBER,
        /** The chosen role no longer exists. */
        NO_SUCH_ROLE,
        /** Only an Owner changes or removes an Owner. */
        OWNER_ONLY,
        /** The workspace would be left without an Owner. */
        LAST_OWNER
    }

    private final Code code;

    public MemberRuleException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
