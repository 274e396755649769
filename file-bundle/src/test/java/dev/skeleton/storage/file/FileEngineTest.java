package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.assertCode;
import static dev.skeleton.storage.file.TestStores.content;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine: configuration, the saved config, the directory lock, create, open and destroy. */
class FileEngineTest {

    @TempDir
    Path directory;

    private final FileEngine engine = new FileEngine();

    private String path() {
        return directory.resolve("s").toString();
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of("sync", "sometimes"),
                Arguments.of("sync", 1),
                Arguments.of("format", "json"),
                Arguments.of("compression", "yes"),
                Arguments.of("sync_interval_ms", 0),
                Arguments.of("sync_interval_ms", "soon"),
                Arguments.of("max_size", 10),
                Arguments.of("cache_size", (1 << 20) - 1),
                Arguments.of("cache_size", -1),
                Arguments.of("cache_size", "64MB"),
                Arguments.of("cache_size", (1L << 40) + 1));
    }

    @ParameterizedTest
    @MethodSource("invalidConfigs")
    void invalidConfigIsRefusedBeforeAnythingIsWritten(String key, Object value) {
        StorageException e = assertCode(ErrorCode.INVALID_CONFIG,
                () -> engine.create("s", path(), Config.of(key, value)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertFalse(Files.exists(directory.resolve("s")), "nothing is left behind");
    }

    @Test
    void theConfigOfCreateIsSavedAndUsedByOpen() {
        Config config = Config.of("sync", "never", "compression", "true", "max_versions", "3", "format", "kryo",
                "sync_interval_ms", 250, "cache_size", "2097152", "service.pid", "ignored");
        FileStore created = (FileStore) engine.create("s", path(), config);
        created.close();

        FileConfig saved = ConfigFile.read(new StoreFiles(directory.resolve("s")), "s");
        assertEquals(FileConfig.from(Config.of("sync", "never", "compression", true, "max_versions", 3,
                "sync_interval_ms", 250, "cache_size", 2L << 20)), saved);
        assertEquals(2L << 20, saved.cacheSize());
        assertEquals(FileConfig.DEFAULT_CACHE_SIZE, FileConfig.from(Config.empty()).cacheSize(), "64 MiB by default");
    }

    @Test
    void aStoreOpenInOneEngineIsLockedForAnother() {
        Store store = engine.create("s", path(), Config.empty());
        FileEngine other = new FileEngine();

        StorageException e = assertCode(ErrorCode.STORE_EXISTS, () -> other.open("s", path()));
        assertTrue(e.getMessage().contains("open elsewhere"), e.getMessage());
        assertCode(ErrorCode.STORE_EXISTS, () -> engine.open("s", path()));
        assertCode(ErrorCode.IO, () -> other.destroy("s", path()));
        store.set(utf8("k"), utf8("v"));
        store.close();

        try (Store reopened = other.open("s", path())) {
            assertEquals(Map.of("k", "v"), content(reopened));
        }
    }

    @Test
    void destroyClosesAnOpenStoreAndRemovesTheDirectory() {
        Store store = engine.create("s", path(), Config.empty());
        store.set(utf8("k"), utf8("v"));

        engine.destroy("s", path());

        assertCode(ErrorCode.STORE_CLOSED, () -> store.get(utf8("k")));
        assertFalse(Files.exists(directory.resolve("s")));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> engine.open("s", path()));
        engine.destroy("s", path());
    }

    @Test
    void destroyLeavesFilesOfOthers() throws IOException {
        engine.create("s", path(), Config.empty()).close();
        Path foreign = directory.resolve("s").resolve("notes.txt");
        Files.writeString(foreign, "mine");

        engine.destroy("s", path());

        assertTrue(Files.exists(foreign));
        assertEquals(1, Files.list(directory.resolve("s")).count());
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> engine.open("s", path()));
    }

    @Test
    void createOverWhatACrashedCreateLeftStartsEmpty() throws IOException {
        Path store = Files.createDirectories(directory.resolve("s"));
        Files.writeString(store.resolve("log-1"), "half a log");
        Files.writeString(store.resolve("value-7"), "orphan");
        Files.writeString(store.resolve("checkpoint-3.tmp"), "half a checkpoint");

        assertCode(ErrorCode.STORE_NOT_FOUND, () -> engine.open("s", path()));
        try (Store created = engine.create("s", path(), Config.empty())) {
            assertTrue(content(created).isEmpty());
        }
        assertFalse(Files.exists(store.resolve("value-7")));
    }

    @Test
    void createOfAnExistingStoreIsStoreExistsEvenWhenClosed() {
        engine.create("s", path(), Config.empty()).close();

        assertCode(ErrorCode.STORE_EXISTS, () -> new FileEngine().create("s", path(), Config.empty()));
    }

    @Test
    void aPathThatIsNoPathIsInvalid() {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> engine.create("s", "bad\u0000path", Config.empty()));
    }

    @Test
    void createFailsWithIoWhereNoDirectoryCanBeMade() throws IOException {
        Path file = Files.writeString(directory.resolve("a-file"), "x");

        assertCode(ErrorCode.IO, () -> engine.create("s", file.resolve("s").toString(), Config.empty()));
    }

    @Test
    void aDamagedConfigFileIsCorrupted() throws IOException {
        engine.create("s", path(), Config.empty()).close();
        Path config = directory.resolve("s").resolve(StoreFiles.CONFIG);
        byte[] bytes = Files.readAllBytes(config);
        bytes[bytes.length - 2] ^= 1;
        Files.write(config, bytes);

        StorageException e = assertCode(ErrorCode.CORRUPTED, () -> engine.open("s", path()));
        assertTrue(e.getMessage().contains(StoreFiles.CONFIG), e.getMessage());
    }

    @Test
    void aConfigFileWithAValueOutOfRangeIsCorrupted() throws IOException {
        StoreFiles files = new StoreFiles(Files.createDirectories(directory.resolve("s")));
        ConfigFile.write(files, new FileConfig(1, SyncMode.NEVER, 0, false, "kryo", FileConfig.DEFAULT_CACHE_SIZE));

        assertCode(ErrorCode.CORRUPTED, () -> engine.open("s", path()));
    }

    @Test
    void theEngineDescribesItself() {
        assertEquals("file", engine.name());
        assertTrue(engine.capabilities().persistence() && engine.capabilities().compression());
        Store store = engine.create("s", path(), Config.empty());
        assertTrue(engine.toString().contains("open stores=1"), engine.toString());
        assertTrue(store.toString().contains("0 keys"), store.toString());
        store.close();
        assertTrue(store.toString().contains("closed"), store.toString());
    }

    @Test
    void aLockFileThatCannotBeOpenedIsIo() throws IOException {
        engine.create("s", path(), Config.empty()).close();
        Path lock = directory.resolve("s").resolve(StoreFiles.LOCK);
        Files.delete(lock);
        Files.createDirectory(lock);

        StorageException e = assertCode(ErrorCode.IO, () -> engine.open("s", path()));
        assertTrue(e.getMessage().contains(StoreFiles.LOCK), e.getMessage());
    }
}
