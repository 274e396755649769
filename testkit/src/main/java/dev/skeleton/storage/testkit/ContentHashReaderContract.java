package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.ErrorCode.TX_NOT_ACTIVE;
import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ContentHashReader}: a read-only transaction tells the content hash (as
 * {@link VersionInfo} defines it) of exactly what it sees, checked against
 * {@link ContentHashReference} over the same content: after writes, overwrites and deletes of few
 * and of many entries, for fixed contents with known answers, for its snapshot while the store
 * changes (under concurrent writers and saves too), after a reopen, for a version being read (the
 * hash it was saved with), as a fresh array each time; and {@code STORE_CLOSED} after the store's
 * close, {@code TX_NOT_ACTIVE} after the transaction's end. Read-write transactions do not
 * implement it.
 *
 * <p>{@link ContentHashReader} is optional and announced by no capability flag: these tests run
 * for an engine with transactions whose read-only transactions implement it, and are skipped
 * otherwise ({@link StoreFixture#contentHashReader}). Part of {@link TransactionalContract}, which
 * extends it, so every engine (and every store handle) that runs the transactions contract runs
 * these too.
 */
public interface ContentHashReaderContract extends EngineFixture {

    /**
     * Fixed contents, reached by writes, overwrites and deletes, have their known hashes (computed
     * outside Java): the empty store, {@code {"a":"bc"}}, {@code {"ab":"c"}} and three entries with
     * the empty key, the empty value and high bytes.
     */
    @Test
    default void readOnlyHashOfFixedContentIsTheKnownAnswer(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);

        assertEquals(ContentHashReference.KNOWN_EMPTY_STORE, hashHexOf(fixture, transactional), "the empty store");
        Entries.write(store, "a=first", "x=temporary");
        Entries.write(store, "a=bc");
        store.delete(utf8("x"));
        assertEquals(ContentHashReference.KNOWN_A_BC, hashHexOf(fixture, transactional), "{a: bc}");
        store.delete(utf8("a"));
        Entries.write(store, "ab=c");
        assertEquals(ContentHashReference.KNOWN_AB_C, hashHexOf(fixture, transactional), "{ab: c}");
        store.delete(utf8("ab"));
        Entries.write(store, "=", "apple=red");
        store.set(hex("ff00"), hex("80"));
        assertEquals(ContentHashReference.KNOWN_THREE_ENTRIES, hashHexOf(fixture, transactional),
                "{'': '', apple: red, 0xff00: 0x80}");
    }

    /**
     * Thousands of entries, then a third of them overwritten and a fifth deleted, and then all of
     * them deleted: after each step the hash is the reference's over the content written.
     */
    @Test
    default void readOnlyHashFollowsManyWritesOverwritesAndDeletes(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        TreeMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
        int count = 3_000;
        for (int i = 0; i < count; i++) {
            put(store, expected, "key-" + i, "value-" + i);
        }
        assertHash(fixture, transactional, expected, "after " + count + " writes");
        for (int i = 0; i < count; i += 3) {
            put(store, expected, "key-" + i, "overwritten-" + i);
        }
        for (int i = 0; i < count; i += 5) {
            store.delete(utf8("key-" + i));
            expected.remove(utf8("key-" + i));
        }
        assertHash(fixture, transactional, expected, "after overwrites and deletes");
        for (int i = 0; i < count; i++) {
            store.delete(utf8("key-" + i));
        }
        assertEquals(ContentHashReference.KNOWN_EMPTY_STORE, hashHexOf(fixture, transactional), "all deleted");
    }

    /**
     * The hash is that of the snapshot the transaction began on, whether first asked before or after
     * the store changed: by writes, deletes, commits, a save and a load of a version.
     */
    @Test
    default void readOnlyHashIsOfTheSnapshotNotOfLaterChanges(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        for (int i = 0; i < 600; i++) {
            store.set(utf8("key-" + i), utf8("value-" + i));
        }
        try (Transaction askedFirst = transactional.beginReadOnlyTx();
             Transaction askedLater = transactional.beginReadOnlyTx()) {
            ContentHashReader first = fixture.contentHashReader(askedFirst);
            ContentHashReader later = fixture.contentHashReader(askedLater);
            String atBegin = hexOf(ContentHashReference.hashOf(askedFirst));
            assertEquals(atBegin, hexOf(first.contentHash()), "asked at once");

            changeEverythingOnce(store, transactional);
            if (fixture.capabilities().versioning()) {
                Versioned versioned = fixture.versioned(store);
                versioned.saveVersion();
                Entries.write(store, "after=the save");
                versioned.loadVersion(versioned.saveVersion().version());
            }

            assertEquals(atBegin, hexOf(later.contentHash()), "first asked after the store changed");
            assertEquals(atBegin, hexOf(first.contentHash()), "asked again after the store changed");
            assertNotEquals(atBegin, hashHexOf(fixture, transactional), "a new transaction sees the changes");
        }
    }

    /** The hash of a read-only transaction is that of a version saved with the same content. */
    @Test
    default void readOnlyHashIsTheHashOfAVersionSavedOfTheSameContent(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "a=1", "b=2", "c=3");
        VersionInfo saved = versioned.saveVersion();
        assertEquals(saved.hashHex(), hashHexOf(fixture, transactional), "right after the save");
        Entries.write(store, "d=4");
        store.delete(utf8("a"));
        String changed = hashHexOf(fixture, transactional);
        assertEquals(versioned.saveVersion().hashHex(), changed, "changed, then saved");
    }

    /**
     * While writers change the store and a saver saves versions, every read-only transaction's hash
     * is that of what it reads, however the store moved on between its begin and the question.
     */
    @Test
    default void readOnlyHashUnderConcurrentWritersIsTheSnapshots(StoreFixture fixture) {
        Store store = fixture.createStore(fixture.capabilities().versioning() ? Config.of("max_versions", 3)
                : Config.empty());
        Transactional transactional = fixture.transactional(store);
        try (Transaction probe = transactional.beginReadOnlyTx()) {
            // Skips here, not in a worker, where the assumption would count as the run's failure.
            fixture.contentHashReader(probe);
        }
        for (int i = 0; i < 200; i++) {
            store.set(utf8("key-" + i), utf8("initial"));
        }
        AtomicLong checked = new AtomicLong();
        StressRun run = new StressRun(fixture.stressDuration())
                .workers("writer", 2, index -> {
                    writeRandomly(store, ThreadLocalRandom.current());
                    return true;
                })
                .workers("reader", 2, index -> {
                    checkSnapshotHash(fixture, transactional, index % 2 == 0);
                    checked.incrementAndGet();
                    return true;
                });
        if (fixture.capabilities().versioning()) {
            Versioned versioned = fixture.versioned(store);
            run.workers("saver", 1, index -> {
                versioned.saveVersion();
                Thread.sleep(2);
                return true;
            });
        }
        run.run();
        assertFalse(checked.get() == 0, "no snapshot was checked");
    }

    /** A version being read tells the hash it was saved with, as later changes come and go. */
    @Test
    default void versionReadTellsTheHashItWasSavedWith(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", 0));
        fixture.transactional(store);
        Versioned versioned = fixture.versioned(store);
        VersionReader reader = fixture.versionReader(store);
        List<VersionInfo> saved = new ArrayList<>();
        saved.add(versioned.saveVersion());
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 300; i++) {
                store.set(utf8("key-" + (i * (round + 1))), utf8("round-" + round));
            }
            store.delete(utf8("key-" + round));
            saved.add(versioned.saveVersion());
        }
        Entries.write(store, "unsaved=change");

        for (VersionInfo info : saved) {
            try (Transaction tx = reader.readVersion(info.version())) {
                ContentHashReader hash = fixture.contentHashReader(tx);
                assertEquals(info.hashHex(), hexOf(hash.contentHash()), "version " + info.version());
                assertEquals(info.hashHex(), hexOf(ContentHashReference.hashOf(tx)),
                        "version " + info.version() + " as read");
            }
        }
    }

    /**
     * A persistent store tells the same hashes after a reopen: of its working data, of a version
     * read, and of the data changed after the reopen.
     */
    @Test
    default void readOnlyHashAfterReopenIsTheReferenceHash(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        for (int i = 0; i < 700; i++) {
            store.set(utf8("key-" + i), utf8("value-" + i));
        }
        String savedHash = fixture.capabilities().versioning() ? fixture.versioned(store).saveVersion().hashHex() : null;
        store.delete(utf8("key-3"));
        Entries.write(store, "key-4=changed", "added=1");
        String before = hashHexOf(fixture, transactional);

        Store reopened = fixture.reopen(store);
        Transactional again = fixture.transactional(reopened);
        assertEquals(before, hashHexOf(fixture, again), "the working data after the reopen");
        if (savedHash != null && reopened instanceof VersionReader reader) {
            try (Transaction version = reader.readVersion(1)) {
                assertEquals(savedHash, hexOf(fixture.contentHashReader(version).contentHash()), "version 1");
            }
        }
        Entries.write(reopened, "key-5=after the reopen");
        reopened.delete(utf8("key-6"));
        try (Transaction tx = again.beginReadOnlyTx()) {
            assertEquals(hexOf(ContentHashReference.hashOf(tx)), hexOf(fixture.contentHashReader(tx).contentHash()),
                    "changed after the reopen");
        }
    }

    /** Each call answers a new array: changing one changes neither the next answer nor the store. */
    @Test
    default void contentHashIsAFreshCopy(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "a=1");
        try (Transaction tx = transactional.beginReadOnlyTx()) {
            ContentHashReader reader = fixture.contentHashReader(tx);
            byte[] first = reader.contentHash();
            assertEquals(VersionInfo.HASH_LENGTH, first.length, "length of the hash");
            String expected = hexOf(first);
            first[0] ^= 1;
            Arrays.fill(first, 1, first.length, (byte) 0);
            assertEquals(expected, hexOf(reader.contentHash()), "the hash after the caller changed its copy");
        }
        assertEquals(hexOf(ContentHashReference.hashOf(store)), hashHexOf(fixture, transactional),
                "a new transaction's hash");
    }

    /**
     * A transaction's hash is {@code TX_NOT_ACTIVE} once it committed, rolled back or closed, even
     * if it was asked before; a read-write transaction does not tell one.
     */
    @Test
    default void contentHashOfAnEndedTransactionIsTxNotActive(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "a=1");
        List<Consumer<Transaction>> ends = List.of(Transaction::commit, Transaction::rollback, Transaction::close);
        for (Consumer<Transaction> end : ends) {
            Transaction tx = transactional.beginReadOnlyTx();
            ContentHashReader reader = fixture.contentHashReader(tx);
            reader.contentHash();
            end.accept(tx);
            assertCode(TX_NOT_ACTIVE, reader::contentHash, "contentHash after the transaction ended");
        }
        try (Transaction readWrite = transactional.beginTx()) {
            assertFalse(readWrite instanceof ContentHashReader, "a read-write transaction is not a "
                    + ContentHashReader.class.getSimpleName() + ": it sees writes not yet committed");
        }
    }

    /**
     * The store's close ends the hash of its read-only transactions and of its version reads:
     * {@code STORE_CLOSED}, even where it was asked before the close.
     */
    @Test
    default void contentHashAfterStoreCloseIsStoreClosed(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "a=1");
        Transaction askedBefore = transactional.beginReadOnlyTx();
        ContentHashReader before = fixture.contentHashReader(askedBefore);
        before.contentHash();
        ContentHashReader never = fixture.contentHashReader(transactional.beginReadOnlyTx());
        ContentHashReader version = null;
        if (fixture.capabilities().versioning() && store instanceof VersionReader reader) {
            fixture.versioned(store).saveVersion();
            version = fixture.contentHashReader(reader.readVersion(1));
        }

        store.close();

        assertCode(STORE_CLOSED, before::contentHash, "contentHash asked before the close");
        assertCode(STORE_CLOSED, never::contentHash, "contentHash first asked after the close");
        if (version != null) {
            assertCode(STORE_CLOSED, version::contentHash, "contentHash of a version read");
        }
    }

    /** The hash a new read-only transaction tells, in hex. */
    private static String hashHexOf(StoreFixture fixture, Transactional store) {
        try (Transaction tx = store.beginReadOnlyTx()) {
            String told = hexOf(fixture.contentHashReader(tx).contentHash());
            assertEquals(hexOf(ContentHashReference.hashOf(tx)), told, "the hash told against the entries read");
            return told;
        }
    }

    private static void assertHash(StoreFixture fixture, Transactional store, TreeMap<byte[], byte[]> expected,
            String what) {
        assertEquals(hexOf(ContentHashReference.hashOf(expected)), hashHexOf(fixture, store), what);
    }

    /** Begins a read-only transaction and checks its hash against what it reads, asked first or last. */
    private static void checkSnapshotHash(StoreFixture fixture, Transactional store, boolean askFirst) {
        try (Transaction tx = store.beginReadOnlyTx()) {
            ContentHashReader reader = fixture.contentHashReader(tx);
            String told = askFirst ? hexOf(reader.contentHash()) : null;
            String read = hexOf(ContentHashReference.hashOf(tx));
            if (!askFirst) {
                told = hexOf(reader.contentHash());
            }
            assertEquals(read, told, "the hash told against the snapshot read (asked "
                    + (askFirst ? "before" : "after") + " reading it)");
        }
    }

    private static void put(Store store, TreeMap<byte[], byte[]> expected, String key, String value) {
        store.set(utf8(key), utf8(value));
        expected.put(utf8(key), utf8(value));
    }

    /** Overwrites, deletes and adds, partly in a transaction. */
    private static void changeEverythingOnce(Store store, Transactional transactional) {
        for (int i = 0; i < 600; i += 2) {
            store.set(utf8("key-" + i), utf8("changed"));
        }
        for (int i = 1; i < 600; i += 4) {
            store.delete(utf8("key-" + i));
        }
        try (Transaction tx = transactional.beginTx()) {
            tx.set(utf8("committed"), utf8("1"));
            tx.delete(utf8("key-3"));
            tx.commit();
        }
    }

    private static void writeRandomly(Store store, ThreadLocalRandom random) {
        byte[] key = utf8("key-" + random.nextInt(300));
        if (random.nextInt(4) == 0) {
            store.delete(key);
        } else {
            store.set(key, utf8("v" + random.nextInt(1_000_000)));
        }
    }

    private static String hexOf(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
