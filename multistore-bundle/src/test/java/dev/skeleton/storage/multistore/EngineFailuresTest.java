package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No engine exception other than {@link StorageException} reaches a caller (issue 15, defect 9):
 * whatever else an engine throws, from a store, a transaction or the engine itself, arrives as
 * IO naming the store, the engine and the operation, with the original as the cause. What the
 * caller's own visitor throws comes back to it unchanged.
 */
class EngineFailuresTest extends MultiStoreTestSupport {

    private static final String BUG = "Index 5 out of bounds for length 5";

    /** Makes every store and transaction operation of the persistent engine fail as a buggy engine would. */
    private void breakEveryOperation() {
        persistent.beforeEachOperation = () -> {
            throw new ArrayIndexOutOfBoundsException(BUG);
        };
    }

    private static void assertEngineFailure(StorageException e, String operation, Class<?> cause) {
        assertEquals(ErrorCode.IO, e.code(), e::getMessage);
        assertInstanceOf(cause, e.getCause(), "the original is kept");
        assertTrue(e.getMessage().contains("store s") && e.getMessage().contains("engine " + PERSISTENT)
                && e.getMessage().contains(operation), e.getMessage());
    }

    static Stream<Arguments> storeOperations() {
        return Stream.of(
                operation("get", s -> s.get(bytes("k"))),
                operation("set", s -> s.set(bytes("k"), bytes("v"))),
                operation("delete", s -> s.delete(bytes("k"))),
                operation("has", s -> s.has(bytes("k"))),
                operation("iterate", s -> s.iterate((k, v) -> true)),
                operation("beginTx", s -> ((Transactional) s).beginTx()),
                operation("beginReadOnlyTx", s -> ((Transactional) s).beginReadOnlyTx()));
    }

    static Stream<Arguments> transactionOperations() {
        return Stream.of(
                Arguments.of("get", (Consumer<Transaction>) tx -> tx.get(bytes("k"))),
                Arguments.of("set", (Consumer<Transaction>) tx -> tx.set(bytes("k"), bytes("v"))),
                Arguments.of("delete", (Consumer<Transaction>) tx -> tx.delete(bytes("k"))),
                Arguments.of("has", (Consumer<Transaction>) tx -> tx.has(bytes("k"))),
                Arguments.of("iterate", (Consumer<Transaction>) tx -> tx.iterate((k, v) -> true)),
                Arguments.of("commit", (Consumer<Transaction>) Transaction::commit));
    }

    private static Arguments operation(String name, Consumer<Store> call) {
        return Arguments.of(name, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeOperations")
    void aStoreOperationThatFailsInsideTheEngineIsIo(String operation, Consumer<Store> call) {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        breakEveryOperation();

        StorageException e = assertThrows(StorageException.class, () -> call.accept(handle));

        assertEngineFailure(e, operation, ArrayIndexOutOfBoundsException.class);
        assertTrue(e.getMessage().contains(BUG), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transactionOperations")
    void aTransactionOperationThatFailsInsideTheEngineIsIo(String operation, Consumer<Transaction> call) {
        stores.createStore("s", PERSISTENT, null);
        Transaction tx = ((Transactional) stores.getStore("s")).beginTx();
        breakEveryOperation();

        StorageException e = assertThrows(StorageException.class, () -> call.accept(tx));

        assertEngineFailure(e, operation, ArrayIndexOutOfBoundsException.class);
    }

    @Test
    void aCheckedExceptionThrownWithoutBeingDeclaredIsIoToo() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        persistent.beforeEachOperation = () -> sneakyThrow(new IOException("disk gone"));

        StorageException e = assertThrows(StorageException.class, () -> handle.get(bytes("k")));

        assertEquals(ErrorCode.IO, e.code());
        assertInstanceOf(IOException.class, e.getCause());
        assertTrue(e.getMessage().contains("s") && e.getMessage().contains(PERSISTENT)
                && e.getMessage().contains("disk gone"), e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable e) throws E {
        throw (E) e;
    }

    @Test
    void theCallersOwnVisitorExceptionComesBackUnchanged() {
        stores.createStore("s", MEMORY, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        IllegalStateException mine = new IllegalStateException("the caller's own");

        assertSame(mine, assertThrows(IllegalStateException.class, () -> handle.iterate((k, v) -> {
            throw mine;
        })));
        assertSame(mine, assertThrows(IllegalStateException.class, () -> ((RangeQueryable) handle)
                .iterateRange(null, null, true, (k, v) -> {
                    throw mine;
                })));
        try (Transaction tx = ((Transactional) handle).beginTx()) {
            assertSame(mine, assertThrows(IllegalStateException.class, () -> tx.iterate((k, v) -> {
                throw mine;
            })));
            assertSame(mine, assertThrows(IllegalStateException.class, () -> ((RangeQueryable) tx)
                    .iterateRange(null, null, false, (k, v) -> {
                        throw mine;
                    })));
        }
    }

    @Test
    void anOpenThatFailsInsideTheEngineIsIoAndNothingIsHeld() {
        stores.createStore("s", PERSISTENT, null);
        stores.closeAll();
        persistent.beforeEngineCall = call -> {
            throw new ArrayIndexOutOfBoundsException(BUG);
        };

        assertEngineFailure(assertThrows(StorageException.class, () -> stores.getStore("s")), "open",
                ArrayIndexOutOfBoundsException.class);

        persistent.beforeEngineCall = call -> { };
        stores.getStore("s").set(bytes("k"), bytes("v"));
    }

    @Test
    void aCreateThatFailsInsideTheEngineIsIoAndNothingIsRecorded() {
        persistent.beforeEngineCall = call -> {
            throw new NullPointerException("engine bug");
        };

        assertEngineFailure(assertThrows(StorageException.class, () -> stores.createStore("s", PERSISTENT, null)),
                "create", NullPointerException.class);

        assertFalse(stores.storeExists("s"));
        assertEquals(List.of(), newMultiStore().listStores());
    }

    @Test
    void aDestroyThatFailsInsideTheEngineIsIo() {
        stores.createStore("s", PERSISTENT, null);
        persistent.beforeEngineCall = call -> {
            throw new IllegalStateException("engine bug");
        };

        assertEngineFailure(assertThrows(StorageException.class, () -> stores.deleteStore("s")), "destroy",
                IllegalStateException.class);
        assertTrue(stores.storeExists("s"), "not forgotten: its data may still be there");
    }

    @Test
    void aCloseThatFailsInsideTheEngineIsIoAndTheOtherStoresAreClosedAllTheSame() {
        stores.createStore("s", PLAIN, null);
        stores.createStore("broken", new ThrowingCloseEngine().registeredIn(stores), null);
        stores.createStore("t", PERSISTENT, null);
        stores.getStore("t").set(bytes("k"), bytes("v"));

        StorageException e = assertThrows(StorageException.class, stores::closeAll);

        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("close"), e.getMessage());
        assertEquals(1, plain.closes.get(), "closed all the same");
        assertEquals("v", disk.valueOnDisk(pathOf("t"), "k"), "closed and flushed all the same");
    }

    @Test
    void aBackgroundReopenThatFailsInsideTheEngineLeavesTheHandleClosed() throws Exception {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        stores.unregisterEngine(PERSISTENT);
        PersistentTestEngine back = new PersistentTestEngine(disk);
        back.beforeEngineCall = call -> {
            throw new ArrayIndexOutOfBoundsException(BUG);
        };

        stores.registerEngine(back);

        assertEquals(ErrorCode.STORE_CLOSED, assertThrows(StorageException.class, () -> handle.get(bytes("k"))).code());
        back.beforeEngineCall = call -> { };
        assertSame(handle, stores.getStore("s"), "getStore tries again");
    }

    @Test
    void anEngineThatCannotTellItsNameIsRefused() {
        Engine nameless = new ThrowingCloseEngine() {
            @Override
            public String name() {
                throw new UnsupportedOperationException("no name");
            }
        };

        StorageException e = assertThrows(StorageException.class, () -> stores.registerEngine(nameless));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("no name"), e.getMessage());
    }

    /** A non-persistent engine whose stores fail to close with a runtime exception. */
    private static class ThrowingCloseEngine implements Engine {

        String registeredIn(DefaultMultiStore stores) {
            stores.registerEngine(this);
            return name();
        }

        @Override
        public String name() {
            return "throwing-close";
        }

        @Override
        public Store create(String name, String path, Config config) {
            return new MapStore(name, path, TestDisk.newMap(), () -> { }, data -> {
                throw new IllegalStateException("close failed inside the engine");
            });
        }

        @Override
        public Store open(String name, String path) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "never kept: " + name);
        }

        @Override
        public void destroy(String name, String path) {
            // Nothing kept.
        }

        @Override
        public Capabilities capabilities() {
            return new Capabilities(false, false, false, false, false);
        }
    }
}
