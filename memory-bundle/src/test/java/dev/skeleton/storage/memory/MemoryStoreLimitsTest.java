package dev.skeleton.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code max_size}: keys plus values, a failing write changes nothing. */
class MemoryStoreLimitsTest {

    private final MemoryStore store = (MemoryStore) new MemoryEngine().create("s", "/p/s", Config.of("max_size", 10));

    @AfterEach
    void close() {
        store.close();
    }

    private static StorageException full(Runnable r) {
        StorageException e = assertThrows(StorageException.class, r::run);
        assertEquals(ErrorCode.STORE_FULL, e.code(), e.getMessage());
        return e;
    }

    @Test
    void aWriteBeyondTheLimitFailsAndChangesNothing() {
        store.set(new byte[2], new byte[8]);
        StorageException e = full(() -> store.set(new byte[] {1}, new byte[0]));
        assertTrue(e.getMessage().contains("max_size 10") && e.getMessage().contains("s"), e.getMessage());
        assertFalse(store.has(new byte[] {1}));
        assertArrayEquals(new byte[8], store.get(new byte[2]));
    }

    @Test
    void overwritingCountsOnlyTheNewValue() {
        store.set(new byte[2], new byte[8]);
        store.set(new byte[2], new byte[7]);
        store.set(new byte[] {1}, new byte[0]);
        store.set(new byte[2], new byte[6]);
        // The key's leaf is the store's own now: a refused overwrite must not have happened in place.
        full(() -> store.set(new byte[2], new byte[8]));
        assertArrayEquals(new byte[6], store.get(new byte[2]));
        store.delete(new byte[2]);
        store.set(new byte[] {2}, new byte[8]);
    }

    @Test
    void aCommitBeyondTheLimitFailsWholeAndEndsTheTransaction() {
        store.set(new byte[] {9}, new byte[4]);
        Transaction tx = store.beginTx();
        tx.set(new byte[] {1}, new byte[2]);
        tx.set(new byte[] {2}, new byte[4]);
        full(tx::commit);
        assertFalse(tx.isActive());
        assertFalse(store.has(new byte[] {1}), "no part of a failed commit is applied");
        try (Transaction next = store.beginTx()) {
            next.set(new byte[] {1}, new byte[2]);
            next.commit();
        }
        assertTrue(store.has(new byte[] {1}));
    }
}
