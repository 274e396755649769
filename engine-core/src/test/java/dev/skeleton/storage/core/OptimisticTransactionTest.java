package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The shared transaction against a minimal host: a tree, a sequence number and a commit log. */
class OptimisticTransactionTest {

    private final MinimalHost host = new MinimalHost();

    private static byte[] k(int b) {
        return new byte[] {(byte) b};
    }

    private static List<Integer> keys(OptimisticTransaction<byte[]> tx, byte[] start, byte[] end, boolean ascending,
            int stopAt) {
        List<Integer> seen = new ArrayList<>();
        tx.iterateRange(start, end, ascending, (key, value) -> {
            seen.add(key[0] & 0xff);
            return key[0] != stopAt;
        });
        return seen;
    }

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(StorageException.class, call).code());
    }

    @Test
    void readsItsSnapshotWithItsOwnWritesLaidOver() {
        host.write(1, 1);
        host.write(2, 2);
        OptimisticTransaction<byte[]> tx = host.begin(false);
        host.write(3, 3);
        tx.set(k(4), k(40));
        tx.delete(k(1));

        assertArrayEquals(k(2), tx.get(k(2)));
        assertArrayEquals(k(40), tx.get(k(4)));
        assertFalse(tx.has(k(1)), "its own delete reads as absent");
        assertFalse(tx.has(k(3)), "a later write is not in its snapshot");
        assertCode(ErrorCode.KEY_NOT_FOUND, () -> tx.get(k(1)));
        assertEquals(List.of(2, 4), keys(tx, null, null, true, -1));
        assertEquals(List.of(4, 2), keys(tx, null, null, false, -1));
        List<Integer> all = new ArrayList<>();
        tx.iterate((key, value) -> all.add(key[0] & 0xff));
        assertEquals(List.of(2, 4), all);
    }

    @Test
    void commitAppliesTheWritesAndEndsOnce() {
        OptimisticTransaction<byte[]> tx = host.begin(false);
        tx.set(k(1), k(10));
        tx.commit();

        assertArrayEquals(k(10), host.data.get(k(1)));
        assertFalse(tx.isActive());
        assertEquals(List.of("read-write@0"), host.ended);
        tx.close();
        assertEquals(1, host.ended.size(), "close after commit is a no-op");
        assertCode(ErrorCode.TX_NOT_ACTIVE, tx::commit);
        assertCode(ErrorCode.TX_NOT_ACTIVE, tx::rollback);
        assertCode(ErrorCode.TX_NOT_ACTIVE, () -> tx.get(k(1)));
    }

    @Test
    void aKeyReadAndChangedSinceTheBeginConflicts() {
        host.write(1, 1);
        OptimisticTransaction<byte[]> tx = host.begin(false);
        tx.has(k(1));
        tx.set(k(2), k(2));
        host.write(1, 9);

        assertCode(ErrorCode.TX_CONFLICT, tx::commit);
        assertFalse(tx.isActive());
        assertEquals(1, host.ended.size(), "a conflict ends the transaction");
        assertFalse(host.data.containsKey(k(2)));
    }

    @Test
    void anIterationThatStoppedEarlyReadOnlyWhatItWalked() {
        for (int key = 1; key <= 5; key++) {
            host.write(key, key);
        }
        OptimisticTransaction<byte[]> ascending = host.begin(false);
        assertEquals(List.of(1, 2), keys(ascending, null, null, true, 2));
        OptimisticTransaction<byte[]> descending = host.begin(false);
        assertEquals(List.of(5, 4), keys(descending, null, null, false, 4));
        host.write(3, 0);

        ascending.commit();
        descending.commit();
        OptimisticTransaction<byte[]> whole = host.begin(false);
        keys(whole, k(2), k(4), true, -1);
        host.write(3, 1);
        assertCode(ErrorCode.TX_CONFLICT, whole::commit);
    }

    @Test
    void aVisitorThatThrowsStillRecordsWhatWasWalked() {
        host.write(1, 1);
        OptimisticTransaction<byte[]> tx = host.begin(false);
        assertThrows(IllegalStateException.class, () -> tx.iterate((key, value) -> {
            throw new IllegalStateException("visitor failed");
        }));
        host.write(1, 2);
        assertCode(ErrorCode.TX_CONFLICT, tx::commit);
    }

    @Test
    void aReadOnlyTransactionRefusesWritesAndNeverConflicts() {
        host.write(1, 1);
        OptimisticTransaction<byte[]> tx = host.begin(true);
        assertTrue(tx.isReadOnly());
        assertCode(ErrorCode.TX_READ_ONLY, () -> tx.set(k(1), k(2)));
        assertCode(ErrorCode.TX_READ_ONLY, () -> tx.delete(k(1)));
        tx.get(k(1));
        keys(tx, null, null, true, -1);
        host.write(1, 3);

        tx.commit();
        assertEquals(List.of("read-only"), host.ended);
    }

    @Test
    void rollbackAndCloseDiscardTheWrites() {
        OptimisticTransaction<byte[]> rolledBack = host.begin(false);
        rolledBack.set(k(1), k(1));
        rolledBack.rollback();
        try (OptimisticTransaction<byte[]> closed = host.begin(false)) {
            closed.set(k(2), k(2));
        }

        assertTrue(host.data.isEmpty());
        assertEquals(2, host.ended.size());
    }

    @Test
    void aClosedStoreFailsEveryOperation() {
        OptimisticTransaction<byte[]> tx = host.begin(false);
        host.closed = true;

        assertCode(ErrorCode.STORE_CLOSED, () -> tx.get(k(1)));
        assertCode(ErrorCode.STORE_CLOSED, () -> tx.set(k(1), k(1)));
        assertCode(ErrorCode.STORE_CLOSED, () -> tx.iterate((key, value) -> true));
        assertCode(ErrorCode.STORE_CLOSED, tx::commit);
    }

    @Test
    void nullArgumentsAreInvalidAndCallerArraysAreCopied() {
        OptimisticTransaction<byte[]> tx = host.begin(false);
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.get(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.has(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.set(k(1), null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.delete(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> tx.iterate(null));
        byte[] value = k(5);
        tx.set(k(1), value);
        value[0] = 6;
        byte[] read = tx.get(k(1));
        read[0] = 7;
        assertArrayEquals(k(5), tx.get(k(1)));
    }

    @Test
    void answersItsStoresIdentity() {
        OptimisticTransaction<byte[]> tx = host.begin(true);
        assertEquals("host", tx.name());
        assertEquals("/tmp/host", tx.path());
        assertTrue(tx.supportsRangeQueries());
        assertTrue(tx.toString().contains("read-only"), tx.toString());
        tx.rollback();
        assertTrue(tx.toString().contains("ended"), tx.toString());
    }
}
