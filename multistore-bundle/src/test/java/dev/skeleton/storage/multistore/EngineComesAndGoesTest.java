package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.memory.MemoryEngine;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Engines leaving and coming back while stores are in use: a persistent store is closed cleanly
 * (flushed), its handle fails fast with ENGINE_UNAVAILABLE and its transactions end; a new engine
 * instance of the same name brings the same handle back on the same data. A non-persistent store
 * ends with its engine. Operations caught in flight by the engine leaving report it.
 */
class EngineComesAndGoesTest extends MultiStoreTestSupport {

    private Store openPersistentStoreWith(String key, String value) {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes(key), bytes(value));
        return handle;
    }

    @Test
    void aPersistentStoreWaitsForItsEngineBehindTheSameHandle() {
        Store handle = openPersistentStoreWith("before", "1");

        stores.unregisterEngine(PERSISTENT);

        assertEquals(1, persistent.closes.get(), "closed as the engine left");
        assertEquals("1", disk.valueOnDisk(pathOf("s"), "before"), "acknowledged writes flushed");
        StorageException e = assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> handle.get(bytes("before")));
        assertTrue(e.getMessage().contains("s") && e.getMessage().contains(PERSISTENT), e.getMessage());
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> stores.getStore("s"));
        assertFalse(stores.storeInfo("s").available());
        assertTrue(stores.storeExists("s"));

        PersistentTestEngine back = new PersistentTestEngine(disk);
        stores.registerEngine(back);

        assertEquals("1", text(handle.get(bytes("before"))), "the same handle, on the same data");
        assertEquals(1, back.opens.get(), "reopened by the multistore, once");
        handle.set(bytes("after"), bytes("2"));
        assertSame(handle, stores.getStore("s"));
        assertTrue(stores.storeInfo("s").available());
        stores.closeAll();
        assertEquals("2", disk.valueOnDisk(pathOf("s"), "after"), "writes go to the new engine's store");
    }

    static Stream<Arguments> handleOperations() {
        return Stream.of(
                operation("get", s -> s.get(bytes("k"))),
                operation("set", s -> s.set(bytes("k"), bytes("v"))),
                operation("delete", s -> s.delete(bytes("k"))),
                operation("has", s -> s.has(bytes("k"))),
                operation("iterate", s -> s.iterate((k, v) -> true)),
                operation("beginTx", s -> ((Transactional) s).beginTx()),
                operation("beginReadOnlyTx", s -> ((Transactional) s).beginReadOnlyTx()));
    }

    private static Arguments operation(String name, Consumer<Store> call) {
        return Arguments.of(name, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handleOperations")
    void whileTheEngineIsAbsentEveryOperationFailsFastWithEngineUnavailable(String name, Consumer<Store> call) {
        Store handle = openPersistentStoreWith("k", "v");
        stores.unregisterEngine(PERSISTENT);

        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> call.accept(handle));

        assertEquals("s", handle.name(), "name and path still answer");
        assertEquals(pathOf("s"), handle.path());
        stores.registerEngine(new PersistentTestEngine(disk));
        call.accept(handle);
    }

    @Test
    void badInputIsInvalidArgumentEvenWhileTheEngineIsAbsent() {
        Store handle = openPersistentStoreWith("k", "v");
        Transaction tx = ((Transactional) handle).beginTx();
        stores.unregisterEngine(PERSISTENT);

        assertCode(ErrorCode.INVALID_ARGUMENT, () -> handle.get(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> handle.set(bytes("k"), null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> handle.iterate(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.has(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.set(null, bytes("v")));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.iterate(null));
    }

    @Test
    void openTransactionsEndWhenTheEngineLeavesAndNothingOfThemIsApplied() {
        Store handle = openPersistentStoreWith("k", "old");
        Transaction tx = ((Transactional) handle).beginTx();
        tx.set(bytes("k"), bytes("new"));
        tx.set(bytes("other"), bytes("x"));

        stores.unregisterEngine(PERSISTENT);

        assertFalse(tx.isActive());
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, tx::commit);
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> tx.get(bytes("k")));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> tx.set(bytes("k"), bytes("v")));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, tx::rollback);
        tx.close();
        assertFalse(tx.isActive());
        assertTrue(tx.toString().contains("ended"), tx.toString());
        stores.registerEngine(new PersistentTestEngine(disk));
        assertEquals("old", text(handle.get(bytes("k"))), "nothing of the transaction was applied");
        assertFalse(handle.has(bytes("other")));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, tx::commit);
    }

    @Test
    void memoryTransactionsEndWhenTheMemoryEngineLeaves() {
        stores.createStore("m", MEMORY, null);
        Transactional handle = (Transactional) stores.getStore("m");
        Transaction tx = handle.beginTx();
        tx.set(bytes("k"), bytes("v"));

        stores.unregisterEngine(MEMORY);

        assertFalse(tx.isActive());
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, tx::commit);
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, PLAIN})
    void aNonPersistentStoreEndsWithItsEngine(String engine) {
        stores.createStore("s", engine, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        listener.clear();

        stores.unregisterEngine(engine);

        assertEquals(List.of("STORE_DELETED s " + engine + " 0", "ENGINE_REMOVED null " + engine + " 0"),
                listener.log());
        assertFalse(stores.storeExists("s"));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> handle.get(bytes("k")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.getStore("s"));

        stores.registerEngine(engine.equals(MEMORY) ? new MemoryEngine() : new PlainTestEngine());

        assertCode(ErrorCode.STORE_NOT_FOUND, () -> handle.get(bytes("k")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.getStore("s"));
        stores.createStore("s", engine, null);
        assertFalse(stores.getStore("s").has(bytes("k")), "a new store of that name starts empty");
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> handle.get(bytes("k")), "the old handle stays ended");
    }

    @Test
    void onlyTheStoresOfTheLeavingEngineAreAffected() {
        Store kept = openPersistentStoreWith("k", "v");
        stores.createStore("m", MEMORY, null);
        Store memory = stores.getStore("m");

        stores.unregisterEngine(MEMORY);

        assertEquals("v", text(kept.get(bytes("k"))));
        assertEquals(0, persistent.closes.get());
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> memory.get(bytes("k")));
    }

    @Test
    void onlyTheStoresOfTheReturningEngineReopen() {
        Store handle = openPersistentStoreWith("k", "v");
        stores.registerEngine(new PersistentTestEngine("archive", disk));
        stores.createStore("old", "archive", null);
        Store archived = stores.getStore("old");
        stores.unregisterEngine(PERSISTENT);
        stores.unregisterEngine("archive");

        stores.registerEngine(new PersistentTestEngine(disk));

        assertEquals("v", text(handle.get(bytes("k"))));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> archived.get(bytes("k")));
        assertFalse(stores.storeInfo("old").available());
    }

    @Test
    void aStoreThatWasNeverOpenedIsOpenedOnDemandWhenTheEngineIsBack() {
        stores.createStore("s", PERSISTENT, null);
        stores.close();
        DefaultMultiStore restarted = newMultiStore();
        restarted.registerEngine(new PersistentTestEngine(disk));
        restarted.unregisterEngine(PERSISTENT);
        PersistentTestEngine back = new PersistentTestEngine(disk);

        restarted.registerEngine(back);

        assertEquals(0, back.opens.get(), "not opened until asked for");
        restarted.getStore("s");
        assertEquals(1, back.opens.get());
    }

    @Test
    void aClosedStoreStaysClosedWhenItsEngineComesBack() {
        Store handle = openPersistentStoreWith("k", "v");
        stores.closeAll();

        stores.unregisterEngine(PERSISTENT);
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> stores.getStore("s"));
        PersistentTestEngine back = new PersistentTestEngine(disk);
        stores.registerEngine(back);

        assertEquals(0, back.opens.get());
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertSame(handle, stores.getStore("s"));
        assertEquals("v", text(handle.get(bytes("k"))));
    }

    @Test
    void whenTheStoreCannotBeReopenedTheHandleIsClosedAndGetStoreSaysWhy() {
        Store handle = openPersistentStoreWith("k", "v");
        stores.unregisterEngine(PERSISTENT);
        disk.erase(pathOf("s"));
        listener.clear();

        stores.registerEngine(new PersistentTestEngine(disk));

        assertEquals(List.of("ENGINE_ADDED null persistent 0"), listener.log());
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.getStore("s"), "the engine's own error");
        assertTrue(stores.storeExists("s"), "the catalog still knows it: the data may come back");
    }

    @Test
    void anEngineStoreThatFailsToCloseStillLeavesWithItsEngine() {
        Store handle = openPersistentStoreWith("k", "v");
        persistent.failingClose = true;

        stores.unregisterEngine(PERSISTENT);

        assertEquals(List.of(MEMORY, PLAIN), stores.listEngines());
        assertEquals(1, listener.ofType(Type.ENGINE_REMOVED).size());
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> handle.get(bytes("k")));
        stores.registerEngine(new PersistentTestEngine(disk));
        assertEquals("v", text(handle.get(bytes("k"))));
    }

    @Test
    void anOperationInFlightWhenTheEngineLeavesIsEngineUnavailable() throws Exception {
        Store handle = openPersistentStoreWith("k", "v");

        try (HeldOperation<byte[]> get = new HeldOperation<>(persistent, () -> handle.get(bytes("k")))) {
            stores.unregisterEngine(PERSISTENT);

            get.releaseAndExpect(ErrorCode.ENGINE_UNAVAILABLE);
        }
    }

    @Test
    void anOperationInFlightWhileTheEngineLeavesAndComesBackIsEngineUnavailable() throws Exception {
        Store handle = openPersistentStoreWith("k", "v");

        try (HeldOperation<Void> set = new HeldOperation<>(persistent, () -> {
            handle.set(bytes("k"), bytes("lost"));
            return null;
        })) {
            stores.unregisterEngine(PERSISTENT);
            stores.registerEngine(new PersistentTestEngine(disk));

            set.releaseAndExpect(ErrorCode.ENGINE_UNAVAILABLE);
        }
        assertEquals("v", text(handle.get(bytes("k"))), "the failed write was not applied");
    }

    @Test
    void aTransactionBegunWhileTheEngineLeavesIsRefusedAndNotLeftBehind() throws Exception {
        Store handle = openPersistentStoreWith("k", "v");

        try (HeldOperation<Transaction> begin = new HeldOperation<>(persistent,
                () -> ((Transactional) handle).beginTx())) {
            stores.unregisterEngine(PERSISTENT);

            begin.releaseAndExpect(ErrorCode.ENGINE_UNAVAILABLE);
        }
        stores.registerEngine(new PersistentTestEngine(disk));
        listener.clear();
        stores.unregisterEngine(PERSISTENT);
        assertEquals(List.of(), listener.ofType(Type.TX_ROLLED_BACK), "no transaction was left to orphan");
    }

    @Test
    void aTransactionOperationInFlightWhenTheEngineLeavesIsEngineUnavailable() throws Exception {
        Store handle = openPersistentStoreWith("k", "v");
        Transaction tx = ((Transactional) handle).beginTx();

        try (HeldOperation<Void> set = new HeldOperation<>(persistent, () -> {
            tx.set(bytes("k"), bytes("w"));
            return null;
        })) {
            stores.unregisterEngine(PERSISTENT);

            set.releaseAndExpect(ErrorCode.ENGINE_UNAVAILABLE);
        }
        assertFalse(tx.isActive());
    }

    @Test
    void aCommitInFlightWhenTheEngineLeavesIsEngineUnavailableAndAppliesNothing() throws Exception {
        Store handle = openPersistentStoreWith("k", "v");
        Transaction tx = ((Transactional) handle).beginTx();
        tx.set(bytes("k"), bytes("w"));

        try (HeldOperation<Void> commit = new HeldOperation<>(persistent, () -> {
            tx.commit();
            return null;
        })) {
            stores.unregisterEngine(PERSISTENT);

            commit.releaseAndExpect(ErrorCode.ENGINE_UNAVAILABLE);
        }
        stores.registerEngine(new PersistentTestEngine(disk));
        assertEquals("v", text(handle.get(bytes("k"))));
        assertEquals(1, listener.ofType(Type.TX_ROLLED_BACK).size(), "one end, reported once");
        assertEquals(0, listener.ofType(Type.TX_COMMITTED).size());
    }
}
