package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mail error's problem survives the database as a code, and the mail server's words as they were. */
class MailErrorTest {

    @Test
    void aStoredErrorReadsBackAsItsProblemAndDetail() {
        MailError refused = new MailError(MailError.Problem.SERVER_REFUSED, "550 mailbox unavailable\nsecond line");
        assertThat(MailError.fromStored(refused.stored())).isEqualTo(refused);
        assertThat(MailError.fromStored(MailError.of(MailError.Problem.NO_MAIL_SERVER).stored()))
                .isEqualTo(MailError.of(MailError.Problem.NO_MAIL_SERVER));
        assertThat(MailError.fromStored(null)).isNull();
    }

    @Test
    void anErrorStoredBeforeCodesReadsAsTheMailServersWords() {
        assertThat(MailError.fromStored("Connection refused"))
                .isEqualTo(new MailError(MailError.Problem.SERVER_REFUSED, "Connection refused"));
    }
}
