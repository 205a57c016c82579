package dev.atrium.admin.bench;

import java.util.Arrays;

/** Summary statistics of timing samples (nanoseconds) for the benchmarks' reports. */
public final class Stats {

    private Stats() {
    }

    public static double median(long[] values) {
        long[] sorted = sorted(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Nearest-rank 90th percentile. */
    public static double p90(long[] values) {
        return percentile(values, 0.9);
    }

    /** Nearest-rank percentile, {@code fraction} from 0 (exclusive) to 1. */
    public static double percentile(long[] values, double fraction) {
        long[] sorted = sorted(values);
        return sorted[(int) Math.ceil(fraction * sorted.length) - 1];
    }

    public static double min(long[] values) {
        return sorted(values)[0];
    }

    public static double max(long[] values) {
        long[] sorted = sorted(values);
        return sorted[sorted.length - 1];
    }

    /** Element-wise sum of two samples of the same length. */
    public static long[] sum(long[] a, long[] b) {
        long[] sum = new long[a.length];
        for (int k = 0; k < a.length; k++) {
            sum[k] = a[k] + b[k];
        }
        return sum;
    }

    public static double ratio(double a, double b) {
        return a / b;
    }

    public static double ms(double nanos) {
        return nanos / 1e6;
    }

    public static double us(double nanos) {
        return nanos / 1e3;
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
