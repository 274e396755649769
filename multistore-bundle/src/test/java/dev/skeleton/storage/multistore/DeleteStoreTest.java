package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deleteStore}: closes the store, destroys its data through the engine, removes it from the
 * catalog; its old handle then fails with STORE_NOT_FOUND and its open transactions with
 * STORE_CLOSED. Refused with STORE_NOT_FOUND for an unknown store and ENGINE_UNAVAILABLE while
 * the engine is absent, changing nothing.
 */
class DeleteStoreTest extends MultiStoreTestSupport {

    @Test
    void deletingClosesDestroysAndForgets() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        listener.clear();

        stores.deleteStore("s");

        assertEquals(1, persistent.closes.get(), "closed");
        assertEquals(1, persistent.destroys.get(), "destroyed through the engine");
        assertFalse(disk.exists(pathOf("s")));
        assertFalse(stores.storeExists("s"));
        assertEquals(List.of(), stores.listStores());
        assertEquals(List.of(), newMultiStore().listStores(), "gone from the catalog");
        assertEquals(List.of("STORE_CLOSED s persistent 0", "STORE_DELETED s persistent 0"), listener.log(),
                "an open store is closed, then deleted");
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, PERSISTENT, PLAIN})
    void theOldHandleThenFailsWithStoreNotFound(String engine) {
        stores.createStore("s", engine, null);
        Store handle = stores.getStore("s");

        stores.deleteStore("s");

        StorageException e = assertCode(ErrorCode.STORE_NOT_FOUND, () -> handle.get(bytes("k")));
        assertTrue(e.getMessage().contains("s"), e.getMessage());
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> handle.set(bytes("k"), bytes("v")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> handle.iterate((k, v) -> true));
        handle.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, PERSISTENT})
    void openTransactionsEndWithStoreClosedAndNothingApplied(String engine) {
        stores.createStore("s", engine, null);
        Transactional handle = (Transactional) stores.getStore("s");
        Transaction tx = handle.beginTx();
        tx.set(bytes("k"), bytes("v"));

        stores.deleteStore("s");

        assertFalse(tx.isActive());
        assertCode(ErrorCode.STORE_CLOSED, () -> tx.get(bytes("k")));
        assertCode(ErrorCode.STORE_CLOSED, tx::commit);
        assertCode(ErrorCode.STORE_CLOSED, tx::rollback);
        tx.close();
        stores.createStore("s", engine, null);
        assertFalse(stores.getStore("s").has(bytes("k")), "nothing of the transaction was applied");
    }

    @Test
    void aNewStoreOfTheSameNameGetsANewEmptyHandle() {
        stores.createStore("s", PERSISTENT, null);
        Store old = stores.getStore("s");
        old.set(bytes("k"), bytes("v"));
        stores.deleteStore("s");

        stores.createStore("s", PERSISTENT, null);
        Store fresh = stores.getStore("s");

        assertNotSame(old, fresh);
        assertFalse(fresh.has(bytes("k")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> old.get(bytes("k")));
    }

    @Test
    void aStoreOfTheCatalogThatWasNeverOpenedIsDestroyedToo() {
        stores.createStore("s", PERSISTENT, null);
        stores.getStore("s").set(bytes("k"), bytes("v"));
        stores.close();
        PersistentTestEngine engine = new PersistentTestEngine(disk);
        DefaultMultiStore restarted = newMultiStore();
        restarted.registerEngine(engine);

        restarted.deleteStore("s");

        assertEquals(1, engine.destroys.get());
        assertEquals(0, engine.opens.get());
        assertFalse(disk.exists(pathOf("s")));
        assertEquals(List.of(), newMultiStore().listStores());
    }

    @Test
    void anUnknownStoreIsStoreNotFound() {
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.deleteStore("nothing"));
        assertEquals(0, persistent.destroys.get());
    }

    @Test
    void whileTheEngineIsAbsentDeletingIsEngineUnavailableAndChangesNothing() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        stores.unregisterEngine(PERSISTENT);
        listener.clear();

        StorageException e = assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> stores.deleteStore("s"));

        assertTrue(e.getMessage().contains("s") && e.getMessage().contains(PERSISTENT), e.getMessage());
        assertTrue(stores.storeExists("s"));
        assertEquals("v", disk.valueOnDisk(pathOf("s"), "k"), "data kept");
        assertEquals(List.of(), listener.events());
        stores.registerEngine(new PersistentTestEngine(disk));
        assertEquals("v", text(handle.get(bytes("k"))), "the handle still works once the engine is back");
        assertEquals(List.of("s"), newMultiStore().listStores(), "still in the catalog");
    }

    @Test
    void deletingANonPersistentStoreNeedsNoCatalog() {
        stores.createStore("m", MEMORY, null);

        stores.deleteStore("m");

        assertFalse(stores.storeExists("m"));
        assertNull(new Catalog(root).read().stream().findAny().orElse(null));
    }
}
