package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit and reopening, measured: concurrent durable writers share fsyncs, and a store of
 * 100,000 keys reopens from its checkpoint without replaying history. The figures are printed;
 * the assertions only check what holds on any machine.
 */
class DurabilityFiguresTest {

    private static final long MEASURE_MILLIS = 1_500;

    @TempDir
    Path directory;

    /** Durable writes per second with {@code writers} threads, and how many fsyncs they shared. */
    private long[] measure(String name, int writers) throws InterruptedException {
        try (FileStore store = (FileStore) new FileEngine().create(name, directory.resolve(name).toString(),
                Config.of("sync", "always"))) {
            AtomicLong done = new AtomicLong();
            long until = System.nanoTime() + MEASURE_MILLIS * 1_000_000;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < writers; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    for (long i = 0; System.nanoTime() < until; i++) {
                        store.set(utf8("w" + thread + "-" + (i % 100)), utf8("value " + i));
                        done.incrementAndGet();
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            return new long[] {done.get() * 1000 / MEASURE_MILLIS, done.get(), store.log().forces()};
        }
    }

    @Test
    void concurrentDurableWritersShareFsyncs() throws InterruptedException {
        long[] one = measure("one", 1);
        long[] eight = measure("eight", 8);
        System.out.printf("sync=always: 1 writer %d writes/s (%d writes, %d fsyncs); 8 writers %d writes/s"
                + " (%d writes, %d fsyncs, %.1f writes per fsync)%n", one[0], one[1], one[2], eight[0], eight[1],
                eight[2], (double) eight[1] / Math.max(1, eight[2]));
        assertTrue(one[2] >= one[1], "a single writer forces once per write");
        assertTrue(eight[2] < eight[1], "eight writers share forces: " + eight[2] + " forces for " + eight[1] + " writes");
    }

    @Test
    void reopeningAHundredThousandKeysReadsTheCheckpoint() throws IOException {
        String path = directory.resolve("big").toString();
        try (FileStore store = (FileStore) new FileEngine().create("big", path, Config.of("sync", "never"))) {
            for (int i = 0; i < 100_000; i++) {
                store.set(utf8(String.format("key-%08d", i)), utf8("value-" + i));
            }
            reopenTimed(store, path, "by replaying the log").close();
        }
        try (FileStore store = (FileStore) new FileEngine().open("big", path)) {
            store.checkpoint();
            Store reopened = reopenTimed(store, path, "from the checkpoint");
            assertEquals(100_000, countKeys(reopened));
            reopened.close();
        }
    }

    private static Store reopenTimed(Store store, String path, String how) {
        store.close();
        long start = System.nanoTime();
        Store reopened = new FileEngine().open("big", path);
        System.out.printf("reopen of 100,000 keys %s: %d ms%n", how, (System.nanoTime() - start) / 1_000_000);
        return reopened;
    }

    private static long countKeys(Store store) {
        long[] count = {0};
        store.iterate((key, value) -> ++count[0] > 0);
        return count[0];
    }
}
