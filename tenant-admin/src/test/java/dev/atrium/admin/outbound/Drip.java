package dev.atrium.admin.outbound;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A server that answers a byte at a time, each in time for a client's read timeout: what a deadline is for. */
public final class Drip {

    /** Far below any read timeout the tests set, so that each read gets a byte in time. */
    private static final long EVERY_MILLIS = 200;

    private Drip() {
    }

    /** Writes one byte after another until {@code stop} is counted down or the client hangs up. */
    public static void until(CountDownLatch stop, OutputStream out) {
        try {
            while (!stop.await(EVERY_MILLIS, TimeUnit.MILLISECONDS)) {
                out.write('x');
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The client hung up, or the test is over.
        }
    }
}
