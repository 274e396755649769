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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A read-only transaction that tells its snapshot's content hash, asking its store at most once. */
class ReadOnlyTransactionTest {

    /** A store with nothing but an open flag, that counts how often it is asked for a hash. */
    private static final class Host implements TransactionHost<byte[]> {
        volatile boolean closed;
        final AtomicInteger asked = new AtomicInteger();
        final CopyOnWriteTree<byte[]> data = emptyTree().put(ascii("k"), ascii("v"));

        byte[] hashOf(CopyOnWriteTree<byte[]> snapshot) {
            asked.incrementAndGet();
            return HashedTree.empty(emptyTree(), EntryHasher.BYTES).advancedTo(snapshot).digest();
        }

        @Override
        public String name() {
            return "host";
        }

        @Override
        public String path() {
            return "/tmp/host";
        }

        @Override
        public void ensureOpen() {
            if (closed) {
                throw new StorageException(ErrorCode.STORE_CLOSED, "host is closed");
            }
        }

        @Override
        public byte[] copyOut(byte[] value) {
            return value.clone();
        }

        @Override
        public WriteSet<byte[]> newWriteSet() {
            return WriteSet.ofBytes();
        }

        @Override
        public byte[] buffered(byte[] ownValue) {
            return ownValue;
        }

        @Override
        public void commit(long beginSeq, ReadSet reads, WriteSet<byte[]> writes) {
            throw new AssertionError("a read-only transaction never commits writes");
        }

        @Override
        public void end(long beginSeq, boolean readOnly) {
            assertTrue(readOnly);
        }
    }

    private final Host host = new Host();
    private final byte[] expected = ContentHash.of(List.of(Map.entry(ascii("k"), ascii("v"))));

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(StorageException.class, call).code());
    }

    @Test
    void theHashIsComputedOnceAndHandedOutAsACopy() {
        ReadOnlyTransaction<byte[]> tx = new ReadOnlyTransaction<>(host, host.data, host::hashOf, null);
        assertInstanceOf(ContentHashReader.class, tx);
        assertTrue(tx.isReadOnly());
        assertEquals(0, host.asked.get(), "nothing is computed before it is asked for");

        byte[] first = tx.contentHash();
        first[0] ^= 1;
        assertArrayEquals(expected, tx.contentHash());
        assertEquals(1, host.asked.get());
        assertArrayEquals(ascii("v"), tx.get(ascii("k")), "the transaction reads as any other");
    }

    @Test
    void aKnownHashIsTakenAsACopyAndNeverComputed() {
        byte[] known = expected.clone();
        ReadOnlyTransaction<byte[]> tx = new ReadOnlyTransaction<>(host, host.data, host::hashOf, known);
        known[0] ^= 1;
        assertArrayEquals(expected, tx.contentHash());
        assertEquals(0, host.asked.get());
    }

    @Test
    void anEndedTransactionIsNotActiveAndAClosedStoreIsClosed() {
        ReadOnlyTransaction<byte[]> committed = new ReadOnlyTransaction<>(host, host.data, host::hashOf, expected);
        committed.commit();
        assertCode(ErrorCode.TX_NOT_ACTIVE, committed::contentHash);
        ReadOnlyTransaction<byte[]> closed = new ReadOnlyTransaction<>(host, host.data, host::hashOf, null);
        closed.close();
        assertCode(ErrorCode.TX_NOT_ACTIVE, closed::contentHash);

        ReadOnlyTransaction<byte[]> open = new ReadOnlyTransaction<>(host, host.data, host::hashOf, expected);
        host.closed = true;
        assertCode(ErrorCode.STORE_CLOSED, open::contentHash);
        assertEquals(0, host.asked.get());
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
