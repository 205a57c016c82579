package dev.atrium.admin.invitation;

import dev.atrium.admin.text.DisplayText;

/** Narrows the invitations grid: text in the e-mail address and/or one status. Either may be null. */
public record InvitationFilter(String text, InvitationStatus status) {

    /** Longer text cannot be part of an address. */
    private static final int MAX_TEXT_LENGTH = 254;

    public InvitationFilter {
        text = DisplayText.searchText(text, MAX_TEXT_LENGTH);
    }

    public static final InvitationFilter NONE = new InvitationFilter(null, null);

    /** Properties the invitations grid can sort by. */
    public static final String SORT_EMAIL = "email";
    public static final String SORT_ROLE = "role";
    public static final String SORT_SENT = "sent";
    public static final String SORT_EXPIRES = "expires";
    public static final String SORT_STATUS = "status";
}
