package dev.atrium.e2e.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The live objects of this JVM by class, as the JVM's own class histogram reports them ({@code jcmd GC.class_histogram}
 * through the DiagnosticCommand MBean): it runs a full collection first, so only reachable objects are counted.
 * Before it, {@link System#gc()} runs until the used heap no longer shrinks, so that objects waiting for finalisation
 * or cleaners are gone too. {@link #measure} writes the histogram to a file and keeps nothing of it in memory, so that
 * an earlier measurement's own ten thousand rows are not counted as growth by the next; {@link #read} parses it later.
 */
record LiveHeap(long bytes, long usedAfterGc, Map<String, long[]> byClass) {

    private static final long SETTLED = 64 * 1024;
    private static final long CLEANERS_MS = 200;
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /**
     * Measures the live heap now and writes it to {@code file}: the used heap after GC, then the class histogram. With
     * {@code -Dbench.heap-dump=true} also a heap dump of the live objects beside it ({@code .hprof}), to see who holds
     * what grew (e.g. with a dump differ grouping objects by the chain of objects holding them).
     */
    static Path measure(Path file) throws IOException {
        long used = settle();
        Files.writeString(file, used + "\n" + histogram());
        if (Boolean.getBoolean("bench.heap-dump")) {
            Path dump = file.resolveSibling(file.getFileName().toString().replace(".txt", ".hprof"));
            Files.deleteIfExists(dump);
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
        }
        return file;
    }

    /** A measurement {@link #measure} wrote. */
    static LiveHeap read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        long used = Long.parseLong(lines.getFirst());
        Map<String, long[]> byClass = new HashMap<>();
        long total = 0;
        for (String line : lines.subList(1, lines.size())) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                long instances = Long.parseLong(row.group(1));
                long size = Long.parseLong(row.group(2));
                byClass.merge(row.group(3), new long[] { instances, size }, (a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
                total += size;
            }
        }
        return new LiveHeap(total, used, byClass);
    }

    /**
     * Full collections until the used heap changes by less than {@link #SETTLED} twice in a row; the used heap then.
     * Between them a pause lets the JVM's cleaner threads run: what waits for its cleaner is still reachable (a closed
     * jar's central directory, hundreds of KiB, is one such). Once a histogram counted 3 MB more byte arrays than the
     * heap dump taken right after it.
     */
    private static long settle() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = Long.MAX_VALUE;
        int stable = 0;
        for (int round = 0; round < 20 && stable < 2; round++) {
            System.gc();
            try {
                Thread.sleep(CLEANERS_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = memory.getHeapMemoryUsage().getUsed();
            stable = Math.abs(before - used) < SETTLED ? stable + 1 : 0;
            before = used;
        }
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String histogram() {
        try {
            return (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] { new String[0] }, new String[] { String[].class.getName() });
        } catch (JMException e) {
            throw new IllegalStateException("The JVM's class histogram is not available", e);
        }
    }

    /** Per class: instances and bytes of {@code after} less {@code before}, largest byte growth first. */
    static List<Map.Entry<String, long[]>> growth(LiveHeap before, LiveHeap after) {
        Map<String, long[]> delta = new HashMap<>();
        after.byClass.forEach((name, counts) -> {
            long[] was = before.byClass.getOrDefault(name, new long[2]);
            delta.put(name, new long[] { counts[0] - was[0], counts[1] - was[1] });
        });
        before.byClass.forEach((name, counts) -> delta.putIfAbsent(name, new long[] { -counts[0], -counts[1] }));
        return delta.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .toList();
    }

    /** Bytes and instances grown in the classes the predicate picks. */
    static long[] growthOf(List<Map.Entry<String, long[]>> growth, Predicate<String> classes) {
        long[] sum = new long[2];
        growth.stream().filter(e -> classes.test(e.getKey())).forEach(e -> {
            sum[0] += e.getValue()[0];
            sum[1] += e.getValue()[1];
        });
        return sum;
    }
}
