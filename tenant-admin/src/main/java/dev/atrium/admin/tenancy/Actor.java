package dev.atrium.admin.tenancy;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who acts in a bound workspace: a member (a person's account), the system (scheduled jobs, outbox delivery,
 * migrations, and later joins by SSO), or an API key. Permission checks, rate limits and audit events take any of
 * them; what each may do is decided in {@code AccessControl}.
 */
public sealed interface Actor {

    /** The system: never obtained from a request, only by the work the system does on its own behalf. */
    Actor SYSTEM = new System();

    enum Kind {
        MEMBER, SYSTEM, API_KEY
    }

    Kind kind();

    /** The account's or the API key's id; null for the system. */
    @Nullable
    UUID id();

    /** A person, by their account. */
    record Member(UUID accountId) implements Actor {

        @Override
        public Kind kind() {
            return Kind.MEMBER;
        }

        @Override
        public UUID id() {
            return accountId;
        }
    }

    /** The system; use {@link Actor#SYSTEM}. */
    record System() implements Actor {

        @Override
        public Kind kind() {
            return Kind.SYSTEM;
        }

        @Override
        public @Nullable UUID id() {
            return null;
        }
    }

    /**
     * An API key, by its id and the name it had when it acted. It acts with its own role, on the authority of the
     * member who created it ({@code createdBy}): what it creates names that account, as what a member creates names them.
     */
    record ApiKey(UUID keyId, String name, UUID createdBy) implements Actor {

        @Override
        public Kind kind() {
            return Kind.API_KEY;
        }

        @Override
        public UUID id() {
            return keyId;
        }
    }
}
