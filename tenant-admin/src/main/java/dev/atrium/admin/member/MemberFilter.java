package dev.atrium.admin.member;

import java.util.UUID;

import dev.atrium.admin.text.DisplayText;

/** Narrows the members grid: text found in name or e-mail, and/or one role. Either may be null. */
public record MemberFilter(String text, UUID roleId) {

    /** Longer text cannot be part of a name or an address. */
    private static final int MAX_TEXT_LENGTH = 254;

    public MemberFilter {
        text = DisplayText.searchText(text, MAX_TEXT_LENGTH);
    }

    public static final MemberFilter NONE = new MemberFilter(null, null);

    /** Properties the members grid can sort by. */
    public static final String SORT_NAME = "name";
    public static final String SORT_EMAIL = "email";
    public static final String SORT_ROLE = "role";
    public static final String SORT_JOINED = "joined";
    public static final String SORT_LAST_ACTIVE = "lastActive";
}
