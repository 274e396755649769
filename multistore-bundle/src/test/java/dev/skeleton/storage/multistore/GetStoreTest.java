package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code getStore} and the handle it returns: one handle per store, implementing exactly the
 * optional interfaces of the engine's store, forwarding every operation to the engine store.
 * (The compliance kit runs over handles too: {@link HandleComplianceTest}.)
 */
class GetStoreTest extends MultiStoreTestSupport {

    static Stream<Arguments> engineAndTheInterfacesOfItsHandles() {
        return Stream.of(
                Arguments.of(MEMORY, Set.of(Store.class, Transactional.class, Versioned.class, RangeQueryable.class,
                        VersionReader.class)),
                Arguments.of(PERSISTENT, Set.of(Store.class, Transactional.class)),
                Arguments.of(PLAIN, Set.of(Store.class)));
    }

    /** An engine, the interfaces of its read-write transactions and those of its read-only ones. */
    static Stream<Arguments> engineAndTheInterfacesOfItsTransactions() {
        return Stream.of(
                Arguments.of(MEMORY, Set.of(Transaction.class, RangeQueryable.class),
                        Set.of(Transaction.class, RangeQueryable.class, ContentHashReader.class)),
                Arguments.of(PERSISTENT, Set.of(Transaction.class), Set.of(Transaction.class)));
    }

    @Test
    void anUnknownStoreIsStoreNotFound() {
        StorageException e = assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.getStore("nothing"));

        assertTrue(e.getMessage().contains("nothing"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, PERSISTENT, PLAIN})
    void everyGetStoreReturnsTheSameHandle(String engine) {
        stores.createStore("s", engine, null);

        Store first = stores.getStore("s");

        assertSame(first, stores.getStore("s"));
        assertSame(first, stores.getStore("s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineAndTheInterfacesOfItsHandles")
    void aHandleImplementsExactlyTheInterfacesOfTheEngineStore(String engine, Set<Class<?>> expected) {
        stores.createStore("s", engine, null);

        Store handle = stores.getStore("s");

        assertEquals(expected, Set.of(handle.getClass().getInterfaces()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineAndTheInterfacesOfItsTransactions")
    void aTransactionImplementsExactlyTheOptionalInterfacesOfTheEngineTransaction(String engine,
            Set<Class<?>> readWrite, Set<Class<?>> readOnlyInterfaces) {
        stores.createStore("s", engine, null);
        Transactional handle = (Transactional) stores.getStore("s");

        try (Transaction tx = handle.beginTx(); Transaction readOnly = handle.beginReadOnlyTx()) {
            assertEquals(readWrite, Set.of(tx.getClass().getInterfaces()));
            assertEquals(readOnlyInterfaces, Set.of(readOnly.getClass().getInterfaces()));
            assertFalse(tx.isReadOnly());
            assertTrue(readOnly.isReadOnly());
            assertEquals("s", tx.name());
            assertEquals(pathOf("s"), tx.path());
        }
    }

    @Test
    void aMemoryHandleSaysItSupportsEveryCapability() {
        stores.createStore("s", MEMORY, null);
        Store handle = stores.getStore("s");

        assertTrue(((Transactional) handle).supportsTransactions());
        assertTrue(((Versioned) handle).supportsVersioning());
        assertTrue(((RangeQueryable) handle).supportsRangeQueries());
        try (Transaction tx = ((Transactional) handle).beginTx()) {
            assertTrue(((RangeQueryable) tx).supportsRangeQueries());
        }
    }

    @Test
    void aHandleForwardsEveryOperationToTheEngineStore() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");

        handle.set(bytes("b"), bytes("2"));
        handle.set(bytes("a"), bytes("1"));
        handle.set(bytes("c"), bytes("3"));
        handle.delete(bytes("c"));

        assertEquals("1", text(handle.get(bytes("a"))));
        assertTrue(handle.has(bytes("b")));
        assertFalse(handle.has(bytes("c")));
        assertCode(ErrorCode.KEY_NOT_FOUND, () -> handle.get(bytes("c")));
        assertEquals(List.of("a=1", "b=2"), entries(handle));
        stores.closeAll();
        assertEquals("1", disk.valueOnDisk(pathOf("s"), "a"), "the data went to the engine's store");
        assertEquals("2", disk.valueOnDisk(pathOf("s"), "b"));
    }

    @Test
    void aMemoryHandleDoesRangesTransactionsAndVersions() {
        stores.createStore("s", MEMORY, null);
        Store handle = stores.getStore("s");
        for (String key : List.of("a", "b", "c", "d")) {
            handle.set(bytes(key), bytes(key.toUpperCase()));
        }

        List<String> descending = new ArrayList<>();
        ((RangeQueryable) handle).iterateRange(bytes("b"), bytes("d"), false,
                (k, v) -> descending.add(text(k) + "=" + text(v)));
        assertEquals(List.of("c=C", "b=B"), descending);

        try (Transaction tx = ((Transactional) handle).beginTx()) {
            tx.set(bytes("e"), bytes("E"));
            tx.delete(bytes("a"));
            assertFalse(tx.has(bytes("a")));
            assertEquals("E", text(tx.get(bytes("e"))));
            assertFalse(handle.has(bytes("e")), "not visible before commit");
            List<String> inTx = new ArrayList<>();
            ((RangeQueryable) tx).iterateRange(null, null, true, (k, v) -> inTx.add(text(k)));
            assertEquals(List.of("b", "c", "d", "e"), inTx);
            tx.commit();
            assertFalse(tx.isActive());
        }
        assertEquals(List.of("b=B", "c=C", "d=D", "e=E"), entries(handle));

        Versioned versioned = (Versioned) handle;
        VersionInfo first = versioned.saveVersion();
        handle.set(bytes("z"), bytes("Z"));
        versioned.saveVersion();
        versioned.loadVersion(first.version());
        assertFalse(handle.has(bytes("z")));
        assertEquals(first.version(), versioned.currentVersion());
        assertArrayEquals(new long[] {1, 2}, versioned.listVersions());
        assertCode(ErrorCode.VERSION_NOT_FOUND, () -> versioned.loadVersion(99));
    }

    @Test
    void aHandleAnswersNamePathToStringAndIdentity() {
        stores.createStore("s", PLAIN, null);
        stores.createStore("t", PLAIN, null);
        Store handle = stores.getStore("s");

        assertEquals("s", handle.name());
        assertEquals(pathOf("s"), handle.path());
        assertTrue(handle.toString().contains("s") && handle.toString().contains(PLAIN), handle.toString());
        assertEquals(handle, stores.getStore("s"));
        assertNotEquals(handle, stores.getStore("t"));
        assertEquals(System.identityHashCode(handle), handle.hashCode());
    }

    @Test
    void badInputThroughAHandleIsTheEnginesInvalidArgument() {
        stores.createStore("s", MEMORY, null);
        Store handle = stores.getStore("s");

        assertCode(ErrorCode.INVALID_ARGUMENT, () -> handle.get(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> handle.set(bytes("k"), null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> handle.iterate(null));
    }

    @Test
    void closingAPersistentHandleClosesTheStoreUntilGetStoreReopensIt() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));

        handle.close();
        handle.close();

        assertEquals(1, persistent.closes.get(), "closed once, flushed");
        assertEquals("v", disk.valueOnDisk(pathOf("s"), "k"));
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertTrue(stores.storeExists("s"));
        assertSame(handle, stores.getStore("s"));
        assertEquals("v", text(handle.get(bytes("k"))));
        assertEquals(1, persistent.opens.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, PLAIN})
    void closingANonPersistentHandleEndsTheStoreAndItsOperationsAreStoreClosed(String engine) {
        stores.createStore("s", engine, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        listener.clear();

        handle.close();

        assertFalse(stores.storeExists("s"), "a non-persistent store ends when closed");
        StorageException e = assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        assertTrue(e.getMessage().contains("s"), e.getMessage());
        assertCode(ErrorCode.STORE_CLOSED, () -> handle.set(bytes("k"), bytes("v")));
        handle.close();
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.getStore("s"));
        assertEquals(List.of("STORE_CLOSED s " + engine + " 0", "STORE_DELETED s " + engine + " 0"), listener.log());
    }

    private static List<String> entries(Store store) {
        List<String> entries = new ArrayList<>();
        store.iterate((k, v) -> entries.add(text(k) + "=" + text(v)));
        return entries;
    }
}
