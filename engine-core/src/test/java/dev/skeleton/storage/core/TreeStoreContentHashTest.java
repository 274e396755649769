package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The content hash of a {@link TreeStore}'s read-only transactions: the snapshot's, computed
 * from the tree the version history last hashed, with the store's lock held only to take that tree.
 */
class TreeStoreContentHashTest {

    /** Hashes byte arrays, counting the entries it hashes and, once armed, holding up the first. */
    private static final class WatchedHasher implements EntryHasher<byte[]> {
        final AtomicInteger entries = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean armed;

        @Override
        public void add(ContentHash hash, byte[] key, byte[] value) {
            holdIfArmed();
            hash.add(key, value);
        }

        @Override
        public void remove(ContentHash hash, byte[] key, byte[] value) {
            holdIfArmed();
            hash.remove(key, value);
        }

        private void holdIfArmed() {
            entries.incrementAndGet();
            if (armed) {
                entered.countDown();
                try {
                    assertTrue(release.await(10, TimeUnit.SECONDS), "released");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private final WatchedHasher hasher = new WatchedHasher();

    private static byte[] scratchHashOf(Store view) {
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        view.iterate((key, value) -> entries.add(Map.entry(key, value)));
        return ContentHash.of(entries);
    }

    private static void fill(Store store, int count) {
        for (int i = 0; i < count; i++) {
            store.set(ascii("key-" + i), ascii("value-" + i));
        }
    }

    private static byte[] hashOf(Transaction tx) {
        return ((ContentHashReader) tx).contentHash();
    }

    @Test
    void aReadOnlyTransactionTellsTheHashOfItsSnapshotNotOfTheLatestData() {
        HeapTreeStore store = new HeapTreeStore(hasher, false);
        fill(store, 1000);
        try (Transaction before = store.beginReadOnlyTx()) {
            byte[] expected = scratchHashOf(before);
            store.set(ascii("key-3"), ascii("changed"));
            store.delete(ascii("key-4"));
            store.saveVersion();
            store.set(ascii("later"), ascii("write"));

            assertArrayEquals(expected, hashOf(before));
            try (Transaction after = store.beginReadOnlyTx()) {
                assertArrayEquals(scratchHashOf(after), hashOf(after));
                assertTrue(!java.util.Arrays.equals(expected, hashOf(after)), "the content changed");
            }
        }
    }

    @Test
    @Timeout(20)
    void theHashIsComputedWithoutHoldingTheStoresLock() throws Exception {
        HeapTreeStore store = new HeapTreeStore(hasher, false);
        fill(store, 100);
        Transaction reader = store.beginReadOnlyTx();
        byte[] expected = scratchHashOf(reader);
        hasher.armed = true;
        CompletableFuture<byte[]> hashing = CompletableFuture.supplyAsync(() -> hashOf(reader));
        assertTrue(hasher.entered.await(10, TimeUnit.SECONDS), "the hashing started");

        // The hashing is held up inside the hasher: a writer that needed the lock would wait forever.
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> store.set(ascii("new"), ascii("1")));
        writer.get(10, TimeUnit.SECONDS);
        assertEquals(ascii("1").length, store.get(ascii("new")).length);

        hasher.release.countDown();
        assertArrayEquals(expected, hashing.get(10, TimeUnit.SECONDS), "the snapshot's hash, not the latest");
    }

    @Test
    void aVersionReadTellsTheSavedHashWithoutHashingAnything() {
        HeapTreeStore store = new HeapTreeStore(hasher, false);
        fill(store, 50);
        byte[] saved = store.saveVersion().hash();
        store.set(ascii("key-1"), ascii("changed"));
        int hashedBefore = hasher.entries.get();

        try (Transaction version = store.readVersion(1)) {
            assertArrayEquals(saved, hashOf(version));
            assertArrayEquals(scratchHashOf(version), hashOf(version));
        }
        assertEquals(hashedBefore, hasher.entries.get());
    }

    @Test
    void onlyWhatChangedSinceTheLastSaveIsHashed() {
        HeapTreeStore store = new HeapTreeStore(hasher, false);
        fill(store, 2000);
        store.saveVersion();
        store.set(ascii("key-10"), ascii("changed"));
        store.set(ascii("added"), ascii("1"));
        int hashedBefore = hasher.entries.get();

        try (Transaction tx = store.beginReadOnlyTx()) {
            assertArrayEquals(scratchHashOf(tx), hashOf(tx));
        }
        assertEquals(hashedBefore + 3, hasher.entries.get(), "one value out and in, one entry added");
    }

    @Test
    void aStoreThatKeepsReadersHashesStartsItsNextSaveFromTheLiveDataAReaderHashed() {
        HeapTreeStore store = new HeapTreeStore(hasher, true);
        fill(store, 600);
        try (Transaction tx = store.beginReadOnlyTx()) {
            byte[] hash = hashOf(tx);
            assertSame(store.data(), store.hashedContent(), "the reader's tree is the live data: kept");
            int hashedBefore = hasher.entries.get();
            assertArrayEquals(hash, store.saveVersion().hash());
            assertEquals(hashedBefore, hasher.entries.get(), "the save hashed nothing");
        }
    }

    @Test
    void aReadersHashIsNotKeptWhenTheDataChangedMeanwhileOrTheStoreSaysNo() {
        HeapTreeStore keeping = new HeapTreeStore(hasher, true);
        fill(keeping, 10);
        try (Transaction tx = keeping.beginReadOnlyTx()) {
            keeping.set(ascii("after"), ascii("the snapshot"));
            hashOf(tx);
            assertNotSame(keeping.data(), keeping.hashedContent());
            assertEquals(0, keeping.hashedContent().size(), "still the empty tree");
        }
        HeapTreeStore notKeeping = new HeapTreeStore(new WatchedHasher(), false);
        fill(notKeeping, 10);
        try (Transaction tx = notKeeping.beginReadOnlyTx()) {
            hashOf(tx);
            assertEquals(0, notKeeping.hashedContent().size(), "still the empty tree");
        }
    }

    @Test
    void aClosedStoreHashesNothing() {
        HeapTreeStore store = new HeapTreeStore(hasher, true);
        fill(store, 10);
        Transaction tx = store.beginReadOnlyTx();
        store.close();
        StorageException e = assertThrows(StorageException.class, () -> hashOf(tx));
        assertEquals(ErrorCode.STORE_CLOSED, e.code());
        e = assertThrows(StorageException.class, () -> store.contentHashOf(store.data()));
        assertEquals(ErrorCode.STORE_CLOSED, e.code());
    }
}
