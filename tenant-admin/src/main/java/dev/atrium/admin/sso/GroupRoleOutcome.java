package dev.atrium.admin.sso;

import org.jspecify.annotations.Nullable;

/**
 * What applying the group mappings at a sign-in did.
 *
 * @param roleName the member's role afterwards (null when they are not a member)
 */
public record GroupRoleOutcome(Result result, @Nullable String roleName) {

    public enum Result {
        /** No mapped group among the person's groups: their role was left as it was. */
        NO_MATCH,
        /** The person is not a member of the workspace. */
        NOT_A_MEMBER,
        /** Owners are never changed by a mapping. */
        OWNER,
        /** Every matching row's configurer may no longer grant its role: nothing changed, each skip audited. */
        SKIPPED,
        /** The member already had the mapped role. */
        UNCHANGED,
        CHANGED
    }
}
