package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.testkit.StoreFixtureExtension;
import dev.skeleton.storage.testkit.StressRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The multistore under load while engines come and go and stores are closed: no deadlock (every
 * run is bounded and fails with the stuck threads' stacks), no error but the one the situation
 * calls for, and no acknowledged write lost.
 */
class ConcurrencyTest extends MultiStoreTestSupport {

    /** Each run's length; the compliance kit's stress property lengthens it for a soak test. */
    private static final Duration RUN = Duration.ofMillis(Long.getLong(StoreFixtureExtension.STRESS_MILLIS, 1500));
    private static final Duration LIMIT = RUN.multipliedBy(3).plusSeconds(30);

    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * Runs a step and accepts only the given codes as refusals; any other failure fails the run.
     * Returns true so that the worker goes on.
     */
    private boolean refusedOnly(Set<ErrorCode> accepted, Runnable step) {
        try {
            step.run();
        } catch (StorageException e) {
            if (!accepted.contains(e.code())) {
                throw e;
            }
            refused.incrementAndGet();
        }
        return true;
    }

    private void writeOwnKey(Store handle, String prefix, int index, AtomicInteger counter) {
        String key = prefix + index + "-" + counter.incrementAndGet();
        handle.set(bytes(key), bytes(key));
        acknowledged.add(key);
    }

    private void commitTwoKeys(Store handle, int index, AtomicInteger counter) {
        int n = counter.incrementAndGet();
        try (Transaction tx = ((Transactional) handle).beginTx()) {
            tx.set(bytes("tx" + index + "-" + n + "a"), bytes("a"));
            tx.set(bytes("tx" + index + "-" + n + "b"), bytes("b"));
            tx.commit();
        }
        acknowledged.add("tx" + index + "-" + n + "a");
        acknowledged.add("tx" + index + "-" + n + "b");
    }

    private void assertEveryAcknowledgedWriteIsPresent(Store handle) {
        List<String> lost = new ArrayList<>();
        for (String key : acknowledged) {
            if (!handle.has(bytes(key))) {
                lost.add(key);
            }
        }
        assertEquals(List.of(), lost, "acknowledged writes lost");
        stores.closeAll();
        for (String key : acknowledged) {
            if (disk.valueOnDisk(pathOf("s"), key) == null) {
                lost.add(key);
            }
        }
        assertEquals(List.of(), lost, "acknowledged writes not on disk after closeAll");
    }

    @Test
    void writesWhileThePersistentEngineComesAndGoesAreEitherRefusedOrKept() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        Set<ErrorCode> absent = Set.of(ErrorCode.ENGINE_UNAVAILABLE);
        AtomicInteger counter = new AtomicInteger();
        AtomicInteger bounces = new AtomicInteger();

        assertTimeoutPreemptively(LIMIT, () -> new StressRun(RUN)
                .workers("writer", 4, index -> refusedOnly(absent, () -> writeOwnKey(handle, "w", index, counter)))
                .workers("committer", 2, index -> refusedOnly(absent, () -> commitTwoKeys(handle, index, counter)))
                .workers("reader", 1, index -> refusedOnly(absent, () -> handle.iterate((k, v) -> true)))
                .workers("catalog", 1, index -> refusedOnly(absent, () -> {
                    stores.storeInfo("s");
                    stores.getStore("s").has(bytes("w0-1"));
                }))
                .workers("bouncer", 1, index -> {
                    stores.unregisterEngine(PERSISTENT);
                    Thread.sleep(1);
                    stores.registerEngine(new PersistentTestEngine(disk));
                    bounces.incrementAndGet();
                    Thread.sleep(1);
                    return true;
                })
                .run());

        assertTrue(bounces.get() > 10, "the engine came and went " + bounces + " times");
        assertTrue(refused.get() > 0, "some operations met the engine's absence");
        assertTrue(acknowledged.size() > 100, "some writes got through: " + acknowledged.size());
        assertEveryAcknowledgedWriteIsPresent(handle);
    }

    @Test
    void writesWhileStoresAreClosedAndReopenedAreEitherStoreClosedOrKept() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        Set<ErrorCode> closed = Set.of(ErrorCode.STORE_CLOSED);
        AtomicInteger counter = new AtomicInteger();

        assertTimeoutPreemptively(LIMIT, () -> new StressRun(RUN)
                .workers("writer", 4, index -> refusedOnly(closed, () -> writeOwnKey(handle, "w", index, counter)))
                .workers("committer", 2, index -> refusedOnly(closed, () -> commitTwoKeys(handle, index, counter)))
                .workers("closer", 1, index -> {
                    stores.closeAll();
                    Thread.sleep(1);
                    stores.getStore("s");
                    Thread.sleep(1);
                    return true;
                })
                .run());

        stores.getStore("s");
        assertTrue(acknowledged.size() > 100, "some writes got through: " + acknowledged.size());
        assertEveryAcknowledgedWriteIsPresent(handle);
    }
}
