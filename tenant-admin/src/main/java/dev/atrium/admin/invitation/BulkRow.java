package dev.atrium.admin.invitation;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row of a bulk invite file: its line in the file, the address and role name as written, the role it names
 * (null when none does) and its verdict.
 */
public record BulkRow(long line, String email, String roleName, @Nullable UUID roleId, BulkVerdict verdict) {

    BulkRow withVerdict(BulkVerdict changed) {
        return new BulkRow(line, email, roleName, roleId, changed);
    }
}
