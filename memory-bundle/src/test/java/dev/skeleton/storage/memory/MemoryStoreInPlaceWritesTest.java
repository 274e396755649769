package dev.skeleton.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory store writes in place what no snapshot can see (see {@code MemoryStore}): versions,
 * transactions and iterations must still see one point in time, and racing point reads must see
 * each key before or after a write, never missing.
 */
class MemoryStoreInPlaceWritesTest {

    /** Enough keys for a tree of several levels (leaves hold 64 entries). */
    private static final int KEYS = 5_000;

    private final MemoryStore store = (MemoryStore) new MemoryEngine().create("s", "/p/s", Config.empty());

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] value(long round) {
        return ByteBuffer.allocate(8).putLong(round).array();
    }

    private static long round(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    /** Writes round {@code round} to every key, twice, so that the second pass writes in place. */
    private void writeRound(long round) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < KEYS; i++) {
                store.set(key(i), value(round));
            }
        }
    }

    @Test
    void aSavedVersionNeverSeesALaterWrite() {
        writeRound(1);
        VersionInfo one = store.saveVersion();
        writeRound(2);
        store.delete(key(7));
        VersionInfo two = store.saveVersion();
        writeRound(3);
        store.loadVersion(one.version());
        for (int i = 0; i < KEYS; i++) {
            assertEquals(1, round(store.get(key(i))), "version 1 at key " + i);
        }
        store.loadVersion(two.version());
        assertFalse(store.has(key(7)), "version 2 lacks the key deleted before its save");
        assertEquals(2, round(store.get(key(8))));
        // Writes after a load go in place again, and the loaded version stays as it was saved.
        writeRound(4);
        store.loadVersion(two.version());
        assertEquals(2, round(store.get(key(8))));
        assertArrayEquals(two.hash(), store.saveVersion().hash(), "a version's content and hash do not move");
    }

    /**
     * A version read shares its tree with the working data right after the save, and again after
     * the version is loaded: the writes in place that follow (each round writes every key twice)
     * must copy, so that both reads see the version as saved to the end.
     */
    @Test
    void aVersionBeingReadNeverSeesAWriteInPlace() {
        writeRound(1);
        VersionInfo one = store.saveVersion();
        try (Transaction afterSave = store.readVersion(one.version())) {
            writeRound(2);
            store.loadVersion(one.version());
            try (Transaction afterLoad = store.readVersion(one.version())) {
                writeRound(3);
                store.delete(key(9));
                VersionInfo three = store.saveVersion();
                writeRound(4);

                assertEveryValueIsOfRound(1, afterSave);
                assertEveryValueIsOfRound(1, afterLoad);
                try (Transaction third = store.readVersion(three.version())) {
                    assertFalse(third.has(key(9)), "version 2 lacks the key deleted before its save");
                    assertEquals(3, round(third.get(key(10))));
                }
            }
        }
        store.loadVersion(one.version());
        assertArrayEquals(one.hash(), store.saveVersion().hash(), "version 1's content did not move");
    }

    private static void assertEveryValueIsOfRound(long expected, Transaction tx) {
        int[] count = {0};
        tx.iterate((key, value) -> {
            assertEquals(expected, round(value), () -> "value of key " + ByteBuffer.wrap(key).getInt());
            count[0]++;
            return true;
        });
        assertEquals(KEYS, count[0], "keys of the version");
    }

    @Test
    void anIterationDoesNotSeeTheWritesOfItsOwnVisitor() {
        writeRound(1);
        List<Long> seen = new ArrayList<>();
        store.iterate((key, value) -> {
            seen.add(round(value));
            // Overwrites the next keys, whose leaf this iteration may be reading.
            int next = ByteBuffer.wrap(key).getInt() + 1;
            if (next < KEYS) {
                store.set(key(next), value(2));
                store.set(key(next), value(3));
            }
            return true;
        });
        assertEquals(KEYS, seen.size());
        assertTrue(seen.stream().allMatch(round -> round == 1), "every value as at the start: " + seen.subList(0, 5));
        assertEquals(3, round(store.get(key(KEYS - 1))));
    }

    @Test
    void transactionsReadTheirSnapshot() {
        writeRound(1);
        try (Transaction readOnly = store.beginReadOnlyTx(); Transaction readWrite = store.beginTx()) {
            writeRound(2);
            assertEquals(1, round(readOnly.get(key(10))));
            assertEquals(1, round(readWrite.get(key(10))));
            long[] sum = {0};
            readOnly.iterate((key, value) -> {
                sum[0] += round(value);
                return true;
            });
            assertEquals(KEYS, sum[0], "every value of the read-only snapshot is round 1");
        }
    }

    @Test
    void racingReadersNeverMissAKeyNorGoBackInTime() throws Exception {
        writeRound(0);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            // Keys divisible by 3 are deleted and put back all along; the others always exist.
            Future<?> writer = threads.submit(() -> {
                for (long round = 1; !stop.get(); round++) {
                    for (int i = 0; i < KEYS; i++) {
                        if (i % 3 == 0) {
                            store.delete(key(i));
                        }
                        store.set(key(i), value(round));
                    }
                }
                return null;
            });
            Future<?> pointReader = threads.submit(() -> {
                long[] lastSeen = new long[KEYS];
                while (!stop.get()) {
                    for (int i = 0; i < KEYS; i++) {
                        if (i % 3 == 0) {
                            continue;
                        }
                        long round = round(store.get(key(i)));
                        if (round < lastSeen[i]) {
                            throw new AssertionError("key " + i + " went back from round " + lastSeen[i] + " to " + round);
                        }
                        lastSeen[i] = round;
                    }
                }
                return null;
            });
            Future<?> iterator = threads.submit(() -> {
                while (!stop.get()) {
                    // One snapshot: the writer goes up the keys round by round, so along the keys the
                    // rounds never rise, and span at most two rounds.
                    long[] previous = {Long.MAX_VALUE};
                    long[] first = {-1};
                    int[] count = {0};
                    store.iterate((key, value) -> {
                        long round = round(value);
                        if (round > previous[0] || (first[0] >= 0 && first[0] - round > 1)) {
                            throw new AssertionError("an iteration saw round " + round + " after " + previous[0]
                                    + " (first " + first[0] + ")");
                        }
                        first[0] = first[0] < 0 ? round : first[0];
                        previous[0] = round;
                        count[0]++;
                        return true;
                    });
                    if (count[0] < KEYS - KEYS / 3 - 1) {
                        throw new AssertionError("an iteration saw only " + count[0] + " keys");
                    }
                }
                return null;
            });
            Thread.sleep(1_500);
            stop.set(true);
            writer.get(10, TimeUnit.SECONDS);
            pointReader.get(10, TimeUnit.SECONDS);
            iterator.get(10, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }
}
