package dev.atrium.admin.keys;

import static dev.atrium.admin.bench.Stats.median;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atrium.admin.bench.Report;

/**
 * What a key directory costs each MAC: every audit event's link asks the keyring for the chain's MAC, which checks the
 * keyset file for another node's rotation. Threads compute MACs of an audit link's size through a keyring with a key
 * directory, against one whose keys live in memory (the baseline), in one run. Not a test: run with {@code -Pbench},
 * see README "Benchmarks". Report: {@code tenant-admin/target/bench/keyring.txt}.
 */
class KeyringBenchmark {

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final int CALLS = 200_000;
    private static final int ROUNDS = 7;
    /** About an audit event's canonical content with the previous link in front of it. */
    private static final byte[] LINK_INPUT = new byte[400];

    @TempDir Path directory;

    @Test
    void macsThroughAKeyDirectoryAgainstKeysInMemory() throws Exception {
        long[] inMemory = rounds(new Keyring(""));
        long[] withDirectory = rounds(new Keyring(directory.toString()));

        Report report = new Report();
        report.rule();
        report.line("Keyring: MACs of %d bytes for the audit chain, %d threads released together, %,d calls each", LINK_INPUT.length,
                THREADS, CALLS);
        report.line("  java %s, %d CPUs; median of %d rounds, the first of each kind's being a warm-up too", Runtime.version(),
                THREADS, ROUNDS);
        report.rule();
        report.line("  keys in memory (baseline)     %6.2f us a MAC per thread, %,12.0f MACs/s", perMac(inMemory), perSecond(inMemory));
        report.line("  keys in a directory           %6.2f us a MAC per thread, %,12.0f MACs/s", perMac(withDirectory),
                perSecond(withDirectory));
        report.line("  ratio directory / memory      %6.2f x the time a MAC", median(withDirectory) / median(inMemory));
        report.print(Path.of(System.getProperty("bench.report", "target/bench/keyring.txt")));
    }

    /** Nanoseconds each round took, all threads' calls together. */
    private static long[] rounds(Keyring keyring) throws Exception {
        long[] nanos = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            CountDownLatch start = new CountDownLatch(1);
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = Thread.ofPlatform().start(() -> macs(keyring, start));
            }
            long begun = System.nanoTime();
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            nanos[round] = System.nanoTime() - begun;
        }
        return nanos;
    }

    private static void macs(Keyring keyring, CountDownLatch start) {
        try {
            start.await();
            for (int k = 0; k < CALLS; k++) {
                keyring.mac(KeyPurpose.AUDIT_CHAIN).computeMac(LINK_INPUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double perMac(long[] nanos) {
        return median(nanos) / 1e3 / CALLS;
    }

    private static double perSecond(long[] nanos) {
        return THREADS * (double) CALLS / (median(nanos) / 1e9);
    }
}
