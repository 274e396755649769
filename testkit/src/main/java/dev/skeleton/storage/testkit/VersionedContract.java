package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.ErrorCode.TX_CONFLICT;
import static dev.skeleton.storage.ErrorCode.VERSION_NOT_FOUND;
import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static dev.skeleton.storage.testkit.StorageAssertions.assertContent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link Versioned} stores: numbering (1, 2, 3 &hellip;, never reused), loading,
 * retention by {@code max_versions}, the content hash of {@link VersionInfo}, closing, and the
 * interplay of {@code loadVersion} with open transactions.
 *
 * <p>Every rule that holds whatever the retention runs once per {@link Retention#settings()
 * setting}: {@code max_versions} 1, 2 and unlimited (the test's name says which). The rules of
 * retention itself are in {@link VersionRetentionContract}, which this interface extends, so an
 * engine that runs this contract runs them too; the tests here that need a particular retention
 * (several versions kept, the default of 100, a numeric string) create their store with it. So are
 * the rules of reading a saved version without loading it ({@link VersionReaderContract}), which
 * run for stores that implement the optional {@link dev.skeleton.storage.VersionReader}.
 *
 * <p>Hashes are checked three ways: against {@link ContentHashReference} computed over the store's
 * content, against known answers computed outside Java, and between stores of equal content built
 * by different histories. Skipped for engines without the versioning capability. Part of
 * {@link EngineCompliance}.
 */
public interface VersionedContract extends VersionRetentionContract, VersionReaderContract {

    /** Before any save, the current version is 0 and there are no versions. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void currentVersionIsZeroBeforeAnySave(Retention retention, StoreFixture fixture) {
        Versioned store = fixture.versioned(fixture.createStore(retention));

        assertEquals(0, store.currentVersion());
        assertArrayEquals(new long[0], store.listVersions());
    }

    /** Saves are numbered 1, 2, 3, and each becomes the current version. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void versionsAreNumberedFromOne(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);

        for (long expected = 1; expected <= 3; expected++) {
            Entries.write(store, "key=" + expected);
            VersionInfo info = versioned.saveVersion();
            assertEquals(expected, info.version(), "number of save " + expected);
            assertEquals(expected, versioned.currentVersion(), "currentVersion after save " + expected);
        }
        assertArrayEquals(retention.keptAfter(3), versioned.listVersions());
    }

    /** Loading restores exactly: keys added later are gone, deleted and changed ones are back. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void loadVersionRestoresTheContentExactly(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "changed=old", "deleted=1", "kept=1");
        versioned.saveVersion();
        Entries.write(store, "changed=new", "added=1");
        store.delete(utf8("deleted"));

        versioned.loadVersion(1);

        assertContent(store, "changed=old", "deleted=1", "kept=1");
        assertEquals(1, versioned.currentVersion());
    }

    /** Loading an older version keeps the later ones, which can be loaded again. */
    @Test
    default void loadVersionKeepsLaterVersions(StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "key=1");
        versioned.saveVersion();
        Entries.write(store, "key=2");
        versioned.saveVersion();

        versioned.loadVersion(1);

        assertArrayEquals(new long[] {1, 2}, versioned.listVersions());
        versioned.loadVersion(2);
        assertContent(store, "key=2");
        assertEquals(2, versioned.currentVersion());
    }

    /**
     * A save after loading an older version takes max + 1: numbers are never reused. The version
     * loaded is the oldest one kept (the newest under {@code max_versions = 1}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void saveAfterLoadTakesTheNextNumber(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        saveVersions(store, versioned, 3);

        versioned.loadVersion(retention.oldestKeptAfter(3));
        Entries.write(store, "key=after-load");
        VersionInfo info = versioned.saveVersion();

        assertEquals(4, info.version());
        assertArrayEquals(retention.keptAfter(4), versioned.listVersions());
        for (long version : retention.keptAfter(3)) {
            if (version >= retention.oldestKeptAfter(4)) {
                versioned.loadVersion(version);
                assertContent(store, "key=" + version);
            }
        }
        versioned.loadVersion(4);
        assertContent(store, "key=after-load");
    }

    /** Numbers of pruned versions are not reused either. */
    @Test
    default void numbersAreNotReusedAfterPruning(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", 2));
        Versioned versioned = fixture.versioned(store);
        saveVersions(store, versioned, 3);

        versioned.loadVersion(2);
        VersionInfo info = versioned.saveVersion();

        assertEquals(4, info.version());
        assertArrayEquals(new long[] {3, 4}, versioned.listVersions());
    }

    /** Writes after a save or a load leave the current version as it was. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void writesDoNotChangeTheCurrentVersion(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        saveVersions(store, versioned, 2);

        Entries.write(store, "after=save");
        assertEquals(2, versioned.currentVersion());
        long loaded = retention.oldestKeptAfter(2);
        versioned.loadVersion(loaded);
        Entries.write(store, "after=load");
        assertEquals(loaded, versioned.currentVersion());
    }

    /** Loading a version never saved is {@code VERSION_NOT_FOUND}; nothing changes. */
    @ParameterizedTest
    @ValueSource(longs = {0, -1, 3, Long.MAX_VALUE})
    default void loadOfUnknownVersionIsVersionNotFound(long version, StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        saveVersions(store, versioned, 2);
        Entries.write(store, "working=data");

        assertCode(VERSION_NOT_FOUND, () -> versioned.loadVersion(version), "loadVersion(" + version + ")");

        assertContent(store, "key=2", "working=data");
        assertEquals(2, versioned.currentVersion());
    }

    /** Loading a pruned version is {@code VERSION_NOT_FOUND}; nothing changes. */
    @Test
    default void loadOfPrunedVersionIsVersionNotFound(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", 2));
        Versioned versioned = fixture.versioned(store);
        saveVersions(store, versioned, 3);

        assertCode(VERSION_NOT_FOUND, () -> versioned.loadVersion(1), "loadVersion of a pruned version");

        assertContent(store, "key=3");
        assertEquals(3, versioned.currentVersion());
    }

    /** {@code max_versions = 3} keeps the newest three, ascending. */
    @Test
    default void maxVersionsKeepsTheNewest(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", 3));
        Versioned versioned = fixture.versioned(store);

        saveVersions(store, versioned, 5);

        assertArrayEquals(new long[] {3, 4, 5}, versioned.listVersions());
        versioned.loadVersion(3);
        assertContent(store, "key=3");
    }

    /** {@code max_versions} given as a numeric string works like the number. */
    @Test
    default void maxVersionsAcceptsANumericString(StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", "2"));
        Versioned versioned = fixture.versioned(store);

        saveVersions(store, versioned, 3);

        assertArrayEquals(new long[] {2, 3}, versioned.listVersions());
    }

    /** {@code max_versions} of 0 or below keeps every version: here 120, more than the default. */
    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    default void maxVersionsZeroOrNegativeIsUnlimited(int maxVersions, StoreFixture fixture) {
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", maxVersions));
        Versioned versioned = fixture.versioned(store);

        saveVersions(store, versioned, 120);

        assertArrayEquals(LongStream.rangeClosed(1, 120).toArray(), versioned.listVersions());
    }

    /** Without {@code max_versions}, the newest 100 are kept: the 101st save prunes version 1. */
    @Test
    default void defaultRetentionIsOneHundredVersions(StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);

        saveVersions(store, versioned, 101);

        assertArrayEquals(LongStream.rangeClosed(2, 101).toArray(), versioned.listVersions());
        assertCode(VERSION_NOT_FOUND, () -> versioned.loadVersion(1), "loadVersion(1) after 101 saves");
    }

    /** A saved version is not changed by later writes to the store. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void savedVersionIsUnaffectedByLaterWrites(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "a=1", "b=2");
        VersionInfo saved = versioned.saveVersion();

        Entries.write(store, "a=changed", "c=3");
        store.delete(utf8("b"));
        versioned.loadVersion(1);

        assertContent(store, "a=1", "b=2");
        assertArrayEquals(saved.hash(), versioned.saveVersion().hash(), "hash of the reloaded content");
    }

    /** The saved version and its hash describe the content saved. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void savedHashMatchesTheReference(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "apple=red", "banana=yellow", "=empty key", "empty value=");
        store.set(hex("ff7f80"), hex("00ff"));

        VersionInfo info = versioned.saveVersion();

        assertEquals(versioned.currentVersion(), info.version());
        assertEquals(VersionInfo.HASH_LENGTH, info.hash().length);
        assertHash(ContentHashReference.hashOf(store), info);
    }

    /** The empty store's hash is SHA-256 of 512 zero bytes. */
    @Test
    default void emptyStoreHashIsTheKnownAnswer(StoreFixture fixture) {
        Versioned versioned = fixture.versioned(fixture.createStore());

        VersionInfo info = versioned.saveVersion();

        assertEquals(ContentHashReference.KNOWN_EMPTY_STORE, info.hashHex());
        assertArrayEquals(ContentHashReference.emptyStoreHash(), info.hash());
    }

    /** A fixed content, with the empty key, the empty value and high bytes, has its known hash. */
    @Test
    default void hashOfFixedContentIsTheKnownAnswer(StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "=", "apple=red");
        store.set(hex("ff00"), hex("80"));

        assertEquals(ContentHashReference.KNOWN_THREE_ENTRIES, versioned.saveVersion().hashHex());
    }

    /** Keys and values are framed by their length: {"a":"bc"} and {"ab":"c"} differ. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void hashFramesKeysAndValuesByLength(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);

        Entries.write(store, "a=bc");
        VersionInfo aBc = versioned.saveVersion();
        store.delete(utf8("a"));
        Entries.write(store, "ab=c");
        VersionInfo abC = versioned.saveVersion();

        assertEquals(ContentHashReference.KNOWN_A_BC, aBc.hashHex(), "hash of {a: bc}");
        assertEquals(ContentHashReference.KNOWN_AB_C, abC.hashHex(), "hash of {ab: c}");
    }

    /** Equal content gives equal hashes whatever the history: order, overwrites, deletes, loads. */
    @Test
    default void equalContentGivesEqualHashes(StoreFixture fixture) {
        Store forward = fixture.createStore("forward", Config.empty());
        Store winding = fixture.createStore("winding", Config.empty());
        Entries.write(forward, "a=1", "b=2", "c=3");
        Entries.write(winding, "c=3", "x=temporary", "a=first", "b=2", "a=1");
        winding.delete(utf8("x"));

        VersionInfo forwardInfo = fixture.versioned(forward).saveVersion();
        VersionInfo windingInfo = fixture.versioned(winding).saveVersion();
        assertHash(forwardInfo.hash(), windingInfo);

        Entries.write(forward, "d=4");
        forward.delete(utf8("a"));
        fixture.versioned(forward).saveVersion();
        fixture.versioned(forward).loadVersion(1);
        assertHash(forwardInfo.hash(), fixture.versioned(forward).saveVersion());
    }

    /** Any change of content changes the hash: a value, an added empty entry, a removed key. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void differentContentGivesDifferentHashes(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "a=1", "b=2");
        VersionInfo base = versioned.saveVersion();

        Entries.write(store, "a=9");
        VersionInfo changedValue = versioned.saveVersion();
        Entries.write(store, "a=1", "=");
        VersionInfo addedEmpty = versioned.saveVersion();
        store.delete(new byte[0]);
        store.delete(utf8("b"));
        VersionInfo removed = versioned.saveVersion();

        assertDistinct(base, changedValue, addedEmpty, removed);
    }

    /** {@code listVersions} returns a new array each time: changing it changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void listVersionsReturnsANewArray(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        saveVersions(store, versioned, 2);

        Arrays.fill(versioned.listVersions(), 99);

        assertArrayEquals(retention.keptAfter(2), versioned.listVersions());
    }

    /** After close, save, load, list and current version are {@code STORE_CLOSED}. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.VersionedContract#versionCalls")
    default void versionOperationAfterCloseIsStoreClosed(ThrowingConsumer<Versioned> call, StoreFixture fixture) {
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        versioned.saveVersion();
        store.close();

        assertCode(STORE_CLOSED, () -> call.accept(versioned));
    }

    /** {@code loadVersion} counts as a write of each key it changes: a transaction that read one conflicts. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void loadVersionConflictsWithTransactionThatReadAChangedKey(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "key=1");
        versioned.saveVersion();
        Entries.write(store, "key=2");

        Transaction tx = transactional.beginTx();
        tx.get(utf8("key"));
        Entries.write(tx, "written=1");
        versioned.loadVersion(1);

        assertCode(TX_CONFLICT, tx::commit, "commit after loadVersion changed a key the transaction read");
        assertFalse(tx.isActive());
        assertContent(store, "key=1");
    }

    /** Keys that {@code loadVersion} leaves unchanged do not make a transaction conflict. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void loadVersionDoesNotConflictOnUnchangedKeys(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "stable=1", "changing=1");
        versioned.saveVersion();
        Entries.write(store, "changing=2");

        Transaction tx = transactional.beginTx();
        tx.get(utf8("stable"));
        Entries.write(tx, "written=1");
        versioned.loadVersion(1);

        assertDoesNotThrow(tx::commit, "commit after loadVersion left the keys read unchanged");
        assertContent(store, "changing=1", "stable=1", "written=1");
    }

    private static void saveVersions(Store store, Versioned versioned, int count) {
        for (int i = 1; i <= count; i++) {
            Entries.write(store, "key=" + i);
            versioned.saveVersion();
        }
    }

    private static void assertHash(byte[] expected, VersionInfo actual) {
        assertEquals(HexFormat.of().formatHex(expected), actual.hashHex(), "hash of version " + actual.version());
    }

    private static void assertDistinct(VersionInfo... infos) {
        long distinct = Stream.of(infos).map(VersionInfo::hashHex).distinct().count();
        assertEquals(infos.length, distinct, () -> "hashes of different contents must differ: "
                + Arrays.toString(infos));
    }

    private static Stream<Named<ThrowingConsumer<Versioned>>> versionCalls() {
        return Stream.of(
                Named.of("saveVersion", Versioned::saveVersion),
                Named.of("loadVersion", versioned -> versioned.loadVersion(1)),
                Named.of("listVersions", Versioned::listVersions),
                Named.of("currentVersion", Versioned::currentVersion));
    }
}
