package dev.skeleton.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.RangeQueryable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conflicts arise when, and only when, what a transaction read was changed: an iteration that stops
 * early has read only what it walked.
 */
class MemoryTransactionPrecisionTest {

    private MemoryStore store;

    @BeforeEach
    void fill() {
        store = (MemoryStore) new MemoryEngine().create("s", "/p/s", Config.empty());
        for (byte k = 1; k <= 9; k++) {
            store.set(new byte[] {k}, new byte[] {k});
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Iterates ascending and stops after the visitor saw key 3. */
    private static void walkToThree(Transaction tx, boolean ascending) {
        ((RangeQueryable) tx).iterateRange(null, null, ascending, (k, v) -> k[0] != 3);
    }

    @Test
    void aChangeBeyondWhereTheIterationStoppedDoesNotConflict() {
        Transaction tx = store.beginTx();
        walkToThree(tx, true);
        store.set(new byte[] {5}, new byte[] {0});
        store.set(new byte[] {3, 0}, new byte[] {0});
        tx.set(new byte[] {20}, new byte[] {1});
        tx.commit();
    }

    @Test
    void aChangeWithinTheWalkedPartConflicts() {
        Transaction tx = store.beginTx();
        walkToThree(tx, true);
        store.set(new byte[] {3}, new byte[] {0});
        StorageException e = assertThrows(StorageException.class, tx::commit);
        assertEquals(ErrorCode.TX_CONFLICT, e.code());
    }

    @Test
    void descendingWalksCoverFromTheStopUp() {
        Transaction tx = store.beginTx();
        walkToThree(tx, false);
        store.set(new byte[] {2}, new byte[] {0});
        tx.commit();

        Transaction second = store.beginTx();
        walkToThree(second, false);
        store.set(new byte[] {4, 1}, new byte[] {0});
        assertEquals(ErrorCode.TX_CONFLICT, assertThrows(StorageException.class, second::commit).code());
    }

    @Test
    void aVisitorThatThrowsStillRecordsWhatItRead() {
        Transaction tx = store.beginTx();
        assertThrows(IllegalStateException.class, () -> tx.iterate((k, v) -> {
            if (k[0] == 2) {
                throw new IllegalStateException("stop");
            }
            return true;
        }));
        store.set(new byte[] {2}, new byte[] {0});
        assertEquals(ErrorCode.TX_CONFLICT, assertThrows(StorageException.class, tx::commit).code());
    }

    @Test
    void deletingAnAbsentKeyChangesNothing() {
        Transaction prober = store.beginTx();
        prober.has(new byte[] {42});
        try (Transaction deleter = store.beginTx()) {
            deleter.delete(new byte[] {42});
            deleter.commit();
        }
        store.delete(new byte[] {42});
        prober.set(new byte[] {43}, new byte[] {1});
        prober.commit();
    }

    @Test
    void loadVersionConflictsOnlyOnKeysItChanges() {
        store.saveVersion();
        store.set(new byte[] {1}, new byte[] {42});
        Transaction untouched = store.beginTx();
        untouched.get(new byte[] {5});
        Transaction touched = store.beginTx();
        touched.get(new byte[] {1});
        store.loadVersion(1);
        untouched.commit();
        assertEquals(ErrorCode.TX_CONFLICT, assertThrows(StorageException.class, touched::commit).code());
    }
}
