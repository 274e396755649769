package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.KEY_NOT_FOUND;
import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.ErrorCode.TX_CONFLICT;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Stress tests: many threads use one store at once. Each runs for
 * {@link StoreFixture#stressDuration()} (configuration parameter
 * {@value StoreFixtureExtension#STRESS_MILLIS}, 1 s by default) through a {@link StressRun}, so a
 * deadlock fails the test with the stuck threads' stack traces instead of hanging the build.
 *
 * <p>What they check: no operation fails when it should not, single operations are linearizable,
 * iterations see point-in-time snapshots, transactions keep invariants across keys and lose no
 * update, saved versions match their content, and closing the store under load gives everyone
 * {@code STORE_CLOSED} and nothing else. The transactional tests skip for engines without
 * transactions, the version test for engines without versioning. Part of {@link EngineCompliance}.
 */
public interface ConcurrencyContract extends EngineFixture {

    /** Writers, readers and iterators at once: no failures, and the store ends with exactly what was written. */
    @Test
    default void concurrentOperationsKeepEveryWrite(StoreFixture fixture) {
        Store store = fixture.createStore();
        int writers = 4;
        List<Map<String, String>> written = writtenByEachWriter(writers);

        new StressRun(fixture.stressDuration())
                .workers("writer", writers, index -> {
                    randomOperation(store, "w" + index + "-", written.get(index));
                    return true;
                })
                .workers("iterator", 2, index -> {
                    assertAscending(keysOf(store));
                    return true;
                })
                .run();

        assertEquals(expectedEntries(written), Entries.of(store), "content after the run");
    }

    /**
     * A writer sets {@code a} then {@code b} to the same increasing number. An iteration, or a
     * {@code get} of {@code b} followed by one of {@code a}, that sees {@code b = n} must see
     * {@code a >= n}: it saw every write completed before it began.
     */
    @Test
    default void iterationsSeeAPointInTimeView(StoreFixture fixture) {
        Store store = fixture.createStore();
        AtomicLong written = new AtomicLong();

        new StressRun(fixture.stressDuration())
                .workers("writer", 1, index -> {
                    String next = Long.toString(written.incrementAndGet());
                    store.set(utf8("a"), utf8(next));
                    store.set(utf8("b"), utf8(next));
                    return true;
                })
                .workers("iterator", 2, index -> {
                    Map<String, Long> seen = numbersOf(store);
                    assertTrue(seen.get("a") >= seen.get("b"), () -> "iteration saw b ahead of a: " + seen);
                    return true;
                })
                .workers("reader", 1, index -> {
                    long b = numberOf(store, "b");
                    long a = numberOf(store, "a");
                    assertTrue(a >= b, () -> "get saw b = " + b + " then a = " + a);
                    return true;
                })
                .run();
    }

    /**
     * A writer sets {@code a} and {@code b} in one transaction; iterations and read-only
     * transactions always see them equal.
     */
    @Test
    default void transactionsKeepAnInvariantAcrossKeys(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        AtomicLong written = new AtomicLong();

        new StressRun(fixture.stressDuration())
                .workers("writer", 1, index -> {
                    String next = Long.toString(written.incrementAndGet());
                    try (Transaction tx = transactional.beginTx()) {
                        tx.set(utf8("a"), utf8(next));
                        tx.set(utf8("b"), utf8(next));
                        tx.commit();
                    }
                    return true;
                })
                .workers("iterator", 2, index -> {
                    Map<String, Long> seen = numbersOf(store);
                    assertEquals(seen.get("a"), seen.get("b"), () -> "iteration saw a half-applied commit: " + seen);
                    return true;
                })
                .workers("read-only-tx", 2, index -> {
                    try (Transaction tx = transactional.beginReadOnlyTx()) {
                        assertEquals(numberOf(tx, "a"), numberOf(tx, "b"),
                                "a read-only transaction saw a half-applied commit");
                    }
                    return true;
                })
                .run();
    }

    /** Transfers between accounts in transactions, retried on conflict, keep the total in every snapshot. */
    @Test
    default void bankTransfersKeepTheTotal(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        int accounts = 8;
        long total = 100L * accounts;
        for (int i = 0; i < accounts; i++) {
            store.set(utf8("account-" + i), utf8("100"));
        }
        AtomicInteger transfers = new AtomicInteger();

        new StressRun(fixture.stressDuration())
                .workers("transfer", 4, index -> {
                    if (transfer(transactional, accounts)) {
                        transfers.incrementAndGet();
                    }
                    return true;
                })
                .workers("auditor", 2, index -> {
                    try (Transaction tx = transactional.beginReadOnlyTx()) {
                        assertEquals(total, sumOf(tx), "total in a read-only transaction");
                    }
                    assertEquals(total, sumOf(store), "total in an iteration");
                    return true;
                })
                .run();

        assertEquals(total, sumOf(store), "total after the run");
        assertTrue(transfers.get() > 0, "no transfer committed: every commit conflicted");
    }

    /** Counter increments in transactions, retried on conflict, are never lost. */
    @Test
    default void counterIncrementsAreNotLost(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        store.set(utf8("counter"), utf8("0"));
        AtomicLong committed = new AtomicLong();

        new StressRun(fixture.stressDuration())
                .workers("incrementer", 4, index -> {
                    if (increment(transactional)) {
                        committed.incrementAndGet();
                    }
                    return true;
                })
                .run();

        assertEquals(committed.get(), numberOf(store, "counter"), "counter after every committed increment");
        assertTrue(committed.get() > 0, "no increment committed: every commit conflicted");
    }

    /** One transaction used by several threads at once keeps every write, and commits them all. */
    @Test
    default void oneTransactionSharedByThreadsKeepsEveryWrite(StoreFixture fixture) {
        Store store = fixture.createStore();
        int threads = 4;
        List<Map<String, String>> written = writtenByEachWriter(threads);

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            new StressRun(fixture.stressDuration())
                    .workers("tx-user", threads, index -> {
                        randomOperation(tx, "t" + index + "-", written.get(index));
                        return true;
                    })
                    .workers("tx-iterator", 1, index -> {
                        assertAscending(keysOf(tx));
                        return true;
                    })
                    .run();
            tx.commit();
        }

        assertEquals(expectedEntries(written), Entries.of(store), "content after the commit");
    }

    /** Closing the store while threads use it gives them {@code STORE_CLOSED}, and nothing else. */
    @Test
    default void closeUnderLoadGivesOnlyStoreClosed(StoreFixture fixture) {
        Store store = fixture.createStore();
        boolean transactions = fixture.capabilities().transactions();
        int users = 4;
        AtomicInteger sawClosed = new AtomicInteger();
        long closeAfterMillis = fixture.stressDuration().toMillis() / 2;

        new StressRun(fixture.stressDuration())
                .workers("user", users, index -> {
                    // One step per user, working until it sees the close: on a loaded machine the
                    // closer may run only after the run's end, and a user stopped by that end
                    // would never see it.
                    while (true) {
                        try {
                            useOwnKey(store, utf8("user-" + index), transactions);
                        } catch (StorageException e) {
                            if (e.code() != STORE_CLOSED) {
                                throw e;
                            }
                            sawClosed.incrementAndGet();
                            return false;
                        }
                    }
                })
                .workers("closer", 1, index -> {
                    Thread.sleep(closeAfterMillis);
                    store.close();
                    return false;
                })
                .run();

        assertEquals(users, sawClosed.get(), "every user must see STORE_CLOSED once the store is closed");
        assertCode(STORE_CLOSED, () -> store.get(utf8("user-0")), "get after close");
    }

    /** Versions saved while writers run match the content they load back, hash included. */
    @Test
    default void versionsSavedUnderLoadMatchTheirContent(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", 0));
        Versioned versioned = fixture.versioned(store);
        ConcurrentLinkedQueue<VersionInfo> saved = new ConcurrentLinkedQueue<>();
        int maxSaves = 40;
        List<Map<String, String>> written = writtenByEachWriter(3);

        new StressRun(fixture.stressDuration())
                .workers("writer", 3, index -> {
                    randomOperation(store, "w" + index + "-", written.get(index));
                    return true;
                })
                .workers("saver", 1, index -> {
                    saved.add(versioned.saveVersion());
                    Thread.sleep(5); // let the writers change something between saves
                    return saved.size() < maxSaves;
                })
                .run();

        for (VersionInfo info : saved) {
            versioned.loadVersion(info.version());
            assertEquals(HexFormat.of().formatHex(ContentHashReference.hashOf(store)), info.hashHex(),
                    "hash of version " + info.version() + " against its loaded content");
        }
    }

    /** One map per writer of what it wrote; each map is touched by its own writer only. */
    private static List<Map<String, String>> writtenByEachWriter(int writers) {
        List<Map<String, String>> written = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            written.add(new HashMap<>());
        }
        return written;
    }

    /** The union of what the writers wrote, as sorted {@code "key=value"} entries. */
    private static List<String> expectedEntries(List<Map<String, String>> written) {
        TreeMap<String, String> union = new TreeMap<>(); // keys are ASCII: String order is byte order
        written.forEach(union::putAll);
        List<String> entries = new ArrayList<>();
        union.forEach((key, value) -> entries.add(key + "=" + value));
        return entries;
    }

    /**
     * One random operation on a writer's own keys, checked against what the writer knows it wrote.
     * Only this writer touches keys with its prefix, so its map is the truth for them.
     */
    private static void randomOperation(Store store, String prefix, Map<String, String> written) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String key = prefix + random.nextInt(16);
        switch (random.nextInt(4)) {
            case 0 -> {
                String value = Long.toString(random.nextLong(1_000_000));
                store.set(utf8(key), utf8(value));
                written.put(key, value);
            }
            case 1 -> {
                store.delete(utf8(key));
                written.remove(key);
            }
            case 2 -> assertEquals(written.containsKey(key), store.has(utf8(key)), () -> "has(" + key + ")");
            default -> assertGet(store, key, written.get(key));
        }
    }

    private static void assertGet(Store store, String key, String expected) {
        if (expected == null) {
            assertCode(KEY_NOT_FOUND, () -> store.get(utf8(key)), "get of deleted key " + key);
        } else {
            assertEquals(expected, new String(store.get(utf8(key)), StandardCharsets.UTF_8), "get(" + key + ")");
        }
    }

    private static List<byte[]> keysOf(Store store) {
        List<byte[]> keys = new ArrayList<>();
        store.iterate((key, value) -> keys.add(key));
        return keys;
    }

    private static void assertAscending(List<byte[]> keys) {
        for (int i = 1; i < keys.size(); i++) {
            byte[] previous = keys.get(i - 1);
            byte[] current = keys.get(i);
            assertTrue(Arrays.compareUnsigned(previous, current) < 0,
                    () -> "iteration not strictly ascending: " + Bytes.show(previous) + " then " + Bytes.show(current));
        }
    }

    /** The numbers stored under each key, from one iteration. */
    private static Map<String, Long> numbersOf(Store store) {
        Map<String, Long> numbers = new HashMap<>(Map.of("a", 0L, "b", 0L));
        store.iterate((key, value) -> {
            numbers.put(Bytes.show(key), Long.parseLong(Bytes.show(value)));
            return true;
        });
        return numbers;
    }

    /** The number stored under a key, 0 while it is absent. */
    private static long numberOf(Store store, String key) {
        return store.has(utf8(key)) ? Long.parseLong(Bytes.show(store.get(utf8(key)))) : 0;
    }

    private static long sumOf(Store store) {
        long[] sum = {0};
        store.iterate((key, value) -> {
            sum[0] += Long.parseLong(Bytes.show(value));
            return true;
        });
        return sum[0];
    }

    /** Moves a random amount between two random accounts; false when the commit conflicted. */
    private static boolean transfer(Transactional transactional, int accounts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(accounts);
        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
        long amount = 1 + random.nextInt(10);
        try (Transaction tx = transactional.beginTx()) {
            addTo(tx, "account-" + from, -amount);
            addTo(tx, "account-" + to, amount);
            return commitUnlessConflict(tx);
        }
    }

    /** Adds one to the counter; false when the commit conflicted. */
    private static boolean increment(Transactional transactional) {
        try (Transaction tx = transactional.beginTx()) {
            addTo(tx, "counter", 1);
            return commitUnlessConflict(tx);
        }
    }

    private static void addTo(Transaction tx, String key, long amount) {
        long balance = Long.parseLong(Bytes.show(tx.get(utf8(key))));
        tx.set(utf8(key), utf8(Long.toString(balance + amount)));
    }

    private static boolean commitUnlessConflict(Transaction tx) {
        try {
            tx.commit();
            return true;
        } catch (StorageException e) {
            if (e.code() != TX_CONFLICT) {
                throw e;
            }
            return false;
        }
    }

    /** Writes, reads and deletes a key only this thread uses; in a transaction too, when offered. */
    private static void useOwnKey(Store store, byte[] key, boolean transactions) {
        store.set(key, utf8("1"));
        store.get(key);
        store.has(key);
        store.iterate((k, v) -> true);
        store.delete(key);
        if (transactions) {
            try (Transaction tx = ((Transactional) store).beginTx()) {
                tx.set(key, utf8("2"));
                tx.commit();
            }
        }
    }
}
