package dev.atrium.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs actions at the same moment: each on its own thread, released together by a barrier. Property tests repeat a
 * race and count the runs that broke an invariant.
 */
public final class Races {

    private Races() {
    }

    /** What became of each action, in the order given: {@code null} when it succeeded, else what it threw. */
    public static List<Throwable> run(Runnable... actions) {
        CyclicBarrier start = new CyclicBarrier(actions.length);
        ExecutorService threads = Executors.newFixedThreadPool(actions.length);
        try {
            List<Future<Throwable>> outcomes = new ArrayList<>();
            for (Runnable action : actions) {
                outcomes.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        action.run();
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Throwable> results = new ArrayList<>();
            for (Future<Throwable> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("A racing action did not finish", e);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Prints and returns the measured rate, so that a run's report shows it. */
    public static String rate(String invariant, int violations, int races) {
        String line = "[invariant] " + invariant + ": " + violations + " of " + races + " races broke it";
        System.out.println(line);
        return line;
    }
}
