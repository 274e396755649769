package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.INVALID_ARGUMENT;
import static dev.skeleton.storage.ErrorCode.KEY_NOT_FOUND;
import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.show;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertAbsent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static dev.skeleton.storage.testkit.StorageAssertions.assertContent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertPresent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules every {@link Store} keeps, whatever its engine and capabilities: reads and writes,
 * copies at the boundary, unsigned key order, iteration over a snapshot with a visitor that may
 * write, bad input, and closing.
 *
 * <p>Part of {@link EngineCompliance}; implement this interface alone to run only these tests.
 */
public interface StoreContract extends EngineFixture {

    /** A new store has no entries. */
    @Test
    default void newStoreIsEmpty(StoreFixture fixture) {
        Store store = fixture.createStore();

        assertContent(store);
        assertAbsent(store, "anything");
    }

    /** {@code get} returns what {@code set} stored, and {@code has} sees it. */
    @Test
    default void getReturnsTheValueSet(StoreFixture fixture) {
        Store store = fixture.createStore();

        store.set(utf8("key"), utf8("value"));

        assertValue(store, "key", "value");
        assertPresent(store, "key");
    }

    /** {@code get} of a key never set, or deleted, is {@code KEY_NOT_FOUND}. */
    @Test
    default void getOfMissingKeyIsKeyNotFound(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "present=1", "deleted=2");
        store.delete(utf8("deleted"));

        assertCode(KEY_NOT_FOUND, () -> store.get(utf8("missing")));
        assertCode(KEY_NOT_FOUND, () -> store.get(utf8("deleted")));
    }

    /** {@code KEY_NOT_FOUND} is a normal outcome, so it is cheap: no stack trace is filled in. */
    @Test
    default void keyNotFoundHasNoStackTrace(StoreFixture fixture) {
        Store store = fixture.createStore();

        StorageException notFound = assertCode(KEY_NOT_FOUND, () -> store.get(utf8("missing")));

        assertEquals(0, notFound.getStackTrace().length,
                "KEY_NOT_FOUND must not fill in its stack trace (construct it with writableStackTrace false)");
    }

    /** The message of {@code KEY_NOT_FOUND} names the key, as printable text or as hex. */
    @Test
    default void keyNotFoundNamesTheKey(StoreFixture fixture) {
        Store store = fixture.createStore();
        byte[] key = utf8("missing-key");

        StorageException notFound = assertCode(KEY_NOT_FOUND, () -> store.get(key));

        String message = String.valueOf(notFound.getMessage());
        assertTrue(message.contains("missing-key") || message.contains(HexFormat.of().formatHex(key)),
                () -> "message must name the key: " + message);
    }

    /** A second {@code set} replaces the value. */
    @Test
    default void setOverwritesTheValue(StoreFixture fixture) {
        Store store = fixture.createStore();

        store.set(utf8("key"), utf8("old"));
        store.set(utf8("key"), utf8("new"));

        assertValue(store, "key", "new");
        assertContent(store, "key=new");
    }

    /** The empty key and the empty value are ordinary data. */
    @Test
    default void emptyKeyAndEmptyValueAreValid(StoreFixture fixture) {
        Store store = fixture.createStore();

        store.set(new byte[0], utf8("value of the empty key"));
        store.set(utf8("k"), new byte[0]);

        assertArrayEquals(utf8("value of the empty key"), store.get(new byte[0]));
        assertArrayEquals(new byte[0], store.get(utf8("k")));
        assertTrue(store.has(new byte[0]), "has(empty key)");
        assertContent(store, "=value of the empty key", "k=");
        store.delete(new byte[0]);
        assertContent(store, "k=");
    }

    /** {@code has} is false for keys never set and for deleted keys. */
    @Test
    default void hasIsFalseForMissingAndDeletedKeys(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "kept=1", "deleted=2");

        store.delete(utf8("deleted"));

        assertPresent(store, "kept");
        assertAbsent(store, "deleted");
        assertAbsent(store, "never-set");
    }

    /** {@code delete} removes the key and leaves the others. */
    @Test
    default void deleteRemovesOnlyThatKey(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2", "c=3");

        store.delete(utf8("b"));

        assertContent(store, "a=1", "c=3");
    }

    /** Deleting a missing key, or the same key twice, is no error. */
    @Test
    default void deleteIsIdempotent(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=value");

        assertDoesNotThrow(() -> store.delete(utf8("never-set")), "delete of a missing key");
        store.delete(utf8("key"));
        assertDoesNotThrow(() -> store.delete(utf8("key")), "second delete of a key");
        assertContent(store);
    }

    /** A key can be set again after it was deleted. */
    @Test
    default void keyCanBeSetAgainAfterDelete(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=first");
        store.delete(utf8("key"));

        store.set(utf8("key"), utf8("second"));

        assertValue(store, "key", "second");
    }

    /** Changing the arrays given to {@code set} afterwards does not change stored data. */
    @Test
    default void setCopiesKeyAndValue(StoreFixture fixture) {
        Store store = fixture.createStore();
        byte[] key = utf8("key");
        byte[] value = utf8("value");

        store.set(key, value);
        Arrays.fill(key, (byte) 'X');
        Arrays.fill(value, (byte) 'X');

        assertContent(store, "key=value");
    }

    /** Changing an array returned by {@code get} does not change stored data. */
    @Test
    default void getReturnsACopy(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=value");

        Arrays.fill(store.get(utf8("key")), (byte) 'X');

        assertValue(store, "key", "value");
    }

    /** Changing the arrays a visitor receives does not change stored data. */
    @Test
    default void visitorReceivesCopies(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2");

        store.iterate((key, value) -> {
            Arrays.fill(key, (byte) 'X');
            Arrays.fill(value, (byte) 'X');
            return true;
        });

        assertContent(store, "a=1", "b=2");
    }

    /** Keys sort by unsigned bytes: 0x7f before 0x80 before 0xff, a prefix before longer keys. */
    @Test
    default void iterateVisitsInUnsignedKeyOrder(StoreFixture fixture) {
        Store store = fixture.createStore();
        for (String key : List.of("ff", "80", "7fff", "8000", "00", "7f", "")) {
            store.set(hex(key), utf8("v"));
        }

        assertEquals(List.of("", "0x00", "0x7f", "0x7fff", "0x80", "0x8000", "0xff"),
                Entries.keys(store::iterate));
    }

    /** Many random keys of random lengths come out sorted by {@link Arrays#compareUnsigned}. */
    @Test
    default void iterateSortsManyRandomKeys(StoreFixture fixture) {
        Store store = fixture.createStore();
        TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] key = Bytes.random(random.nextInt(6), random.nextLong());
            expected.put(key, utf8(Integer.toString(i)));
            store.set(key, utf8(Integer.toString(i)));
        }

        List<String> expectedEntries = new ArrayList<>();
        expected.forEach((key, value) -> expectedEntries.add(show(key) + "=" + show(value)));
        assertEquals(expectedEntries, Entries.of(store));
    }

    /** The iteration ends as soon as the visitor returns false. */
    @Test
    default void iterateStopsWhenVisitorReturnsFalse(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2", "c=3", "d=4");
        List<String> visited = new ArrayList<>();

        store.iterate((key, value) -> {
            visited.add(show(key));
            return visited.size() < 2;
        });

        assertEquals(List.of("a", "b"), visited);
    }

    /** An exception thrown by the visitor reaches the caller of {@code iterate} unchanged. */
    @Test
    default void visitorExceptionPropagatesUnchanged(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1");
        IllegalStateException thrown = new IllegalStateException("thrown by the visitor");

        IllegalStateException caught = assertThrows(IllegalStateException.class, () -> store.iterate((k, v) -> {
            throw thrown;
        }));

        assertSame(thrown, caught);
        assertContent(store, "a=1");
    }

    /** The visitor may write the store it iterates; the running iteration does not see the writes. */
    @Test
    default void visitorMayWriteTheStoreItIterates(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2", "c=3");
        List<String> visited = new ArrayList<>();

        store.iterate((key, value) -> {
            visited.add(show(key));
            assertArrayEquals(value, store.get(key), "the visitor reads the store");
            store.set(utf8("z" + show(key)), value); // sorts after every visited key
            store.delete(key);
            return true;
        });

        assertEquals(List.of("a", "b", "c"), visited, "the iteration must not see its visitor's writes");
        assertContent(store, "za=1", "zb=2", "zc=3");
    }

    /** No lock is held while the visitor runs: a write from another thread completes meanwhile. */
    @Test
    default void storeIsNotLockedWhileVisitorRuns(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1");

        store.iterate((key, value) -> {
            fixture.runOnAnotherThread("a set on another thread during iterate",
                    () -> store.set(utf8("other-thread"), utf8("x")));
            return true;
        });

        assertValue(store, "other-thread", "x");
    }

    /** A 1 MiB value and a 4 KiB key are stored and read back intact. */
    @Test
    default void largeKeysAndValuesRoundTrip(StoreFixture fixture) {
        Store store = fixture.createStore();
        byte[] key = Bytes.random(Math.min(4 * 1024, fixture.maxKeyLength()), 1);
        byte[] value = Bytes.random(1024 * 1024, 2);

        store.set(key, value);

        assertArrayEquals(value, store.get(key));
        List<byte[]> visited = new ArrayList<>();
        store.iterate((k, v) -> visited.add(v));
        assertArrayEquals(value, visited.get(0));
    }

    /** A key longer than the engine's declared limit is {@code INVALID_ARGUMENT} and changes nothing. */
    @Test
    default void keyAboveTheEnginesLimitIsInvalidArgument(StoreFixture fixture) {
        assumeTrue(fixture.maxKeyLength() < Integer.MAX_VALUE, "the engine declares no key limit");
        Store store = fixture.createStore();
        byte[] longest = Bytes.random(fixture.maxKeyLength(), 4);
        byte[] tooLong = Bytes.random(fixture.maxKeyLength() + 1, 5);
        store.set(longest, "fits".getBytes(StandardCharsets.UTF_8));

        assertCode(INVALID_ARGUMENT, () -> store.set(tooLong, new byte[1]), "set of a too long key");
        assertCode(INVALID_ARGUMENT, () -> store.get(tooLong), "get of a too long key");

        List<byte[]> keys = new ArrayList<>();
        store.iterate((k, v) -> keys.add(k));
        assertEquals(1, keys.size());
        assertArrayEquals(longest, keys.get(0));
    }

    /** Two stores of one engine do not share data. */
    @Test
    default void storesAreIndependent(StoreFixture fixture) {
        Store first = fixture.createStore("first", Config.empty());
        Store second = fixture.createStore("second", Config.empty());

        Entries.write(first, "key=first");
        Entries.write(second, "key=second", "only-second=x");

        assertContent(first, "key=first");
        assertContent(second, "key=second", "only-second=x");
    }

    /** A null key, value or visitor is {@code INVALID_ARGUMENT}, never a NullPointerException. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.StoreContract#nullArgumentCalls")
    default void nullArgumentIsInvalidArgument(ThrowingConsumer<Store> call, StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=value");

        assertCode(INVALID_ARGUMENT, () -> call.accept(store));
        assertContent(store, "key=value");
    }

    /** Bad input is checked before the closed state. */
    @Test
    default void nullKeyOnClosedStoreIsInvalidArgument(StoreFixture fixture) {
        Store store = fixture.createStore();
        store.close();

        assertCode(INVALID_ARGUMENT, () -> store.get(null));
    }

    /** After {@code close}, every data operation is {@code STORE_CLOSED}. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.StoreContract#dataCalls")
    default void dataOperationAfterCloseIsStoreClosed(ThrowingConsumer<Store> call, StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=value");
        store.close();

        assertCode(STORE_CLOSED, () -> call.accept(store));
    }

    /** The message of {@code STORE_CLOSED} names the store. */
    @Test
    default void storeClosedNamesTheStore(StoreFixture fixture) {
        Store store = fixture.createStore("closed-store", Config.empty());
        store.close();

        StorageException closed = assertCode(STORE_CLOSED, () -> store.get(utf8("key")));

        String message = String.valueOf(closed.getMessage());
        assertTrue(message.contains("closed-store"), () -> "message must name the store: " + message);
    }

    /** {@code close} may be called again and never throws for a closed store. */
    @Test
    default void closeIsIdempotent(StoreFixture fixture) {
        Store store = fixture.createStore();

        store.close();

        assertDoesNotThrow(store::close, "second close");
        assertDoesNotThrow(store::close, "third close");
    }

    /** {@code name()} and {@code path()} answer, before and after close, what create was given. */
    @Test
    default void nameAndPathAnswerAfterClose(StoreFixture fixture) {
        Store store = fixture.createStore("named", Config.empty());
        assertEquals("named", store.name());
        assertEquals(fixture.pathOf("named"), store.path());

        store.close();

        assertEquals("named", store.name());
        assertEquals(fixture.pathOf("named"), store.path());
    }

    private static Stream<Named<ThrowingConsumer<Store>>> nullArgumentCalls() {
        return Stream.of(
                call("get(null)", store -> store.get(null)),
                call("set(null, value)", store -> store.set(null, utf8("v"))),
                call("set(key, null)", store -> store.set(utf8("key"), null)),
                call("delete(null)", store -> store.delete(null)),
                call("has(null)", store -> store.has(null)),
                call("iterate(null)", store -> store.iterate(null)));
    }

    private static Stream<Named<ThrowingConsumer<Store>>> dataCalls() {
        return Stream.of(
                call("get", store -> store.get(utf8("key"))),
                call("set", store -> store.set(utf8("key"), utf8("v"))),
                call("delete", store -> store.delete(utf8("key"))),
                call("has", store -> store.has(utf8("key"))),
                call("iterate", store -> store.iterate((k, v) -> true)));
    }

    private static Named<ThrowingConsumer<Store>> call(String name, ThrowingConsumer<Store> call) {
        return Named.of(name, call);
    }
}
