package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events: each type fires where it should, with the right store, engine and version; listeners
 * are called after the multistore's lock is released (so they may call back in, from any thread),
 * a throwing listener breaks nothing, and adding or removing listeners behaves as a set.
 */
class EventsTest extends MultiStoreTestSupport {

    @Test
    void theLifeOfAPersistentStore() {
        stores.createStore("s", PERSISTENT, null);
        stores.closeAll();
        stores.getStore("s");
        stores.unregisterEngine(PERSISTENT);
        stores.registerEngine(new PersistentTestEngine(disk));
        stores.deleteStore("s");

        assertEquals(List.of(
                "STORE_CREATED s persistent 0",
                "STORE_CLOSED s persistent 0",
                "STORE_OPENED s persistent 0",
                "STORE_UNAVAILABLE s persistent 0",
                "ENGINE_REMOVED null persistent 0",
                "ENGINE_ADDED null persistent 0",
                "STORE_OPENED s persistent 0",
                "STORE_CLOSED s persistent 0",
                "STORE_DELETED s persistent 0"), listener.log());
    }

    @Test
    void theLifeOfAMemoryStore() {
        stores.createStore("a", MEMORY, null);
        stores.createStore("b", MEMORY, null);
        stores.closeAll();
        stores.createStore("c", MEMORY, null);
        stores.unregisterEngine(MEMORY);

        assertEquals(List.of(
                "STORE_CREATED a memory 0",
                "STORE_CREATED b memory 0",
                "STORE_CLOSED a memory 0",
                "STORE_DELETED a memory 0",
                "STORE_CLOSED b memory 0",
                "STORE_DELETED b memory 0",
                "STORE_CREATED c memory 0",
                "STORE_DELETED c memory 0",
                "ENGINE_REMOVED null memory 0"), listener.log());
    }

    @Test
    void everyEventHasATimeOfNow() {
        Instant before = Instant.now();
        stores.createStore("s", MEMORY, null);
        Instant after = Instant.now();

        StorageEvent created = listener.events().get(0);
        assertFalse(created.time().isBefore(before));
        assertFalse(created.time().isAfter(after));
    }

    @Test
    void versionEventsCarryTheVersion() {
        stores.createStore("s", MEMORY, null);
        Versioned handle = (Versioned) stores.getStore("s");
        listener.clear();

        handle.saveVersion();
        ((Store) handle).set(bytes("k"), bytes("v"));
        handle.saveVersion();
        handle.loadVersion(1);
        assertCode(ErrorCode.VERSION_NOT_FOUND, () -> handle.loadVersion(7));

        assertEquals(List.of("VERSION_SAVED s memory 1", "VERSION_SAVED s memory 2", "VERSION_LOADED s memory 1"),
                listener.log());
    }

    static Stream<Arguments> transactionEndings() {
        return Stream.of(
                ending("commit", false, Type.TX_COMMITTED, (stores, tx) -> tx.commit()),
                ending("read-only commit", true, Type.TX_COMMITTED, (stores, tx) -> tx.commit()),
                ending("rollback", false, Type.TX_ROLLED_BACK, (stores, tx) -> tx.rollback()),
                ending("read-only rollback", true, Type.TX_ROLLED_BACK, (stores, tx) -> tx.rollback()),
                ending("close of an active transaction", false, Type.TX_ROLLED_BACK, (stores, tx) -> tx.close()),
                ending("conflict", false, Type.TX_ROLLED_BACK, (stores, tx) -> {
                    tx.get(bytes("k"));
                    stores.getStore("s").set(bytes("k"), bytes("changed"));
                    assertCode(ErrorCode.TX_CONFLICT, tx::commit);
                }),
                ending("orphaned by the engine leaving", false, Type.TX_ROLLED_BACK,
                        (stores, tx) -> stores.unregisterEngine(MEMORY)),
                ending("orphaned by closeAll", false, Type.TX_ROLLED_BACK, (stores, tx) -> stores.closeAll()),
                ending("orphaned by deleteStore", false, Type.TX_ROLLED_BACK,
                        (stores, tx) -> stores.deleteStore("s")));
    }

    private static Arguments ending(String how, boolean readOnly, Type expected, TransactionEnding ending) {
        return Arguments.of(how, readOnly, expected, ending);
    }

    /** Ends a transaction on store "s". */
    @FunctionalInterface
    interface TransactionEnding {
        void end(DefaultMultiStore stores, Transaction tx);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transactionEndings")
    void everyTransactionEndsWithExactlyOneEvent(String how, boolean readOnly, Type expected,
                                                 TransactionEnding ending) {
        stores.createStore("s", MEMORY, null);
        stores.getStore("s").set(bytes("k"), bytes("v"));
        Transactional handle = (Transactional) stores.getStore("s");
        Transaction tx = readOnly ? handle.beginReadOnlyTx() : handle.beginTx();
        listener.clear();

        ending.end(stores, tx);
        tx.close();
        tx.close();

        assertFalse(tx.isActive());
        List<String> txEvents = listener.events().stream()
                .filter(e -> e.type() == Type.TX_COMMITTED || e.type() == Type.TX_ROLLED_BACK)
                .map(RecordingListener::describe).collect(Collectors.toList());
        assertEquals(List.of(expected + " s memory 0"), txEvents);
    }

    @Test
    void aFailedCommitAfterTheEndReportsNothingMore() {
        stores.createStore("s", MEMORY, null);
        Transaction tx = ((Transactional) stores.getStore("s")).beginTx();
        tx.commit();
        listener.clear();

        assertCode(ErrorCode.TX_NOT_ACTIVE, tx::commit);
        assertCode(ErrorCode.TX_NOT_ACTIVE, tx::rollback);

        assertEquals(List.of(), listener.events());
    }

    @Test
    void refusedOperationsFireNothing() {
        stores.createStore("s", MEMORY, null);
        listener.clear();

        assertCode(ErrorCode.STORE_EXISTS, () -> stores.createStore("s", MEMORY, null));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.deleteStore("t"));
        assertCode(ErrorCode.ENGINE_EXISTS, () -> stores.registerEngine(new PlainTestEngine()));
        stores.getStore("s");

        assertEquals(List.of(), listener.events(), "getStore of an open store opens nothing");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aThrowingListenerBreaksNeitherTheOperationNorTheOtherListeners(boolean throwsAnError) {
        RecordingListener after = new RecordingListener();
        stores.removeListener(listener);
        stores.addListener(listener);
        stores.addListener(e -> {
            if (throwsAnError) {
                throw new AssertionError("listener error for the test");
            }
            throw new IllegalStateException("listener failure for the test");
        });
        stores.addListener(after);

        stores.createStore("s", MEMORY, null);
        stores.getStore("s").set(bytes("k"), bytes("v"));
        stores.closeAll();

        assertEquals(listener.log(), after.log());
        assertEquals(3, after.events().size());
        assertFalse(stores.storeExists("s"), "the operations completed");
    }

    @Test
    void addingAListenerTwiceDeliversOnce() {
        stores.addListener(listener);

        stores.createStore("s", MEMORY, null);

        assertEquals(1, listener.events().size());
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        stores.removeListener(listener);
        stores.removeListener(listener);
        stores.removeListener(e -> { });

        stores.createStore("s", MEMORY, null);

        assertEquals(List.of(), listener.events());
    }

    @Test
    void aNullListenerIsInvalidArgument() {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.addListener(null));
    }

    @Test
    void aListenerMayCallBackOnItsOwnThread() {
        Queue<Boolean> seen = new ConcurrentLinkedQueue<>();
        stores.addListener(e -> {
            if (e.storeName() != null && e.type() != Type.STORE_DELETED) {
                seen.add(stores.storeExists(e.storeName()));
            }
        });

        stores.createStore("s", PERSISTENT, null);
        stores.getStore("s").close();

        assertEquals(List.of(true, true), List.copyOf(seen));
    }

    /**
     * Every event, whatever fired it, reaches a listener that asks the multistore something on
     * another thread and waits for the answer: if any event were delivered under the lock, that
     * thread would block and the wait would time out.
     */
    @Test
    void noEventIsDeliveredUnderTheLock() {
        ExecutorService other = Executors.newSingleThreadExecutor();
        Queue<String> blocked = new ConcurrentLinkedQueue<>();
        Set<Type> heard = EnumSet.noneOf(Type.class);
        StorageEventListener askingFromAnotherThread = e -> {
            heard.add(e.type());
            try {
                other.submit(() -> stores.listStores()).get(2, TimeUnit.SECONDS);
            } catch (Exception failure) {
                blocked.add(e.type() + ": " + failure);
            }
        };
        stores.addListener(askingFromAnotherThread);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> fireEveryType(stores));
        } finally {
            other.shutdownNow();
        }

        assertEquals(List.of(), List.copyOf(blocked));
        assertEquals(EnumSet.allOf(Type.class), heard, "every type was tried");
    }

    private void fireEveryType(DefaultMultiStore stores) throws java.io.IOException {
        stores.createStore("q", PERSISTENT, null);
        stores.getStore("q").set(bytes("k"), bytes("v"));
        java.nio.file.Path dump = java.nio.file.Files.createTempDirectory("events").resolve("q.dump");
        stores.exportStore("q", dump, dev.skeleton.storage.ExportOptions.defaults());
        stores.verifyDump(dump, dev.skeleton.storage.TransferListener.NONE);
        stores.importStore(dump, "i", dev.skeleton.storage.ImportOptions.defaults().onEngine(PERSISTENT));
        // A move renames the directory of a store whose engine keeps files: the real file engine does.
        stores.registerEngine(new dev.skeleton.storage.file.FileEngine());
        stores.copyStore("q", "c", "file", dev.skeleton.storage.TransferListener.NONE);
        stores.moveStore("c", MEMORY, dev.skeleton.storage.TransferListener.NONE);
        stores.createStore("p", PERSISTENT, null);
        stores.createStore("m", MEMORY, null);
        Store memory = stores.getStore("m");
        ((Versioned) memory).saveVersion();
        ((Versioned) memory).loadVersion(1);
        Transaction committed = ((Transactional) memory).beginTx();
        committed.commit();
        Transaction rolledBack = ((Transactional) memory).beginTx();
        rolledBack.rollback();
        ((Transactional) memory).beginTx();
        stores.closeAll();
        stores.getStore("p");
        Transaction orphan = ((Transactional) stores.getStore("p")).beginTx();
        stores.unregisterEngine(PERSISTENT);
        stores.registerEngine(new PersistentTestEngine(disk));
        stores.getStore("p").close();
        stores.deleteStore("p");
        assertFalse(orphan.isActive());
    }

    @Test
    void aListenerMayDeleteTheStoreItHearsAbout() {
        Consumer<StorageEvent> deleteOnCreate = e -> {
            if (e.type() == Type.STORE_CREATED) {
                stores.deleteStore(e.storeName());
            }
        };
        stores.addListener(deleteOnCreate::accept);

        stores.createStore("s", PERSISTENT, null);

        assertFalse(stores.storeExists("s"));
        assertEquals(List.of("STORE_CREATED s persistent 0", "STORE_CLOSED s persistent 0",
                "STORE_DELETED s persistent 0"), listener.log());
    }
}
