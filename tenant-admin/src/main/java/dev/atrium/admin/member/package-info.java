/**
 * Members of a workspace: the members grid's pages, role changes, removal, leaving and ownership transfer, each
 * locking what its rule reads; and {@link dev.atrium.admin.member.MembershipRepository}, the one writer of a
 * membership (the workspace's member row and the platform's membership index together).
 */
@NullMarked
package dev.atrium.admin.member;

import org.jspecify.annotations.NullMarked;
