package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitLogTest {

    private final CommitLog log = new CommitLog();

    private static byte[] k(int b) {
        return new byte[] {(byte) b};
    }

    @Test
    void recordsNothingWhileNoTransactionIsActive() {
        log.record(1, List.of(k(1)));
        assertEquals(0, log.size());
        assertFalse(log.hasActiveTransactions());
    }

    @Test
    void findsChangesAfterTheBeginThatTouchReadsOrWrites() {
        log.begin(5);
        log.record(5, List.of(k(1)));
        log.record(6, List.of(k(2), k(3)));
        ReadSet reads = new ReadSet();
        reads.addKey(k(1));
        assertNull(log.firstConflict(5, reads, key -> false), "change 5 happened before the begin");
        reads.addKey(k(3));
        assertArrayEquals(k(3), log.firstConflict(5, reads, key -> false));
        assertArrayEquals(k(2), log.firstConflict(5, new ReadSet(), key -> key[0] == 2));
    }

    @Test
    void rangesCoverInsertedKeys() {
        log.begin(0);
        log.record(1, List.of(new byte[] {4, 4}));
        ReadSet reads = new ReadSet();
        reads.addRange(KeyRange.of(k(4), k(5)));
        assertArrayEquals(new byte[] {4, 4}, log.firstConflict(0, reads, key -> false));
        ReadSet elsewhere = new ReadSet();
        elsewhere.addRange(KeyRange.of(k(5), null));
        assertNull(log.firstConflict(0, elsewhere, key -> false));
    }

    @Test
    void prunesWhatNoActiveTransactionCanAskAbout() {
        log.begin(0);
        log.begin(0);
        log.record(1, List.of(k(1)));
        log.begin(1);
        log.record(2, List.of(k(2)));
        assertEquals(2, log.size());
        log.end(0);
        assertEquals(2, log.size(), "one transaction that began at 0 is still active");
        log.end(0);
        assertEquals(1, log.size(), "only the transaction that began at 1 remains");
        log.end(1);
        assertEquals(0, log.size());
        assertFalse(log.hasActiveTransactions());
        log.end(7);
        assertTrue(new ReadSet().isEmpty());
    }

    @Test
    void checkCommitNamesTheConflictingKeyAndTheStore() {
        log.begin(1);
        log.record(2, List.of(k(7)));
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        writes.put(k(7), k(0));
        StorageException conflict = assertThrows(StorageException.class,
                () -> log.checkCommit(1, new ReadSet(), writes, "orders"));
        assertEquals(ErrorCode.TX_CONFLICT, conflict.code());
        assertTrue(conflict.getMessage().contains("orders") && conflict.getMessage().contains("0x07"),
                conflict.getMessage());
        log.checkCommit(2, new ReadSet(), writes, "orders");
    }

    @Test
    void changedKeysBetweenTreesAreListedOnlyWhileTransactionsAreActive() {
        CopyOnWriteTree<byte[]> from = CopyOnWriteTree.<byte[]>empty(v -> v.length).put(k(1), k(1)).put(k(2), k(2));
        CopyOnWriteTree<byte[]> to = from.remove(k(1)).put(k(2), k(9)).put(k(3), k(3));
        assertTrue(log.changedKeys(from, to).isEmpty(), "no transaction could care");
        log.begin(0);
        List<byte[]> changed = log.changedKeys(from, to);
        assertEquals(3, changed.size());
        assertArrayEquals(k(1), changed.get(0));
        assertArrayEquals(k(3), changed.get(2));
    }
}
