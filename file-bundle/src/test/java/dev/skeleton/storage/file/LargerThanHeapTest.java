package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data larger than the heap: a child JVM of {@value #HEAP_MB} MB loads about three times that much
 * data into a store with a 4 MiB cache, reopens it and reads every entry back
 * ({@link LargerThanHeapChild}). With every entry in the heap (the first format) the child dies
 * of an {@link OutOfMemoryError} early in the load.
 */
class LargerThanHeapTest {

    private static final int HEAP_MB = 48;
    private static final int ENTRIES = 1_200_000;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aStoreThreeTimesTheHeapLoadsAndReadsBack() throws IOException, InterruptedException {
        Path output = directory.resolve("output");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                LargerThanHeapChild.class.getName(), directory.resolve("big").toString(),
                Integer.toString(ENTRIES), Long.toString(4L << 20))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = child.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        String report = String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        assertTrue(ended, "the child did not finish:\n" + report);
        assertEquals(0, child.exitValue(), "the child failed:\n" + report);
        String[] ok = lines.get(lines.size() - 1).split(" ");
        assertEquals("OK", ok[0], report);
        long dataBytes = Long.parseLong(ok[2]);
        assertTrue(dataBytes > 2L * HEAP_MB * 1024 * 1024, "the data is larger than the heap: " + dataBytes);
        System.out.printf("larger than heap: %d entries, %d MB of data, in a %d MB heap (most used seen %d MB)%n",
                ENTRIES, dataBytes >> 20, HEAP_MB, Long.parseLong(ok[3]) >> 20);
    }
}
