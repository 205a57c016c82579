/**
 * Members of a workspace: the members grid's pages, role changes, removal, leaving and ownership transfer, each
 * locking what its rule reads; and the one writer of a membership (the workspace's member row and the platform's
 * membership index together), which other packages reach only through {@link dev.atrium.admin.member.Memberships}:
 * founding a workspace being created, or joining one with an invitee scope.
 */
@NullMarked
package dev.atrium.admin.member;

import org.jspecify.annotations.NullMarked;
