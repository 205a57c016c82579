package dev.atrium.admin.invitation;

import java.util.Locale;

/**
 * Why an invitation's latest e-mail was not delivered: a {@link Problem} people read in their language, and for
 * {@link Problem#SERVER_REFUSED} and {@link Problem#ADDRESS_REJECTED} the mail server's own words as an untranslated
 * detail. Stored in one text column as the problem's code, then the detail on the next line; a value from before codes
 * (plain English) reads as the mail server's words.
 */
public record MailError(Problem problem, String detail) {

    /** Details are cut to this length: mail servers can answer at great length. */
    static final int MAX_DETAIL = 500;

    public enum Problem {
        /** No mail server is configured; the link has to be shared by hand. */
        NO_MAIL_SERVER,
        /** The sealed link could not be opened (the secrets key changed); the invitation has to be resent. */
        UNREADABLE_LINK,
        /** The mail server refused the e-mail or could not be reached; {@code detail} says what it answered. */
        SERVER_REFUSED,
        /**
         * The mail server refused the address for good (e.g. no such mailbox), so the e-mail is not tried again;
         * {@code detail} says what it answered.
         */
        ADDRESS_REJECTED;

        String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** E.g. {@code invitation.mail-error.server-refused}. */
        public String messageKey() {
            return "invitation.mail-error." + code();
        }
    }

    public MailError {
        detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }

    static MailError of(Problem problem) {
        return new MailError(problem, null);
    }

    /** As stored in the invitation's {@code mail_error}. */
    String stored() {
        return detail == null ? problem.code() : problem.code() + "\n" + detail;
    }

    /** Null for null. */
    static MailError fromStored(String stored) {
        if (stored == null) {
            return null;
        }
        int end = stored.indexOf('\n');
        String code = end < 0 ? stored : stored.substring(0, end);
        for (Problem problem : Problem.values()) {
            if (problem.code().equals(code)) {
                return new MailError(problem, end < 0 ? null : stored.substring(end + 1));
            }
        }
        return new MailError(Problem.SERVER_REFUSED, stored);
    }

    /** For logs and the audit log, not for people. */
    @Override
    public String toString() {
        return detail == null ? problem.code() : problem.code() + ": " + detail;
    }
}
