package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.assertCode;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a store does when the file system fails under it (here: its directory is deleted while it
 * is open, which tests can do as any user): the failing operation is {@code IO} naming what
 * failed, nothing half-done becomes visible, and once the log cannot be trusted every later write
 * fails fast until the store is reopened.
 */
class IoFailureTest {

    @TempDir
    Path directory;

    private final TestStores.LogCapture log = new TestStores.LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private FileStore create(Config config) {
        return (FileStore) new FileEngine(TestStores.SMALL).create("s", directory.resolve("s").toString(), config);
    }

    private void deleteStoreDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("s"))) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    void aFailedLogSwitchBreaksTheLogUntilReopen() throws IOException {
        FileStore store = create(Config.of("sync", "always"));
        store.set(utf8("k"), utf8("v"));
        deleteStoreDirectory();

        StorageException roll = assertCode(ErrorCode.IO, store::checkpoint);
        assertTrue(roll.getMessage().contains("log segment"), roll.getMessage());
        StorageException broken = assertCode(ErrorCode.IO, () -> store.set(utf8("k"), utf8("w")));
        assertTrue(broken.getMessage().contains("reopen"), broken.getMessage());
        assertArrayEquals(utf8("v"), store.get(utf8("k")), "reads still answer from memory");
        store.close();
        assertCode(ErrorCode.STORE_CLOSED, () -> store.get(utf8("k")));
    }

    @Test
    void largeValuesThatCannotBeWrittenChangeNothing() throws IOException {
        FileStore store = create(Config.of("sync", "never"));
        store.set(utf8("small"), utf8("v"));
        deleteStoreDirectory();

        assertCode(ErrorCode.IO, () -> store.set(utf8("big"), new byte[4096]));
        assertFalse(store.has(utf8("big")));
        store.close();
    }

    @Test
    void aFailedBackgroundCheckpointIsLogged() throws Exception {
        FileStore store = create(Config.of("sync", "interval", "sync_interval_ms", 5));
        deleteStoreDirectory();
        for (int i = 0; i < 50; i++) {
            try {
                store.set(utf8("k" + i), new byte[200]);
            } catch (StorageException e) {
                break;
            }
        }
        long until = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < until
                && log.warnings().stream().noneMatch(w -> w.contains("checkpoint failed"))) {
            Thread.sleep(20);
        }
        store.close();
        assertTrue(log.warnings().stream().anyMatch(w -> w.contains("checkpoint failed")), log.warnings().toString());
    }

    @Test
    void aValueFileGoneBeforeItsSyncIsNoError() throws IOException {
        FileStore store = create(Config.of("sync", "interval", "sync_interval_ms", 3_600_000));
        store.set(utf8("big"), new byte[4096]);
        store.set(utf8("big"), new byte[5000]);
        StoreFiles files = new StoreFiles(directory.resolve("s"));
        Files.delete(files.numbered(StoreFiles.VALUE, files.numbers(StoreFiles.VALUE).first()));

        store.log().syncNow();
        store.close();
    }

    @Test
    void aCreateThatFailsLeavesNoStore() throws IOException {
        Path config = Files.createDirectories(directory.resolve("s").resolve(StoreFiles.CONFIG));
        Files.writeString(config.resolve("blocker"), "a directory where the config file belongs");

        assertCode(ErrorCode.IO, () -> create(Config.empty()));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> new FileEngine().open("s", directory.resolve("s").toString()));
        assertTrue(log.warnings().stream().anyMatch(w -> w.contains("failed create")), log.warnings().toString());
    }

    @Test
    void aDamagedCompressedValueFileIsCorrupted() throws IOException {
        String path = directory.resolve("s").toString();
        try (Store store = new FileEngine(TestStores.SMALL).create("s", path, Config.of("compression", true))) {
            byte[] value = new byte[8192];
            java.util.Random random = new java.util.Random(5);
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) random.nextInt(4);
            }
            store.set(utf8("big"), value);
            StoreFiles files = new StoreFiles(directory.resolve("s"));
            Path file = files.numbered(StoreFiles.VALUE, files.numbers(StoreFiles.VALUE).first());
            byte[] stored = Files.readAllBytes(file);
            stored[stored.length / 2] ^= 0x55;
            Files.write(file, stored);

            assertCode(ErrorCode.CORRUPTED, () -> store.get(utf8("big")));
        }
    }
}
