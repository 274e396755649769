package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the postgres engine adds to the kit: its settings, its lifecycle, secrets, and its directory note. */
class PostgresEngineTest {

    @TempDir
    Path directory;

    private TestDatabase database;

    @BeforeEach
    void freshSchema() {
        TestDatabase.server();
        database = new TestDatabase();
    }

    @AfterEach
    void closeEngines() {
        database.close();
        PostgresSettings.KEYS.forEach(key -> System.clearProperty(PostgresEngine.PROPERTY_PREFIX + key));
    }

    @Test
    void closingTheEngineClosesItsStoresAndRefusesWork() {
        PostgresEngine engine = database.engine();
        Store store = engine.create("s", path("s"), Config.empty());
        Transaction open = ((Transactional) store).beginTx();

        engine.close();
        engine.close();

        assertCode(ErrorCode.STORE_CLOSED, () -> store.get(bytes("k")));
        assertCode(ErrorCode.STORE_CLOSED, () -> open.set(bytes("k"), bytes("v")));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> engine.open("s", path("s")));
    }

    @Test
    void theDirectoryHoldsANoteWithoutSecretsAndDestroyRemovesIt() throws Exception {
        PostgresTestServer server = TestDatabase.server();
        String secretUrl = server.url() + "?ApplicationName=probe&password=" + server.password();
        PostgresEngine engine = database.track(PostgresEngine.connect(
                new PostgresSettings(secretUrl, server.user(), server.password(), 4, database.schema(), 5000)));
        Store store = engine.create("noted", path("noted"), Config.empty());
        store.set(bytes("k"), bytes("v"));
        store.close();

        String note = Files.readString(directory.resolve("noted").resolve(StoreDirectory.NOTE));
        assertTrue(note.contains(database.schema()), note);
        assertFalse(note.contains(server.password()), note);
        assertFalse(engine.settings().toString().contains(server.password()));
        assertFalse(engine.toString().contains(server.password()));

        engine.destroy("noted", path("noted"));
        engine.destroy("noted", path("noted"));
        assertFalse(Files.exists(directory.resolve("noted")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> engine.open("noted", path("noted")));
    }

    @Test
    void aWrongPasswordIsAnIoErrorThatDoesNotRepeatThePassword() {
        PostgresTestServer server = TestDatabase.server();
        String wrong = "not-the-password-" + System.nanoTime();
        PostgresEngine engine = database.track(PostgresEngine.connect(
                PostgresSettings.of(server.url(), server.user(), wrong).withConnectTimeoutMillis(500)
                        .withSchema(database.schema())));

        StorageException failure = assertThrows(StorageException.class,
                () -> engine.create("s", path("s"), Config.empty()));

        assertEquals(ErrorCode.IO, failure.code());
        assertFalse(failure.getMessage().contains(wrong), failure.getMessage());
        assertTrue(failure.getMessage().contains(PostgresSettings.withoutParameters(server.url())), failure.getMessage());
    }

    @Test
    void storeConfigIsCheckedAndConnectionSettingsAreRefusedThere() {
        PostgresEngine engine = database.engine();
        StorageException password = assertThrows(StorageException.class,
                () -> engine.create("s", path("s"), Config.of("password", "secret")));
        assertEquals(ErrorCode.INVALID_CONFIG, password.code());
        assertFalse(password.getMessage().contains("secret"), password.getMessage());
        assertCode(ErrorCode.INVALID_CONFIG, () -> engine.create("s", path("s"), Config.of("max_versions", "many")));
        assertCode(ErrorCode.INVALID_CONFIG, () -> engine.create("s", path("s"), Config.of("sync", "always")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> engine.open("s", path("s")));
    }

    @Test
    void theConfigGivenAtCreateIsUsedByEveryOpen() {
        Store store = database.engine().create("kept", path("kept"), Config.of("max_versions", 1));
        store.set(bytes("a"), bytes("1"));
        ((dev.skeleton.storage.Versioned) store).saveVersion();
        store.close();

        Store reopened = database.engine().open("kept", path("elsewhere"));
        ((dev.skeleton.storage.Versioned) reopened).saveVersion();
        assertArrayEquals(new long[] {2}, ((dev.skeleton.storage.Versioned) reopened).listVersions());
    }

    @Test
    void serviceLoaderFindsTheEngineAndItReadsSystemProperties() {
        Engine found = ServiceLoader.load(Engine.class).stream().map(ServiceLoader.Provider::get)
                .filter(engine -> PostgresEngine.NAME.equals(engine.name())).findFirst().orElseThrow();
        assertInstanceOf(PostgresEngine.class, found);
        StorageException unconfigured = assertThrows(StorageException.class,
                () -> found.create("s", path("s"), Config.empty()));
        assertEquals(ErrorCode.INVALID_CONFIG, unconfigured.code());
        assertTrue(unconfigured.getMessage().contains(PostgresEngine.PROPERTY_PREFIX + "url"));

        PostgresTestServer server = TestDatabase.server();
        System.setProperty(PostgresEngine.PROPERTY_PREFIX + "url", server.url());
        System.setProperty(PostgresEngine.PROPERTY_PREFIX + "user", server.user());
        System.setProperty(PostgresEngine.PROPERTY_PREFIX + "password", server.password());
        System.setProperty(PostgresEngine.PROPERTY_PREFIX + "schema", database.schema());
        PostgresEngine configured = database.track(new PostgresEngine());
        Store store = configured.create("s", path("s"), Config.empty());
        store.set(bytes("k"), bytes("v"));
        assertArrayEquals(bytes("v"), store.get(bytes("k")));

        System.setProperty(PostgresEngine.PROPERTY_PREFIX + "pool_size", "1");
        assertCode(ErrorCode.INVALID_CONFIG, () -> new PostgresEngine().create("t", path("t"), Config.empty()));
    }

    @Test
    void settingsAreChecked() {
        assertCode(ErrorCode.INVALID_CONFIG, () -> PostgresSettings.of("mysql://x", null, null));
        assertCode(ErrorCode.INVALID_CONFIG, () -> PostgresSettings.of(null, null, null));
        PostgresSettings good = PostgresSettings.of("jdbc:postgresql://db/app?password=hidden", "u", "p");
        assertCode(ErrorCode.INVALID_CONFIG, () -> good.withPoolSize(1));
        assertCode(ErrorCode.INVALID_CONFIG, () -> good.withSchema("Bad-Name"));
        assertCode(ErrorCode.INVALID_CONFIG, () -> good.withConnectTimeoutMillis(10));
        StorageException typo = assertThrows(StorageException.class, () -> PostgresSettings.from(
                Config.of("url", "jdbc:postgresql://db/app", "passwrd", "s3cret")));
        assertEquals(ErrorCode.INVALID_CONFIG, typo.code());
        assertTrue(typo.getMessage().contains("passwrd"), typo.getMessage());
        assertFalse(typo.getMessage().contains("s3cret"), typo.getMessage());
        StorageException notText = assertThrows(StorageException.class, () -> PostgresSettings.from(
                Config.of("url", "jdbc:postgresql://db/app", "password", 271828)));
        assertEquals(ErrorCode.INVALID_CONFIG, notText.code());
        assertFalse(notText.getMessage().contains("271828"), notText.getMessage());
        assertEquals("jdbc:postgresql://db/app schema skeleton", good.describe());
        assertEquals("PostgresSettings[url=jdbc:postgresql://db/app, user=u, password=***, pool_size=10, "
                + "schema=skeleton, connect_timeout_ms=5000, synchronous_commit=server's, read_from=primary]",
                good.toString());
        assertEquals(20, PostgresSettings.from(Config.of("url", "jdbc:postgresql://db/app", "pool_size", "20",
                "service.pid", "ignored")).poolSize());
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> PostgresEngine.connect(null));
        assertCode(ErrorCode.INVALID_CONFIG,
                () -> PostgresEngine.connect("jdbc:postgresql://[bad", null, null).create("s", path("s"), null));
    }

    @Test
    void aStoreIsOpenOnceInOneEngineButInManyEngines() {
        PostgresEngine engine = database.engine();
        engine.create("once", path("once"), Config.empty());
        assertCode(ErrorCode.STORE_EXISTS, () -> engine.open("once", path("once")));
        Store other = database.engine().open("once", path("other"));
        other.set(bytes("k"), bytes("v"));
        assertEquals("once", other.name());
        assertEquals(path("other"), other.path());
    }

    private String path(String name) {
        return directory.resolve(name).toString();
    }

    private static void assertCode(ErrorCode code, Executable action) {
        StorageException e = assertThrows(StorageException.class, action::execute);
        assertEquals(code, e.code(), e.getMessage());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** A step that may throw. */
    @FunctionalInterface
    private interface Executable {
        void execute() throws Throwable;
    }
}
