package dev.atrium.admin.keys;

/** A keyset could not be read, generated or used: the operation that needed it cannot go on safely. */
public class KeyringException extends IllegalStateException {

    KeyringException(KeyPurpose purpose, Exception cause) {
        super("The " + purpose + " keyset is unusable: " + cause.getMessage(), cause);
    }

    KeyringException(KeyPurpose purpose, String problem) {
        super("The " + purpose + " keyset is unusable: " + problem);
    }
}
