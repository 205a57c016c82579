package dev.atrium.admin.invitation;

/**
 * What a row of a bulk invite file will do (preview) or did (result). Its text is the bundles'
 * {@code bulk.verdict.<name in lower case>}.
 */
public enum BulkVerdict {
    WILL_INVITE,
    INVITED,
    ALREADY_MEMBER,
    ALREADY_INVITED,
    INVALID_ADDRESS,
    UNKNOWN_ROLE,
    ROLE_TOO_STRONG,
    DUPLICATE_IN_FILE,
    /** The member who confirmed the file may no longer invite (lost the permission or left) when the row's turn came. */
    NOT_ALLOWED;

    public String messageKey() {
        return "bulk.verdict." + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
