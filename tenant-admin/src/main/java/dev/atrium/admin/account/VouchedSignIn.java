package dev.atrium.admin.account;

/** The account a connection's identity signed in as, and how it was found. */
public record VouchedSignIn(Account account, How how) {

    public enum How {
        /** The identity had signed in before. */
        KNOWN,
        /** The identity was linked to the existing account with its verified e-mail address. */
        LINKED,
        /** A new account was made for the identity. */
        CREATED
    }
}
