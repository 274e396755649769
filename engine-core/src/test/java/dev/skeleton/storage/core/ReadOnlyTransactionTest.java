package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static dev.skeleton.storage.core.TreeTestData.emptyTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A read-only transaction that tells its snapshot's content hash, asking its store at most once. */
class ReadOnlyTransactionTest {

    private final MinimalHost host = new MinimalHost();
    /** How often the store was asked for a hash. */
    private final AtomicInteger asked = new AtomicInteger();
    private final byte[] expected = ContentHash.of(List.of(Map.entry(ascii("k"), ascii("v"))));

    @BeforeEach
    void oneEntry() {
        host.data = host.data.put(ascii("k"), ascii("v"));
    }

    @AfterEach
    void onlyReadOnlyTransactionsEnded() {
        assertEquals(0, host.seq, "a read-only transaction never commits writes");
        host.ended.forEach(how -> assertEquals("read-only", how));
    }

    /** The store's side: the snapshot's hash from the empty tree's, counted. */
    private byte[] hashOf(CopyOnWriteTree<byte[]> snapshot) {
        asked.incrementAndGet();
        return HashedTree.empty(emptyTree(), EntryHasher.BYTES).advancedTo(snapshot).digest();
    }

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(StorageException.class, call).code());
    }

    @Test
    void theHashIsComputedOnceAndHandedOutAsACopy() {
        ReadOnlyTransaction<byte[]> tx = new ReadOnlyTransaction<>(host, host.data, this::hashOf, null);
        assertInstanceOf(ContentHashReader.class, tx);
        assertTrue(tx.isReadOnly());
        assertEquals(0, asked.get(), "nothing is computed before it is asked for");

        byte[] first = tx.contentHash();
        first[0] ^= 1;
        assertArrayEquals(expected, tx.contentHash());
        assertEquals(1, asked.get());
        assertArrayEquals(ascii("v"), tx.get(ascii("k")), "the transaction reads as any other");
    }

    @Test
    void aKnownHashIsTakenAsACopyAndNeverComputed() {
        byte[] known = expected.clone();
        ReadOnlyTransaction<byte[]> tx = new ReadOnlyTransaction<>(host, host.data, this::hashOf, known);
        known[0] ^= 1;
        assertArrayEquals(expected, tx.contentHash());
        assertEquals(0, asked.get());
    }

    @Test
    void anEndedTransactionIsNotActiveAndAClosedStoreIsClosed() {
        ReadOnlyTransaction<byte[]> committed = new ReadOnlyTransaction<>(host, host.data, this::hashOf, expected);
        committed.commit();
        assertCode(ErrorCode.TX_NOT_ACTIVE, committed::contentHash);
        ReadOnlyTransaction<byte[]> closed = new ReadOnlyTransaction<>(host, host.data, this::hashOf, null);
        closed.close();
        assertCode(ErrorCode.TX_NOT_ACTIVE, closed::contentHash);

        ReadOnlyTransaction<byte[]> open = new ReadOnlyTransaction<>(host, host.data, this::hashOf, expected);
        host.closed = true;
        assertCode(ErrorCode.STORE_CLOSED, open::contentHash);
        assertEquals(0, asked.get());
    }

    @Test
    void aStoreClosedWhileTheHashIsComputedIsReportedAsClosed() {
        SnapshotHasher<byte[]> failingAsTheStoreCloses = snapshot -> {
            host.closed = true;
            throw new IllegalStateException("page file closed");
        };
        ReadOnlyTransaction<byte[]> tx = new ReadOnlyTransaction<>(host, host.data, failingAsTheStoreCloses, null);
        assertCode(ErrorCode.STORE_CLOSED, tx::contentHash);
    }

    @Test
    void aFailureOfAnOpenStoreIsPassedOnAsItIs() {
        IllegalStateException failure = new IllegalStateException("cannot read a page");
        SnapshotHasher<byte[]> failing = snapshot -> {
            throw failure;
        };
        ReadOnlyTransaction<byte[]> tx = new ReadOnlyTransaction<>(host, host.data, failing, null);
        assertSame(failure, assertThrows(IllegalStateException.class, tx::contentHash));
        assertTrue(tx.isActive(), "a failed hash does not end the transaction");
    }
}
