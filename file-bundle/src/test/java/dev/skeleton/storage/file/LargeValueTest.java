package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values of 16 MiB live in value files: many of them fit a heap smaller than their sum, they are
 * read back exactly, survive transactions, versions and reopening, and their files are collected
 * once nothing refers to them, but never under a reader. Surefire runs this with {@code -Xmx256m}.
 */
class LargeValueTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path directory;

    /** A 16 MiB value whose bytes depend on {@code seed}; cheap to make, easy to tell apart. */
    private static byte[] value(int seed) {
        byte[] value = new byte[16 * MIB];
        for (int i = 0; i < value.length; i += 4096) {
            value[i] = (byte) (seed + i / 4096);
        }
        value[value.length - 1] = (byte) seed;
        return value;
    }

    private Store create(Tuning tuning, Config config) {
        return new FileEngine(tuning).create("s", directory.resolve("s").toString(), config);
    }

    private long valueFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("s"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(StoreFiles.VALUE)).count();
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void moreLargeValuesThanTheHeapHoldsAreStoredAndReadBack() {
        long before = usedHeap();
        try (Store store = create(Tuning.DEFAULTS, Config.of("sync", "never"))) {
            for (int i = 0; i < 20; i++) {
                store.set(utf8("big" + i), value(i));
            }
            long held = usedHeap() - before;
            assertTrue(held < 48L * MIB, "320 MiB of values must not stay on the heap; it grew by " + held / MIB + " MiB");
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(value(i), store.get(utf8("big" + i)), "value " + i);
            }
            int[] visited = {0};
            store.iterate((key, value) -> {
                visited[0]++;
                return value.length == 16 * MIB;
            });
            assertEquals(20, visited[0]);
        }
    }

    @Test
    void largeValuesSurviveTransactionsVersionsAndReopen() {
        Store store = create(Tuning.DEFAULTS, Config.of("sync", "always"));
        try (Transaction tx = ((Transactional) store).beginTx()) {
            tx.set(utf8("big"), value(1));
            assertArrayEquals(value(1), tx.get(utf8("big")), "a transaction reads its own large write");
            tx.commit();
        }
        Versioned versioned = (Versioned) store;
        byte[] hashOfOne = versioned.saveVersion().hash();
        store.set(utf8("big"), value(2));
        versioned.saveVersion();
        versioned.loadVersion(1);
        assertArrayEquals(value(1), store.get(utf8("big")));
        store.close();

        try (Store reopened = new FileEngine().open("s", directory.resolve("s").toString())) {
            assertArrayEquals(value(1), reopened.get(utf8("big")));
            ((Versioned) reopened).loadVersion(2);
            assertArrayEquals(value(2), reopened.get(utf8("big")));
            reopened.set(utf8("big"), value(1));
            assertArrayEquals(hashOfOne, ((Versioned) reopened).saveVersion().hash(),
                    "the hash of a large value is the same whether hashed at write or after reopen");
        }
    }

    @Test
    void aCallerChangingItsArrayDuringTheWriteCannotDamageWhatIsStored() throws Exception {
        byte[] changing = value(5);
        Thread scribbler = new Thread(() -> {
            for (int round = 0; !Thread.currentThread().isInterrupted(); round++) {
                for (int i = 0; i < changing.length; i += 997) {
                    changing[i] = (byte) round;
                }
            }
        });
        String path = directory.resolve("s").toString();
        byte[] stored;
        byte[] hash;
        scribbler.start();
        try (Store store = new FileEngine().create("s", path, Config.of("sync", "always"))) {
            store.set(utf8("big"), changing);
            scribbler.interrupt();
            scribbler.join();
            stored = store.get(utf8("big"));
            hash = ((Versioned) store).saveVersion().hash();
        }
        try (Store other = new FileEngine().create("t", directory.resolve("t").toString(), Config.empty())) {
            other.set(utf8("big"), stored);
            assertArrayEquals(hash, ((Versioned) other).saveVersion().hash(),
                    "the seed of the stored value is that of the bytes stored, whatever the array held meanwhile");
        }
        try (Store reopened = new FileEngine().open("s", path)) {
            assertArrayEquals(stored, reopened.get(utf8("big")), "the checksum holds for what was stored");
        }
    }

    @Test
    void compressionShrinksTheValueFiles() throws IOException {
        try (Store store = create(Tuning.DEFAULTS, Config.of("compression", true, "sync", "never"))) {
            store.set(utf8("big"), value(3));
            assertArrayEquals(value(3), store.get(utf8("big")));
        }
        try (Stream<Path> files = Files.list(directory.resolve("s"))) {
            long stored = files.filter(f -> f.getFileName().toString().startsWith(StoreFiles.VALUE))
                    .mapToLong(f -> f.toFile().length()).sum();
            assertTrue(stored < MIB, "a compressible 16 MiB value takes " + stored + " bytes");
        }
    }

    @Test
    void overwrittenValuesAreCollectedAfterTwoCheckpoints() throws IOException {
        try (FileStore store = (FileStore) create(new Tuning(MIB, 1L << 40, 4), Config.of("sync", "never"))) {
            for (int i = 0; i < 5; i++) {
                store.set(utf8("big"), value(i));
            }
            assertEquals(5, valueFiles());
            store.checkpoint();
            store.checkpoint();
            assertEquals(1, valueFiles(), "only the value still referred to is left");
            assertArrayEquals(value(4), store.get(utf8("big")));
        }
    }

    @Test
    void aReaderKeepsTheValueFilesOfItsSnapshot() throws Exception {
        try (FileStore store = (FileStore) create(new Tuning(MIB, 1L << 40, 4), Config.of("sync", "never"))) {
            store.set(utf8("a"), utf8("small"));
            store.set(utf8("big"), value(1));
            CountDownLatch atFirstKey = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            AtomicReference<byte[]> seen = new AtomicReference<>();
            Thread reader = new Thread(() -> store.iterate((key, value) -> {
                if (key.length == 1) {
                    atFirstKey.countDown();
                    await(goOn);
                } else {
                    seen.set(value);
                }
                return true;
            }));
            reader.start();
            assertTrue(atFirstKey.await(10, TimeUnit.SECONDS));
            store.set(utf8("big"), value(2));
            store.checkpoint();
            store.checkpoint();
            store.checkpoint();
            assertEquals(2, valueFiles(), "the reader's value file is kept");
            goOn.countDown();
            reader.join(10_000);

            assertTrue(Arrays.equals(value(1), seen.get()), "the iteration read its snapshot's value");
            store.checkpoint();
            assertEquals(1, valueFiles(), "collected once the reader is gone");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
