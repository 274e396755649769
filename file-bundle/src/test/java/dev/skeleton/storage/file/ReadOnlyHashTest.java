package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.testkit.ContentHashReference;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content hash of a file store's read-only transactions, computed from the tree the hash was
 * last brought up to date for (the last checkpoint's, or a version's) where those trees live: in
 * page files that compactions replace while a reader goes on, after a reopen that replayed the log,
 * and with large values, which enter the hash by the seed computed when they were written.
 */
class ReadOnlyHashTest {

    @TempDir
    Path directory;

    private String path() {
        return directory.resolve("s").toString();
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(12).putInt(i * 31).putLong(i).array();
    }

    private static byte[] value(int i, int round) {
        byte[] value = new byte[100];
        ByteBuffer.wrap(value).putInt(i).putInt(round);
        return value;
    }

    private static void writeRound(FileStore store, int entries, int round) {
        for (int i = 0; i < entries; i++) {
            store.set(key(i), value(i, round));
        }
    }

    private static byte[] told(Transaction tx) {
        return ((ContentHashReader) tx).contentHash();
    }

    private static byte[] hashOfANewReader(FileStore store) {
        try (Transaction tx = store.beginReadOnlyTx()) {
            byte[] told = told(tx);
            assertArrayEquals(ContentHashReference.hashOf(tx), told, "the hash told against the entries read");
            return told;
        }
    }

    /**
     * A reader first asks for its hash after every key was rewritten many times, with checkpoints
     * that move the hash's starting point and compactions that copy the live pages into new files
     * and delete the old ones, which its snapshot still lives in.
     */
    @Test
    void aReadersHashIsItsSnapshotsThroughCheckpointsAndCompactions() throws IOException {
        Tuning smallPageFiles = new Tuning(1 << 20, 64 * 1024, 3, 128 * 1024, true);
        int entries = 2_000;
        try (FileStore store = (FileStore) new FileEngine(smallPageFiles).create("s", path(),
                Config.of("sync", "never", "cache_size", 1 << 20))) {
            writeRound(store, entries, 0);
            store.checkpoint();
            store.set(key(1), value(1, 99));
            try (Transaction reader = store.beginReadOnlyTx()) {
                byte[] expected = ContentHashReference.hashOf(reader);
                long firstPageFile = new StoreFiles(directory.resolve("s")).numbers(StoreFiles.PAGES).first();
                for (int round = 1; round <= 12; round++) {
                    writeRound(store, entries, round);
                    store.checkpoint();
                }
                assertFalse(new StoreFiles(directory.resolve("s")).numbers(StoreFiles.PAGES).contains(firstPageFile),
                        "compactions deleted the page file the snapshot was written to");
                assertArrayEquals(expected, told(reader));
            }
            hashOfANewReader(store);
            store.compact();
            store.delete(key(3));
            hashOfANewReader(store);
        }
    }

    /** Large values enter the hash as their bytes would, whether checkpointed or not. */
    @Test
    void largeValuesHashAsTheirBytes() throws IOException {
        try (FileStore store = (FileStore) new FileEngine(TestStores.SMALL).create("s", path(),
                Config.of("sync", "never"))) {
            for (int i = 0; i < 20; i++) {
                store.set(utf8("large-" + i), new byte[2048 + i]);
                store.set(utf8("small-" + i), utf8("v" + i));
            }
            hashOfANewReader(store);
            store.checkpoint();
            store.set(utf8("large-3"), new byte[5000]);
            store.delete(utf8("large-4"));
            hashOfANewReader(store);
        }
    }

    /**
     * A store reopened without a checkpoint at its close has replayed its log: its hash is brought
     * from the last checkpoint's tree over the replayed changes; a version read tells its saved hash.
     */
    @Test
    void aReopenedStoreHashesTheChangesItReplayed() throws IOException {
        byte[] expected;
        byte[] saved;
        try (FileStore store = (FileStore) new FileEngine(TestStores.SMALL).create("s", path(),
                Config.of("sync", "never"))) {
            writeRound(store, 500, 0);
            store.checkpoint();
            writeRound(store, 300, 1);
            saved = store.saveVersion().hash();
            store.delete(key(7));
            expected = hashOfANewReader(store);
        }
        try (FileStore store = (FileStore) new FileEngine(TestStores.SMALL).open("s", path())) {
            assertArrayEquals(expected, hashOfANewReader(store));
            try (Transaction version = store.readVersion(1)) {
                assertArrayEquals(saved, told(version));
                assertArrayEquals(saved, ContentHashReference.hashOf(version));
            }
        }
    }
}
