package dev.skeleton.storage.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints what a store holds in memory at a moment of a large-store benchmark, as one
 * {@code # heap after ...} line: the Java heap in use after a {@code System.gc()} (what the
 * engine keeps reachable, garbage gone), the heap's maximum, and, on Linux, the process's resident
 * memory, which also counts what RocksDB keeps outside the heap (its memtable and block cache) and
 * the memory-mapped or cached file pages a process touches. Called from set-ups and tear-downs,
 * never inside a measurement: the collection it forces takes time.
 */
final class LargeHeap {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final double MIB = 1024.0 * 1024.0;

    private LargeHeap() {
    }

    /**
     * Collects garbage and prints the heap in use.
     *
     * @param moment what just happened, e.g. "open"
     * @param target the store's target name
     * @param count  how many entries it holds
     */
    static void print(String moment, String target, int count) {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("# heap after %s: %s, %,d keys: %.1f MiB used of %.1f MiB max%s%n", moment, target, count,
                heap.getUsed() / MIB, heap.getMax() / MIB, residentText());
    }

    /** ", process resident 312.5 MiB" from {@code /proc/self/status}, or nothing off Linux. */
    private static String residentText() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    long kib = Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
                    return String.format(", process resident %.1f MiB", kib / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or a format this does not know: the heap figure is the one asked for.
        }
        return "";
    }
}
