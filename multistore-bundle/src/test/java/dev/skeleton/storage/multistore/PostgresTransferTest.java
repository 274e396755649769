package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.core.ContentHash;
import dev.skeleton.storage.postgres.PostgresEngine;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Moves and dumps through the postgres engine on a real PostgreSQL server ({@link TestPostgres};
 * skipped without one), beside the memory and file engines: moves from file to postgres and back,
 * twice, under four writers, and a round trip memory, file, postgres, memory through dumps.
 */
class PostgresTransferTest extends TransferTestSupport {

    static final String POSTGRES = PostgresEngine.NAME;
    private static final int WRITERS = 4;

    private TestPostgres postgres;
    private PostgresEngine engine;

    /** The memory and file engines, and one postgres engine on this test's schema, kept across restarts. */
    @Override
    DefaultMultiStore open() {
        if (postgres == null) {
            postgres = TestPostgres.create();
            engine = postgres.engine();
        }
        DefaultMultiStore opened = super.open();
        opened.registerEngine(engine);
        return opened;
    }

    /** Closes the multistore before the engine under it (the superclass then has nothing left to close). */
    @AfterEach
    void closePostgres() {
        if (stores != null) {
            stores.close();
            stores = null;
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** What one writer did: its acknowledged commits and the longest that one write took. */
    private static final class Writer {
        final AtomicLong commits = new AtomicLong();
        final AtomicLong longestNanos = new AtomicLong();
        final AtomicLong writes = new AtomicLong();

        void took(long nanos) {
            writes.incrementAndGet();
            longestNanos.accumulateAndGet(nanos, Math::max);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fourWritersThroughHandlesLoseNothingAndApplyNothingTwiceAcrossMovesToPostgresAndBack() throws Exception {
        Store handle = filled("busy", FILE, 5_000);
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        List<Writer> writers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int number = w;
            Writer writer = new Writer();
            writers.add(writer);
            Thread thread = new Thread(() -> {
                try {
                    write(handle, number, stop, acknowledged, writer);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "writer-" + w);
            thread.start();
            threads.add(thread);
        }
        List<TransferReport> moves = new ArrayList<>();
        try {
            Thread.sleep(200);
            for (String to : List.of(POSTGRES, FILE, POSTGRES, FILE)) {
                moves.add(stores.moveStore("busy", to, TransferListener.NONE));
                assertEquals(to, stores.storeInfo("busy").engine());
                Thread.sleep(200);
            }
        } finally {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
        assertEquals(List.of(), failures);
        printPauses(moves, writers);

        assertSame(handle, stores.getStore("busy"));
        acknowledged.forEach((key, value) -> assertArrayEquals(value, handle.get(bytes(key)), key));
        for (int w = 0; w < WRITERS; w++) {
            // Each acknowledged commit added one to the writer's counter: none lost, none applied twice.
            assertEquals(writers.get(w).commits.get(), ByteBuffer.wrap(handle.get(counter(w))).getLong(), "writer " + w);
            assertTrue(writers.get(w).commits.get() > 0, "writer " + w + " committed during the moves");
        }
        byte[] expected = expectedHash(acknowledged, writers);
        assertArrayEquals(expected, hashOf(handle), "nothing but the acknowledged writes is in the store");
        TransferReport still = stores.moveStore("busy", POSTGRES, TransferListener.NONE);
        assertArrayEquals(expected, still.hash(), "the move of the quiet store reports the same content");
        assertArrayEquals(expected, hashOf(handle));
        for (TransferReport move : moves) {
            assertTrue(move.longestPause().compareTo(Duration.ofSeconds(5)) < 0, "longest pause " + move.longestPause());
        }
    }

    /** Plain sets of new keys and counter increments in transactions, each recorded once acknowledged. */
    private static void write(Store handle, int number, AtomicBoolean stop, Map<String, byte[]> acknowledged,
            Writer writer) {
        byte[] counter = counter(number);
        handle.set(counter, ByteBuffer.allocate(8).putLong(0).array());
        for (long i = 0; !stop.get(); i++) {
            String key = "w" + number + "-" + i;
            byte[] value = bytes("v" + i);
            long started = System.nanoTime();
            handle.set(bytes(key), value);
            writer.took(System.nanoTime() - started);
            acknowledged.put(key, value);
            started = System.nanoTime();
            try (Transaction tx = ((Transactional) handle).beginTx()) {
                long now = ByteBuffer.wrap(tx.get(counter)).getLong();
                tx.set(counter, ByteBuffer.allocate(8).putLong(now + 1).array());
                tx.commit();
                writer.commits.incrementAndGet();
            } catch (StorageException e) {
                // A transaction open across the switch ends with ENGINE_UNAVAILABLE: nothing applied.
                if (e.code() != ErrorCode.ENGINE_UNAVAILABLE && e.code() != ErrorCode.TX_CONFLICT) {
                    throw e;
                }
            }
            writer.took(System.nanoTime() - started);
        }
    }

    private static byte[] counter(int writer) {
        return bytes("counter-" + writer);
    }

    /** The hash of the first 5,000 entries, every acknowledged key and every counter at its acknowledged count. */
    private static byte[] expectedHash(Map<String, byte[]> acknowledged, List<Writer> writers) {
        ContentHash hash = new ContentHash();
        for (int i = 0; i < 5_000; i++) {
            hash.add(key(i), value(i));
        }
        acknowledged.forEach((key, value) -> hash.add(bytes(key), value));
        for (int w = 0; w < writers.size(); w++) {
            hash.add(counter(w), ByteBuffer.allocate(8).putLong(writers.get(w).commits.get()).array());
        }
        return hash.digest();
    }

    private static void printPauses(List<TransferReport> moves, List<Writer> writers) {
        for (TransferReport move : moves) {
            System.out.printf("PostgresTransferTest: move %s -> %s of %d entries under %d writers took %d ms;"
                    + " longest pause (TransferReport) %d ms%n", move.sourceEngine(), move.targetEngine(), move.entries(),
                    WRITERS, move.elapsed().toMillis(), move.longestPause().toMillis());
        }
        for (int w = 0; w < writers.size(); w++) {
            Writer writer = writers.get(w);
            System.out.printf("PostgresTransferTest: writer %d: %d writes, %d commits, longest single write %d ms%n", w,
                    writer.writes.get(), writer.commits.get(), TimeUnit.NANOSECONDS.toMillis(writer.longestNanos.get()));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aStoreRoundTripsFromMemoryThroughFileAndPostgresBackToMemoryWithEqualHashes() {
        Store original = filled("origin", MEMORY, 20_000);
        byte[] hash = hashOf(original);
        String from = "origin";
        int hop = 0;
        for (String engineName : List.of(FILE, POSTGRES, MEMORY)) {
            Path dump = dumps.resolve("hop-" + hop + ".dump");
            TransferReport exported = stores.exportStore(from, dump, ExportOptions.defaults().compressed(hop % 2 == 1));
            assertArrayEquals(hash, exported.hash(), "export of " + from);
            assertArrayEquals(hash, stores.verifyDump(dump, TransferListener.NONE).hash());
            String to = "on" + engineName;
            TransferReport imported = stores.importStore(dump, to, ImportOptions.defaults().onEngine(engineName));
            assertArrayEquals(hash, imported.hash(), "import into " + to);
            assertEquals(engineName, stores.storeInfo(to).engine());
            assertArrayEquals(hash, hashOf(stores.getStore(to)), "store " + to + " read back");
            if (engineName.equals(POSTGRES)) {
                // The postgres store is found again through the catalog, as the file store is.
                restart();
                assertArrayEquals(hash, hashOf(stores.getStore(to)), "store " + to + " after a restart");
            }
            from = to;
            hop++;
        }
        assertEquals(20_000, countOf(stores.getStore("onmemory")));
    }
}
