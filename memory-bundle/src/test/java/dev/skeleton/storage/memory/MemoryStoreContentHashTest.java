package dev.skeleton.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.testkit.ContentHashReference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The content hash of the memory store's read-only transactions, which the store keeps as the tree
 * to hash from next when the reader's snapshot is still the live data: the writes in place that
 * follow must reach neither that tree nor the hashes computed from it.
 */
class MemoryStoreContentHashTest {

    private static final int KEYS = 3_000;

    private final MemoryStore store = (MemoryStore) new MemoryEngine().create("s", "/p/s", Config.empty());

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] value(long round) {
        return ByteBuffer.allocate(8).putLong(round).array();
    }

    /** Writes round {@code round} to every key, twice, so that the second pass writes in place. */
    private void writeRound(long round) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < KEYS; i++) {
                store.set(key(i), value(round));
            }
        }
    }

    private byte[] hashOfANewReader() {
        try (Transaction tx = store.beginReadOnlyTx()) {
            byte[] told = ((ContentHashReader) tx).contentHash();
            assertArrayEquals(ContentHashReference.hashOf(tx), told, "the hash told against the entries read");
            return told;
        }
    }

    @Test
    void writesInPlaceAfterAReadersHashWasKeptChangeNeitherItNorLaterHashes() {
        writeRound(1);
        byte[] first = hashOfANewReader();
        try (Transaction reader = store.beginReadOnlyTx()) {
            writeRound(2);
            store.delete(key(5));
            assertArrayEquals(first, ((ContentHashReader) reader).contentHash(), "the reader's snapshot");
            byte[] second = hashOfANewReader();
            assertFalse(Arrays.equals(first, second));
            assertArrayEquals(second, store.saveVersion().hash(), "a save from the kept tree");
            writeRound(3);
            assertArrayEquals(ContentHashReference.hashOf(store), store.saveVersion().hash(),
                    "a save after writes in place");
            assertArrayEquals(first, ContentHashReference.hashOf(reader), "the reader still reads its snapshot");
        }
        try (Transaction version = store.readVersion(1)) {
            assertArrayEquals(ContentHashReference.hashOf(version), ((ContentHashReader) version).contentHash());
        }
        store.loadVersion(1);
        assertArrayEquals(ContentHashReference.hashOf(store), hashOfANewReader(), "after a load");
        writeRound(4);
        assertArrayEquals(ContentHashReference.hashOf(store), hashOfANewReader(), "after writes to the loaded tree");
    }
}
