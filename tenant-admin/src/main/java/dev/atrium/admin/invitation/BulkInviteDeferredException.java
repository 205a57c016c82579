package dev.atrium.admin.invitation;

import java.util.concurrent.CancellationException;

/**
 * A confirmed bulk invite this node could not start now, because it already invites as many files as it runs at once:
 * its rows stay listed, and the cluster job invites them within minutes. Not a failure the person can act on.
 */
public class BulkInviteDeferredException extends CancellationException {

    BulkInviteDeferredException(int runs) {
        super("This node invites " + runs + " files already; the cluster job invites the rows left");
    }
}
