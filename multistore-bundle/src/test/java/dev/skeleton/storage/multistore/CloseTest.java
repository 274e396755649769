package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code closeAll} and {@code close}: every open store is closed; persistent stores stay in the
 * catalog and reopen on the next {@code getStore} behind the same handle, non-persistent ones end;
 * after {@code close} the multistore refuses work with STORE_CLOSED.
 */
class CloseTest extends MultiStoreTestSupport {

    @Test
    void closeAllClosesEveryOpenStore() {
        stores.createStore("p1", PERSISTENT, null);
        stores.createStore("p2", PERSISTENT, null);
        stores.createStore("plain", PLAIN, null);
        stores.createStore("m", MEMORY, null);
        listener.clear();

        stores.closeAll();

        assertEquals(2, persistent.closes.get());
        assertEquals(1, plain.closes.get());
        assertEquals(Set.of("STORE_CLOSED m memory 0", "STORE_DELETED m memory 0",
                        "STORE_CLOSED p1 persistent 0", "STORE_CLOSED p2 persistent 0",
                        "STORE_CLOSED plain plain 0", "STORE_DELETED plain plain 0"),
                Set.copyOf(listener.log()));
        assertEquals(List.of("p1", "p2"), stores.listStores(), "non-persistent stores ended");
    }

    @Test
    void aPersistentStoreReopensBehindTheSameHandleWithItsData() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));

        stores.closeAll();
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.set(bytes("k2"), bytes("v2")));
        assertCode(ErrorCode.STORE_CLOSED, () -> ((Transactional) handle).beginTx());
        assertEquals("v", disk.valueOnDisk(pathOf("s"), "k"), "flushed");
        assertTrue(stores.storeExists("s"));

        assertSame(handle, stores.getStore("s"));
        assertEquals("v", text(handle.get(bytes("k"))));
        handle.set(bytes("k2"), bytes("v2"));
        assertEquals(1, persistent.opens.get());
        assertEquals(1, listener.ofType(Type.STORE_OPENED).size());
    }

    @Test
    void aClosedStoreIsNotReopenedBehindTheUsersBack() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        stores.closeAll();

        stores.closeAll();
        stores.unregisterEngine(PERSISTENT);
        stores.registerEngine(persistent);

        assertEquals(0, persistent.opens.get(), "not reopened when its engine came back");
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertEquals(1, persistent.closes.get(), "a second closeAll closes nothing");
    }

    @Test
    void nonPersistentHandlesAreStoreClosedAfterCloseAll() {
        stores.createStore("m", MEMORY, null);
        stores.createStore("p", PLAIN, null);
        Store memory = stores.getStore("m");
        Store plainHandle = stores.getStore("p");

        stores.closeAll();

        assertCode(ErrorCode.STORE_CLOSED, () -> memory.get(bytes("k")));
        assertCode(ErrorCode.STORE_CLOSED, () -> plainHandle.has(bytes("k")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.getStore("m"));
    }

    @Test
    void openTransactionsEndWithStoreClosed() {
        stores.createStore("s", PERSISTENT, null);
        Transactional handle = (Transactional) stores.getStore("s");
        Transaction tx = handle.beginTx();
        tx.set(bytes("k"), bytes("v"));

        stores.closeAll();

        assertFalse(tx.isActive());
        assertCode(ErrorCode.STORE_CLOSED, tx::commit);
        stores.getStore("s");
        assertFalse(((Store) handle).has(bytes("k")), "nothing of it applied");
        assertEquals(1, listener.ofType(Type.TX_ROLLED_BACK).size());
    }

    static Stream<Arguments> refusedAfterClose() {
        return Stream.of(
                refused("getStore", s -> s.getStore("s")),
                refused("createStore", s -> s.createStore("t", MEMORY, null)),
                refused("deleteStore", s -> s.deleteStore("s")),
                refused("registerEngine", s -> s.registerEngine(new PersistentTestEngine("other", new TestDisk()))),
                refused("handle get", s -> s.getStore("s").get(bytes("k"))));
    }

    private static Arguments refused(String what, Consumer<DefaultMultiStore> call) {
        return Arguments.of(what, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAfterClose")
    void afterCloseWorkIsStoreClosed(String what, Consumer<DefaultMultiStore> call) {
        stores.createStore("s", PERSISTENT, null);

        stores.close();

        assertCode(ErrorCode.STORE_CLOSED, () -> call.accept(stores));
    }

    @Test
    void closeClosesAllAndIsIdempotent() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");

        stores.close();
        stores.close();

        assertEquals(1, persistent.closes.get());
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertEquals(List.of("s"), stores.listStores(), "what it knows can still be read");
    }

    @Test
    void aListenerCannotReopenAStoreWhileTheMultiStoreCloses() {
        stores.createStore("s", PERSISTENT, null);
        stores.addListener(e -> {
            if (e.type() == Type.STORE_CLOSED) {
                stores.getStore(e.storeName());
            }
        });

        stores.close();

        assertFalse(disk.isOpen(pathOf("s")), "a store reopened during close would stay open forever");
        assertEquals(0, persistent.opens.get());
    }
}
