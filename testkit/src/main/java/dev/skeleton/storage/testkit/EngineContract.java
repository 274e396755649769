package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.INVALID_ARGUMENT;
import static dev.skeleton.storage.ErrorCode.INVALID_CONFIG;
import static dev.skeleton.storage.ErrorCode.STORE_EXISTS;
import static dev.skeleton.storage.ErrorCode.STORE_NOT_FOUND;
import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static dev.skeleton.storage.testkit.StorageAssertions.assertContent;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of an {@link Engine}: its name and capabilities, creating, opening and destroying
 * stores, store names and paths, configuration checks, and &mdash; for engines with the persistence
 * capability &mdash; data, versions and configuration surviving a close and an open from a fresh
 * engine instance.
 *
 * <p>Part of {@link EngineCompliance}. Persistence tests skip for engines without persistence; those
 * engines must answer {@code open} with {@code STORE_NOT_FOUND} instead.
 */
public interface EngineContract extends EngineFixture {

    /** The engine has a name. */
    @Test
    default void engineHasAName(StoreFixture fixture) {
        String name = fixture.engine().name();

        assertTrue(name != null && !name.isBlank(), () -> "engine name must not be empty: " + name);
    }

    /** Capabilities are constant: every call and every instance of the engine answers the same. */
    @Test
    default void capabilitiesAreConstant(StoreFixture fixture) {
        Capabilities first = fixture.engine().capabilities();

        assertEquals(first, fixture.engine().capabilities(), "second call");
        assertEquals(first, fixture.newEngine().capabilities(), "another instance");
    }

    /** A store implements the interface of every capability its engine declares. */
    @Test
    default void storeImplementsEveryDeclaredCapability(StoreFixture fixture) {
        Store store = fixture.createStore();
        Capabilities capabilities = fixture.capabilities();

        // Each capability method asserts the interface and its supports...() flag.
        if (capabilities.transactions()) {
            fixture.transactional(store);
        }
        if (capabilities.versioning()) {
            fixture.versioned(store);
        }
        if (capabilities.rangeQueries()) {
            fixture.rangeQueryable(store);
        }
    }

    /** The {@code supports...()} flags still answer true after close. */
    @Test
    default void capabilityFlagsAnswerAfterClose(StoreFixture fixture) {
        Store store = fixture.createStore();
        Capabilities capabilities = fixture.capabilities();
        store.close();

        if (capabilities.transactions()) {
            fixture.transactional(store);
        }
        if (capabilities.versioning()) {
            fixture.versioned(store);
        }
        if (capabilities.rangeQueries()) {
            fixture.rangeQueryable(store);
        }
    }

    /** Creating a store that is open is {@code STORE_EXISTS}; the open store is unharmed. */
    @Test
    default void createOfOpenStoreIsStoreExists(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=value");

        assertCode(STORE_EXISTS, () -> fixture.createStore(), "create of an open store");

        assertContent(store, "key=value");
    }

    /** Opening a missing store is {@code STORE_NOT_FOUND}. */
    @Test
    default void openOfMissingStoreIsStoreNotFound(StoreFixture fixture) {
        assertCode(STORE_NOT_FOUND, () -> fixture.openStore("missing"), "open of a store never created");
    }

    /** An engine without persistence keeps nothing: open after close is {@code STORE_NOT_FOUND}. */
    @Test
    default void openOfNonPersistentStoreIsStoreNotFound(StoreFixture fixture) {
        assumeFalse(fixture.capabilities().persistence(), "the engine has persistence");
        Store store = fixture.createStore();
        Entries.write(store, "key=value");
        store.close();

        assertCode(STORE_NOT_FOUND, () -> fixture.openStore(store.name()), "open without persistence");
    }

    /** A store name must match {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}, in create, open and destroy. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.EngineContract#invalidStoreNames")
    default void invalidStoreNameIsInvalidArgument(String name, StoreFixture fixture) {
        Engine engine = fixture.engine();
        String path = fixture.pathOf("valid");

        assertAll(
                () -> assertCode(INVALID_ARGUMENT,
                        () -> fixture.track(engine.create(name, path, Config.empty())), "create"),
                () -> assertCode(INVALID_ARGUMENT, () -> fixture.track(engine.open(name, path)), "open"),
                () -> assertCode(INVALID_ARGUMENT, () -> engine.destroy(name, path), "destroy"));
    }

    /** Names at the edges of the pattern are valid, the longest (128 characters) included. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.EngineContract#validStoreNames")
    default void validStoreNameIsAccepted(String name, StoreFixture fixture) {
        Store store = fixture.createStore(name, Config.empty());

        assertEquals(name, store.name());
    }

    /** A null path is {@code INVALID_ARGUMENT} in create, open and destroy. */
    @Test
    default void nullPathIsInvalidArgument(StoreFixture fixture) {
        Engine engine = fixture.engine();

        assertAll(
                () -> assertCode(INVALID_ARGUMENT,
                        () -> fixture.track(engine.create("store", null, Config.empty())), "create"),
                () -> assertCode(INVALID_ARGUMENT, () -> fixture.track(engine.open("store", null)), "open"),
                () -> assertCode(INVALID_ARGUMENT, () -> engine.destroy("store", null), "destroy"));
    }

    /** A null config is read as the empty config. */
    @Test
    default void nullConfigIsEmpty(StoreFixture fixture) {
        Store store = fixture.track(fixture.engine().create("store", fixture.pathOf("store"), null));

        Entries.write(store, "key=value");
        assertContent(store, "key=value");
    }

    /** An unknown config key is {@code INVALID_CONFIG} naming the key; nothing is left behind. */
    @Test
    default void unknownConfigKeyIsInvalidConfig(StoreFixture fixture) {
        StorageException invalid = assertCode(INVALID_CONFIG,
                () -> fixture.createStore(Config.of("no_such_key", 1)), "create with an unknown key");

        assertMessageNames("no_such_key", invalid);
        assertNothingLeftBehind(fixture);
    }

    /** Keys that OSGi frameworks and ConfigAdmin add are ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"service.pid", "component.name", "felix.fileinstall.filename"})
    default void frameworkConfigKeyIsIgnored(String key, StoreFixture fixture) {
        Store store = fixture.createStore(Config.of(key, "added by the framework"));

        Entries.write(store, "key=value");
        assertContent(store, "key=value");
    }

    /** {@code max_versions} of the wrong type is {@code INVALID_CONFIG} naming key and value; nothing is left. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.EngineContract#invalidMaxVersions")
    default void invalidMaxVersionsIsInvalidConfig(Object value, StoreFixture fixture) {
        StorageException invalid = assertCode(INVALID_CONFIG,
                () -> fixture.createStore(Config.of("max_versions", value)), "max_versions = " + value);

        assertMessageNames("max_versions", invalid);
        assertMessageNames(String.valueOf(value), invalid);
        assertNothingLeftBehind(fixture);
    }

    /** Destroying a store that does not exist is no error, and destroying twice is neither. */
    @Test
    default void destroyIsIdempotent(StoreFixture fixture) {
        Engine engine = fixture.engine();
        Store store = fixture.createStore();
        store.close();

        assertDoesNotThrow(() -> engine.destroy("never-created", fixture.pathOf("never-created")));
        assertDoesNotThrow(() -> engine.destroy(store.name(), store.path()), "first destroy");
        assertDoesNotThrow(() -> engine.destroy(store.name(), store.path()), "second destroy");
    }

    /** After destroy, create makes a new, empty store under the same name and path. */
    @Test
    default void destroyThenCreateGivesAnEmptyStore(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=value");
        store.close();

        fixture.engine().destroy(store.name(), store.path());

        assertContent(fixture.createStore());
    }

    /** A persistent store's data survives close and open from a fresh engine instance. */
    @Test
    default void dataSurvivesReopen(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2", "=empty key", "deleted=x", "empty=");
        store.set(hex("ff00"), hex("80ff"));
        store.delete(utf8("deleted"));
        byte[] large = Bytes.random(256 * 1024, 3);
        store.set(utf8("large"), large);

        Store reopened = fixture.reopen(store);

        assertArrayEquals(large, reopened.get(utf8("large")));
        reopened.delete(utf8("large"));
        assertContent(reopened, "=empty key", "a=1", "b=2", "empty=", "0xff00=0x80ff");
    }

    /** A committed transaction survives close and open. */
    @Test
    default void committedTransactionSurvivesReopen(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        try (Transaction tx = fixture.transactional(store).beginTx()) {
            Entries.write(tx, "committed=1");
            tx.commit();
        }

        assertContent(fixture.reopen(store), "committed=1");
    }

    /** Saved versions and their hashes survive close and open; numbering continues. */
    @Test
    default void versionsSurviveReopen(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        Versioned versioned = fixture.versioned(store);
        Entries.write(store, "key=1");
        VersionInfo first = versioned.saveVersion();
        Entries.write(store, "key=2");
        versioned.saveVersion();

        Store reopened = fixture.reopen(store);
        Versioned reopenedVersions = fixture.versioned(reopened);

        assertArrayEquals(new long[] {1, 2}, reopenedVersions.listVersions());
        reopenedVersions.loadVersion(1);
        assertContent(reopened, "key=1");
        VersionInfo third = reopenedVersions.saveVersion();
        assertEquals(3, third.version(), "numbering continues after reopen");
        assertEquals(first.hashHex(), third.hashHex(), "hash of the same content after reopen");
    }

    /** The config given at create is the one open uses: {@code max_versions = 2} still prunes. */
    @Test
    default void configOfCreateIsUsedByOpen(StoreFixture fixture) {
        fixture.assumePersistence();
        fixture.assumeVersioning();
        Store store = fixture.createStore(Config.of("max_versions", 2));
        fixture.versioned(store).saveVersion();

        Store reopened = fixture.reopen(store);
        Versioned versioned = fixture.versioned(reopened);
        versioned.saveVersion();
        versioned.saveVersion();

        assertArrayEquals(new long[] {2, 3}, versioned.listVersions());
    }

    /** A persistent store exists after close: create is {@code STORE_EXISTS}, open of an open one too. */
    @Test
    default void persistentStoreExistsAfterClose(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        Entries.write(store, "key=value");
        store.close();

        assertCode(STORE_EXISTS, () -> fixture.createStore(), "create of a closed, existing store");
        Store reopened = fixture.openStore(store.name());
        assertCode(STORE_EXISTS, () -> fixture.openStore(store.name()), "open of an open store");
        assertContent(reopened, "key=value");
    }

    /** Destroy removes a persistent store's data: open is then {@code STORE_NOT_FOUND}. */
    @Test
    default void destroyRemovesPersistentData(StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore();
        Entries.write(store, "key=value");
        store.close();

        fixture.engine().destroy(store.name(), store.path());

        assertCode(STORE_NOT_FOUND, () -> fixture.openStore(store.name()), "open after destroy");
    }

    private static void assertMessageNames(String text, StorageException invalid) {
        String message = String.valueOf(invalid.getMessage());
        assertTrue(message.contains(text), () -> "message must name " + text + ": " + message);
    }

    /** A create that failed on its config leaves no store: open finds none, create succeeds. */
    private static void assertNothingLeftBehind(StoreFixture fixture) {
        assertCode(STORE_NOT_FOUND, () -> fixture.openStore(StoreFixture.DEFAULT_STORE_NAME),
                "open after a failed create");
        Store store = fixture.createStore();
        assertFalse(store.has(utf8("key")));
    }

    private static Stream<String> invalidStoreNames() {
        return Stream.of(null, "", ".", "..", "a/b", "a\\b", "../escape", "-a", ".a", "_a", "a b", "a:b",
                "caf\u00e9", "a".repeat(129));
    }

    private static Stream<String> validStoreNames() {
        return Stream.of("a", "Z", "0", "a.b_c-9", "A".repeat(128));
    }

    private static Stream<Object> invalidMaxVersions() {
        return Stream.of("abc", 1.5, "1.5", true);
    }
}
