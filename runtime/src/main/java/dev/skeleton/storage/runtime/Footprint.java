package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The memory the launcher's JVM uses: the heap in use (after a garbage collection, so that it
 * counts live objects) and, where the operating system tells it, the resident set size.
 *
 * @param heapUsedBytes heap in use after a collection
 * @param rssBytes      resident set size, empty where unknown (it is read from
 *                      {@code /proc/self/status}, so on Linux only)
 */
record Footprint(long heapUsedBytes, OptionalLong rssBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long MIB = 1024 * 1024;

    /**
     * Measures now. Collects garbage first: call it once, when the measure is asked for.
     *
     * @return the footprint
     */
    static Footprint measure() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return new Footprint(runtime.totalMemory() - runtime.freeMemory(), residentSetSize(STATUS));
    }

    /**
     * The {@code VmRSS} line of a {@code /proc/<pid>/status} file.
     *
     * @param status the file
     * @return the size in bytes, empty if the file or the line is missing
     */
    static OptionalLong residentSetSize(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                // "VmRSS:     81234 kB"
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: the size is unknown.
        }
        return OptionalLong.empty();
    }

    /**
     * For people.
     *
     * @return such as {@code heap 9 MiB used, RSS 84 MiB}
     */
    String describe() {
        String heap = "heap " + heapUsedBytes / MIB + " MiB used";
        return rssBytes.isPresent() ? heap + ", RSS " + rssBytes.getAsLong() / MIB + " MiB" : heap;
    }
}
