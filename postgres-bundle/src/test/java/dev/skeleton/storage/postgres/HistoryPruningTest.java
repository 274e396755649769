package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.testkit.ContentHashReference;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log (the store's undo history) stays bounded while versions, hashes and open transactions
 * keep what they need of it. The engine prunes after every 4th commit and keeps 8 changes here, so
 * that a few dozen writes show what thousands would in production.
 */
class HistoryPruningTest {

    private static final Tuning SMALL = new Tuning(8, 4, false);

    @TempDir
    Path directory;

    private TestDatabase database;
    private Store store;

    @BeforeEach
    void smallEngine() {
        TestDatabase.server();
        database = new TestDatabase();
        store = database.engine(SMALL).create("pruned", directory.resolve("pruned").toString(),
                Config.of("max_versions", 2));
    }

    @AfterEach
    void closeEngines() {
        database.close();
    }

    @Test
    void theLogStaysBoundedWithoutVersions() throws Exception {
        for (int i = 0; i < 200; i++) {
            store.set(bytes("key" + (i % 10)), bytes("value" + i));
        }
        long logRows = database.count("SELECT count(*) FROM {schema}." + table("_log"));
        assertTrue(logRows <= 8 + 4, "log rows after 200 writes: " + logRows);
    }

    @Test
    void theEnginesMaintenanceThreadPrunesWithoutTheWriterWaiting() throws Exception {
        Store background = database.engine(new Tuning(8, 4, true)).create("background",
                directory.resolve("background").toString(), Config.empty());
        for (int i = 0; i < 200; i++) {
            background.set(bytes("key" + (i % 10)), bytes("value" + i));
        }
        String log = "SELECT count(*) FROM {schema}." + table("background", "_log");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (database.count(log) > 8 + 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(database.count(log) <= 8 + 4, "log rows after 200 writes: " + database.count(log));
        assertArrayEquals(bytes("value199"), background.get(bytes("key9")));
    }

    @Test
    void keptVersionsStayLoadableAndHashedWhileTheLogIsPruned() throws Exception {
        TreeMap<String, String> content = new TreeMap<>();
        VersionInfo kept = null;
        TreeMap<String, String> keptContent = null;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 30; i++) {
                String key = "key" + ((round * 7 + i) % 13);
                if (i % 5 == 4) {
                    store.delete(bytes(key));
                    content.remove(key);
                } else {
                    store.set(bytes(key), bytes("r" + round + "i" + i));
                    content.put(key, "r" + round + "i" + i);
                }
            }
            VersionInfo saved = ((Versioned) store).saveVersion();
            assertArrayEquals(ContentHashReference.hashOf(utf8(content)), saved.hash(), "hash of version " + round);
            if (round == 4) {
                kept = saved;
                keptContent = new TreeMap<>(content);
            }
        }
        assertArrayEquals(new long[] {5, 6}, ((Versioned) store).listVersions());
        assertEquals(ErrorCode.VERSION_NOT_FOUND,
                assertThrows(StorageException.class, () -> ((Versioned) store).loadVersion(4)).code());

        ((Versioned) store).loadVersion(kept.version());

        TreeMap<String, String> loaded = new TreeMap<>();
        store.iterate((key, value) -> loaded.put(new String(key, UTF_8), new String(value, UTF_8)) == null);
        assertEquals(keptContent, loaded);
        assertArrayEquals(kept.hash(), ((Versioned) store).saveVersion().hash());
        long logRows = database.count("SELECT count(*) FROM {schema}." + table("_log"));
        assertTrue(logRows < 6 * 30, "the log was pruned: " + logRows + " rows");
    }

    @Test
    void aTransactionOpenHereKeepsItsHistoryAndCommits() {
        store.set(bytes("read"), bytes("1"));
        try (Transaction transaction = ((Transactional) store).beginTx()) {
            transaction.get(bytes("read"));
            for (int i = 0; i < 40; i++) {
                store.set(bytes("other" + i), bytes("x"));
            }
            transaction.set(bytes("written"), bytes("y"));
            transaction.commit();
        }
        assertArrayEquals(bytes("y"), store.get(bytes("written")));
    }

    @Test
    void aTransactionOfAnotherProcessOlderThanTheKeptHistoryConflicts() {
        Store elsewhere = database.engine(SMALL).open("pruned", directory.resolve("elsewhere").toString());
        Transaction old = ((Transactional) elsewhere).beginTx();
        old.has(bytes("untouched"));
        for (int i = 0; i < 40; i++) {
            store.set(bytes("other" + i), bytes("x"));
        }
        // The other engine's transaction cannot be seen from here, so the log was pruned past its
        // begin: nothing can prove it conflict-free, and it must not commit blindly.
        old.set(bytes("late"), bytes("z"));
        StorageException conflict = assertThrows(StorageException.class, old::commit);
        assertEquals(ErrorCode.TX_CONFLICT, conflict.code());
        assertTrue(conflict.getMessage().contains("pruned"), conflict.getMessage());
    }

    /**
     * A version read by another process, which this one cannot see, goes on showing its version
     * after this one dropped the version and pruned the log rows it is rebuilt from: its snapshot
     * keeps them.
     */
    @Test
    void aVersionReadOfAnotherProcessOutlivesThePruningOfItsVersionAndLog() throws Exception {
        TreeMap<String, String> saved = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            store.set(bytes("key" + i), bytes("saved" + i));
            saved.put("key" + i, "saved" + i);
        }
        ((Versioned) store).saveVersion();
        Store elsewhere = database.engine(SMALL).open("pruned", directory.resolve("elsewhere").toString());
        try (Transaction reader = ((VersionReader) elsewhere).readVersion(1)) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 20; i++) {
                    if (i % 3 == 0) {
                        store.delete(bytes("key" + (i % 10)));
                    } else {
                        store.set(bytes("key" + i), bytes("round" + round));
                    }
                }
                ((Versioned) store).saveVersion();
            }
            assertEquals(ErrorCode.VERSION_NOT_FOUND, assertThrows(StorageException.class,
                    () -> ((VersionReader) store).readVersion(1)).code(), "version 1 is pruned");
            long pruned = database.count("SELECT pruned_seq FROM {schema}." + table("_meta"));
            long keptFrom = database.count("SELECT min(seq) FROM {schema}." + table("_versions"));
            assertEquals(keptFrom, pruned, "the log was pruned up to the oldest kept version");

            TreeMap<String, String> read = new TreeMap<>();
            reader.iterate((key, value) -> read.put(new String(key, UTF_8), new String(value, UTF_8)) == null);
            assertEquals(saved, read, "version 1 as the other process reads it");
            assertArrayEquals(bytes("saved3"), reader.get(bytes("key3")), "a key deleted since");
            assertArrayEquals(bytes("saved1"), reader.get(bytes("key1")), "a key overwritten since");
            assertEquals(false, reader.has(bytes("key15")), "a key added since");
        }
    }

    private String table(String suffix) throws Exception {
        return table("pruned", suffix);
    }

    private String table(String store, String suffix) throws Exception {
        try (var connection = database.jdbc();
             var statement = connection.createStatement();
             var row = statement.executeQuery("SELECT id FROM " + database.schema()
                     + ".skeleton_stores WHERE name = '" + store + "'")) {
            row.next();
            return "s_" + row.getString(1) + suffix;
        }
    }

    private static Map<byte[], byte[]> utf8(Map<String, String> content) {
        Map<byte[], byte[]> bytes = new TreeMap<>(java.util.Arrays::compareUnsigned);
        content.forEach((key, value) -> bytes.put(bytes(key), bytes(value)));
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
