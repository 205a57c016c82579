package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A confirmed bulk invite as stored: who confirmed it and when, how many of its rows were to invite and how many of
 * those are done, and when it finished (null while rows are left).
 */
public record BulkJob(UUID id, UUID confirmedBy, OffsetDateTime confirmedAt, @Nullable OffsetDateTime finishedAt, int toInvite, int done) {

    public boolean finished() {
        return finishedAt != null;
    }
}
