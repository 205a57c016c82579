package dev.atrium.admin.workspace;

import dev.atrium.admin.refusal.AtriumRefusal;

/** Deleting, restoring or exporting a workspace was refused; nothing changed. */
public class WorkspaceDeletionException extends AtriumRefusal {

    /** Only an Owner deletes, restores or exports a workspace for deletion. */
    public static final String OWNER_ONLY = "workspace.delete.owner-only";
    /** The typed confirmation is not the workspace's name. */
    public static final String NAME_MISMATCH = "workspace.delete.name-mismatch";
    /** The workspace was deleted already (by someone else meanwhile). */
    public static final String ALREADY_DELETED = "workspace.delete.already-deleted";
    /** The workspace is not deleted (restored by someone else meanwhile, or purged). */
    public static final String NOT_DELETED = "workspace.restore.not-deleted";
    /** The grace period is over: the workspace is being dropped. */
    public static final String GRACE_OVER = "workspace.restore.grace-over";

    WorkspaceDeletionException(String code, Object... args) {
        super(code, args);
    }
}
