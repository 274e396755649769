package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.ErrorCode.TX_NOT_ACTIVE;
import static dev.skeleton.storage.ErrorCode.TX_READ_ONLY;
import static dev.skeleton.storage.ErrorCode.VERSION_NOT_FOUND;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertAbsent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static dev.skeleton.storage.testkit.StorageAssertions.assertContent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertPresent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link VersionReader}: {@code readVersion(v)} is a read-only transaction over exactly
 * the content saved as {@code v}, which later writes, deletes, loads and saves (pruning {@code v}
 * included) do not change; it loads nothing; it refuses writes with {@code TX_READ_ONLY} and
 * commits fine; it is {@link RangeQueryable} when the store is; a version never saved or pruned is
 * {@code VERSION_NOT_FOUND}; and the store's close ends it like any transaction.
 *
 * <p>{@link VersionReader} is optional and announced by no capability flag: these tests run for a
 * store of a versioning engine that implements it, and are skipped otherwise
 * ({@link StoreFixture#versionReader}). Part of {@link VersionedContract}, which extends it, so
 * every engine (and every store handle) that runs the versioning contract runs these too.
 */
public interface VersionReaderContract extends EngineFixture {

    /** The content the tests below save as version 1 before they change the store. */
    String[] SAVED = {"changed=old", "deleted=1", "kept=1"};

    /**
     * A version being read shows exactly what was saved, not the working data, however the store
     * changes afterwards: writes and deletes, a new save (which prunes the version under
     * {@code max_versions = 1}), a load of another version, and another save (which prunes it under
     * 2 as well). Reading it leaves the working data as it was.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(VersionRetentionContract.SETTINGS)
    default void versionReadIsUnchangedByLaterChanges(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, SAVED);
        versioned.saveVersion();
        Entries.write(store, "changed=new");

        try (Transaction tx = reader.readVersion(1)) {
            assertContent(tx, SAVED);
            assertContent(store, "changed=new", "deleted=1", "kept=1");
            Entries.write(store, "added=1");
            store.delete(utf8("deleted"));
            assertContent(tx, SAVED);

            versioned.saveVersion();
            Entries.write(store, "after=2", "kept=2");
            assertContent(tx, SAVED);

            versioned.loadVersion(2);
            store.delete(utf8("kept"));
            versioned.saveVersion();

            assertContent(tx, SAVED);
            assertValue(tx, "changed", "old");
            assertPresent(tx, "deleted");
            assertAbsent(tx, "added");
            assertAbsent(tx, "after");
            assertTrue(tx.isActive(), "the store's changes do not end the transaction");
        }
        assertContent(store, "added=1", "changed=new");
    }

    /** Reading a version loads nothing: the working data, the current version and the list stay. */
    @Test
    default void readVersionLeavesTheStoreAsItIs(StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "key=1");
        versioned.saveVersion();
        Entries.write(store, "key=2");
        versioned.saveVersion();
        Entries.write(store, "key=unsaved");

        try (Transaction tx = reader.readVersion(1)) {
            assertContent(tx, "key=1");
            assertContent(store, "key=unsaved");
            assertEquals(2, versioned.currentVersion(), "currentVersion while version 1 is read");
            assertArrayEquals(new long[] {1, 2}, versioned.listVersions());
        }
        assertContent(store, "key=unsaved");
        assertEquals(2, versioned.currentVersion(), "currentVersion after reading version 1");
    }

    /**
     * Versions read at the same time each show their own content (the empty store's included), and
     * a version read after loading another shows itself, not what was loaded.
     */
    @Test
    default void eachVersionReadShowsItsOwnVersion(StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        versioned.saveVersion();
        Entries.write(store, "a=1", "b=1");
        versioned.saveVersion();
        Entries.write(store, "b=2", "c=3");
        store.delete(utf8("a"));
        versioned.saveVersion();

        try (Transaction empty = reader.readVersion(1);
             Transaction second = reader.readVersion(2);
             Transaction third = reader.readVersion(3)) {
            assertContent(empty);
            assertContent(second, "a=1", "b=1");
            assertContent(third, "b=2", "c=3");
        }
        versioned.loadVersion(1);
        try (Transaction third = reader.readVersion(3)) {
            assertContent(third, "b=2", "c=3");
            assertContent(store);
        }
    }

    /**
     * A version of a thousand entries, read from right after its save while most of them change,
     * matches the saved content entry by entry, in both directions: a store whose version and
     * working data are one structure at the save must copy what it changes afterwards, not write
     * into what they share.
     */
    @Test
    default void versionReadOfManyEntriesMatchesItEntryByEntry(StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        TreeMap<String, String> saved = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            String key = String.format("key-%04d", i);
            store.set(utf8(key), utf8("v" + i));
            saved.put(key, "v" + i);
        }
        versioned.saveVersion();

        try (Transaction tx = reader.readVersion(1)) {
            for (int i = 0; i < 1000; i += 2) {
                store.set(utf8(String.format("key-%04d", i)), utf8("changed " + i));
            }
            for (int i = 1; i < 1000; i += 6) {
                store.delete(utf8(String.format("key-%04d", i)));
            }
            Entries.write(store, "key-0500a=inserted", "zzz=appended");

            List<String> expected = new ArrayList<>();
            saved.forEach((key, value) -> expected.add(key + "=" + value));
            assertEquals(expected, Entries.of(tx), "the version, ascending");
            if (tx instanceof RangeQueryable range) {
                List<String> descending = new ArrayList<>(expected);
                Collections.reverse(descending);
                assertEquals(descending, Entries.visit(v -> range.iterateRange(null, null, false, v)),
                        "the version, descending");
            }
        }
    }

    /**
     * {@code iterateRange} over a version read: half-open ranges, bounded and unbounded, ascending
     * and descending, stopping where the visitor says; keys changed, deleted and added after the
     * save are seen as saved. The transaction is {@link RangeQueryable}, as the store is.
     */
    @Test
    default void versionReadIteratesRangesBothWays(StoreFixture fixture) {
        Store store = fixture.createStore();
        fixture.rangeQueryable(store);
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "a=1", "b=2", "c=3", "d=4");
        fixture.versioned(store).saveVersion();
        Entries.write(store, "a=changed", "bb=added", "e=added");
        store.delete(utf8("c"));

        try (Transaction tx = reader.readVersion(1)) {
            RangeQueryable range = fixture.rangeQueryable(tx);
            assertEquals(List.of("a=1", "b=2", "c=3", "d=4"), Entries.visit(tx::iterate), "iterate");
            assertEquals(List.of("b=2", "c=3"), visitRange(range, "b", "d", true), "[b, d) ascending");
            assertEquals(List.of("c=3", "b=2"), visitRange(range, "b", "d", false), "[b, d) descending");
            assertEquals(List.of("b=2", "a=1"), visitRange(range, null, "c", false), "[-, c) descending");
            assertEquals(List.of("c=3", "d=4"), visitRange(range, "c", null, true), "[c, -) ascending");
            assertEquals(List.of("d=4", "c=3", "b=2", "a=1"), visitRange(range, null, null, false),
                    "everything descending");
            assertEquals(List.of(), visitRange(range, "d", "b", true), "[d, b) is empty");
            assertEquals(List.of("d"), firstKeys(range, 1, false), "stopped after the first, descending");
            assertEquals(List.of("a", "b"), firstKeys(range, 2, true), "stopped after the second, ascending");
        }
    }

    /** Writes are {@code TX_READ_ONLY} and change nothing; the commit succeeds and ends it. */
    @Test
    default void versionReadRefusesWritesAndCommits(StoreFixture fixture) {
        Store store = fixture.createStore();
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "key=1");
        fixture.versioned(store).saveVersion();
        Entries.write(store, "key=2");

        Transaction tx = reader.readVersion(1);
        assertTrue(tx.isActive(), "a new version read is active");
        assertTrue(tx.isReadOnly(), "a version read is read-only");
        assertCode(TX_READ_ONLY, () -> tx.set(utf8("key"), utf8("3")), "set");
        assertCode(TX_READ_ONLY, () -> tx.set(utf8("new"), utf8("3")), "set of a new key");
        assertCode(TX_READ_ONLY, () -> tx.delete(utf8("key")), "delete");
        assertContent(tx, "key=1");

        assertDoesNotThrow(tx::commit, "commit of a version read");
        assertFalse(tx.isActive(), "isActive after commit");
        assertCode(TX_NOT_ACTIVE, () -> tx.get(utf8("key")), "get after commit");
        assertDoesNotThrow(tx::close, "close after commit");
        assertContent(store, "key=2");
    }

    /** A key the version lacks is {@code KEY_NOT_FOUND} there, even where the working data has it. */
    @Test
    default void versionReadOfMissingKeyIsKeyNotFound(StoreFixture fixture) {
        Store store = fixture.createStore();
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "saved=1");
        fixture.versioned(store).saveVersion();
        Entries.write(store, "added=2");

        try (Transaction tx = reader.readVersion(1)) {
            assertAbsent(tx, "added");
            assertAbsent(tx, "never");
            assertValue(tx, "saved", "1");
        }
    }

    /** A version never saved is {@code VERSION_NOT_FOUND}, and the store is as it was. */
    @ParameterizedTest
    @ValueSource(longs = {0, -1, 3, Long.MAX_VALUE, Long.MIN_VALUE})
    default void readVersionOfUnsavedVersionIsVersionNotFound(long version, StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "key=1");
        versioned.saveVersion();
        Entries.write(store, "key=2");
        versioned.saveVersion();
        Entries.write(store, "working=data");

        assertCode(VERSION_NOT_FOUND, () -> reader.readVersion(version), "readVersion(" + version + ")");

        assertContent(store, "key=2", "working=data");
        assertEquals(2, versioned.currentVersion());
    }

    /** Before any save there is nothing to read: version 1 is {@code VERSION_NOT_FOUND}. */
    @Test
    default void readVersionBeforeAnySaveIsVersionNotFound(StoreFixture fixture) {
        Store store = fixture.createStore();
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "key=1");

        assertCode(VERSION_NOT_FOUND, () -> reader.readVersion(1), "readVersion(1) before any save");
    }

    /** A version pruned by {@code max_versions} is {@code VERSION_NOT_FOUND}; the kept ones are read. */
    @Test
    default void readVersionOfPrunedVersionIsVersionNotFound(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of(Retention.MAX_VERSIONS, 2));
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        for (int i = 1; i <= 3; i++) {
            Entries.write(store, "key=" + i);
            versioned.saveVersion();
        }

        assertCode(VERSION_NOT_FOUND, () -> reader.readVersion(1), "readVersion of a pruned version");
        try (Transaction tx = reader.readVersion(2)) {
            assertContent(tx, "key=2");
        }
    }

    /**
     * Under each retention, every kept version reads exactly what was saved, and every pruned one
     * is {@code VERSION_NOT_FOUND}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(VersionRetentionContract.SETTINGS)
    default void readVersionFollowsRetention(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        SavedVersions history = new SavedVersions(store, versioned);
        int saves = VersionRetentionContract.FEW_SAVES;
        for (int i = 0; i < saves; i++) {
            history.saveNextStep();
        }

        for (long version = 1; version <= saves; version++) {
            long v = version;
            if (version < retention.oldestKeptAfter(saves)) {
                assertCode(VERSION_NOT_FOUND, () -> reader.readVersion(v), "readVersion(" + v + ") with " + retention);
                continue;
            }
            try (Transaction tx = reader.readVersion(version)) {
                assertEquals(history.contentOf(version), Entries.of(tx), "version " + version + " as read");
            }
        }
    }

    /** A persistent store's versions are read after a reopen as they were saved. */
    @Test
    default void versionReadAfterReopenShowsTheSavedVersion(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        fixture.versionReader(store);
        Entries.write(store, "a=1", "b=1");
        versioned.saveVersion();
        Entries.write(store, "a=2", "c=2");
        store.delete(utf8("b"));
        versioned.saveVersion();
        Entries.write(store, "a=working");

        Store reopened = fixture.reopen(store);
        VersionReader reader = fixture.versionReader(reopened);

        try (Transaction first = reader.readVersion(1); Transaction second = reader.readVersion(2)) {
            assertContent(first, "a=1", "b=1");
            assertContent(second, "a=2", "c=2");
        }
        assertContent(reopened, "a=working", "c=2");
    }

    /** {@code readVersion} on a closed store is {@code STORE_CLOSED}, even for a kept version. */
    @Test
    default void readVersionAfterCloseIsStoreClosed(StoreFixture fixture) {
        Store store = fixture.createStore();
        VersionReader reader = fixture.versionReader(store);
        fixture.versioned(store).saveVersion();
        store.close();

        assertCode(STORE_CLOSED, () -> reader.readVersion(1), "readVersion after close");
        assertCode(STORE_CLOSED, () -> reader.readVersion(2), "readVersion of an unsaved version after close");
    }

    /** The store's close ends a version read: each of its operations is then {@code STORE_CLOSED}. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.VersionReaderContract#transactionCalls")
    default void versionReadAfterStoreCloseIsStoreClosed(ThrowingConsumer<Transaction> call, StoreFixture fixture) {
        Store store = fixture.createStore();
        VersionReader reader = fixture.versionReader(store);
        Entries.write(store, "key=1");
        fixture.versioned(store).saveVersion();
        Transaction tx = reader.readVersion(1);
        assertValue(tx, "key", "1");

        store.close();

        assertCode(STORE_CLOSED, () -> call.accept(tx));
        assertDoesNotThrow(tx::close, "close of a version read of a closed store");
    }

    /** The store's close ends a version read's range iterations too. */
    @Test
    default void versionReadRangeAfterStoreCloseIsStoreClosed(StoreFixture fixture) {
        Store store = fixture.createStore();
        fixture.rangeQueryable(store);
        VersionReader reader = fixture.versionReader(store);
        fixture.versioned(store).saveVersion();
        Transaction tx = reader.readVersion(1);
        RangeQueryable range = fixture.rangeQueryable(tx);

        store.close();

        assertCode(STORE_CLOSED, () -> range.iterateRange(null, null, false, (k, v) -> true), "iterateRange");
    }

    private static List<String> visitRange(RangeQueryable range, String start, String end, boolean ascending) {
        return Entries.visit(v -> range.iterateRange(start == null ? null : utf8(start), end == null ? null
                : utf8(end), ascending, v));
    }

    /** The keys a whole-range iteration visits when its visitor stops after {@code count}. */
    private static List<String> firstKeys(RangeQueryable range, int count, boolean ascending) {
        List<String> keys = new ArrayList<>();
        range.iterateRange(null, null, ascending, (key, value) -> {
            keys.add(Bytes.show(key));
            return keys.size() < count;
        });
        return keys;
    }

    private static Stream<Named<ThrowingConsumer<Transaction>>> transactionCalls() {
        return Stream.of(
                Named.of("get", tx -> tx.get(utf8("key"))),
                Named.of("has", tx -> tx.has(utf8("key"))),
                Named.of("iterate", tx -> tx.iterate((k, v) -> true)),
                Named.of("set", tx -> tx.set(utf8("key"), utf8("v"))),
                Named.of("delete", tx -> tx.delete(utf8("key"))),
                Named.of("commit", Transaction::commit),
                Named.of("rollback", Transaction::rollback));
    }
}
