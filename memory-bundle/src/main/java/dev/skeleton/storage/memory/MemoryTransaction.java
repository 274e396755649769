package dev.skeleton.storage.memory;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.MergedCursor;
import dev.skeleton.storage.core.ReadSet;
import dev.skeleton.storage.core.WriteSet;

/**
 * A serializable, optimistic transaction of a {@link MemoryStore}.
 *
 * <p>It reads the immutable tree that was current at its begin ({@link #snapshot}) with its own
 * {@link WriteSet} laid over it, and records in a {@link ReadSet} every key it reads or probes and
 * every range it iterates (up to where the visitor stopped). {@link #commit()} hands both to the
 * store, which validates them against the changes made since the begin and applies the writes
 * atomically. A read-only transaction records nothing and never conflicts.
 *
 * <h2>Lock model</h2>
 * The transaction's own state (active flag, read set, write set) is guarded by its monitor, so
 * operations on one transaction from many threads are serialized. Iterations copy the write set's
 * root under the monitor and run the visitor outside it, so a visitor may use this transaction. The
 * monitor is released before the store's lock is taken, except that the store's lock may be taken
 * while the monitor is held; the store never takes a transaction's monitor, so there is no cycle.
 */
final class MemoryTransaction implements Transaction, RangeQueryable {

    private final MemoryStore store;
    private final CopyOnWriteTree<byte[]> snapshot;
    private final long beginSeq;
    private final boolean readOnly;
    private final ReadSet reads = new ReadSet();
    private final WriteSet writes = new WriteSet();
    private volatile boolean active = true;

    MemoryTransaction(MemoryStore store, CopyOnWriteTree<byte[]> snapshot, long beginSeq, boolean readOnly) {
        this.store = store;
        this.snapshot = snapshot;
        this.beginSeq = beginSeq;
        this.readOnly = readOnly;
    }

    @Override
    public byte[] get(byte[] key) {
        Arguments.key(key, store.name());
        byte[] value = read(key);
        if (value == null) {
            throw store.keyNotFound(key);
        }
        return value.clone();
    }

    @Override
    public boolean has(byte[] key) {
        Arguments.key(key, store.name());
        return read(key) != null;
    }

    /** The value this transaction sees for a key, or null; records the read. */
    private synchronized byte[] read(byte[] key) {
        ensureUsable();
        byte[] own = writes.lookup(key);
        if (own != null) {
            return own == WriteSet.TOMBSTONE ? null : own;
        }
        if (!readOnly) {
            reads.addKey(key.clone());
        }
        return snapshot.get(key);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        Arguments.key(key, store.name());
        Arguments.value(value, key, store.name());
        byte[] ownKey = key.clone();
        byte[] ownValue = value.clone();
        synchronized (this) {
            ensureWritable();
            writes.put(ownKey, ownValue);
        }
    }

    @Override
    public void delete(byte[] key) {
        Arguments.key(key, store.name());
        byte[] ownKey = key.clone();
        synchronized (this) {
            ensureWritable();
            writes.delete(ownKey);
        }
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        iterateRange(null, null, true, visitor);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Arguments.visitor(visitor, store.name());
        KeyRange range = KeyRange.of(start, end);
        CopyOnWriteTree<byte[]> ownWrites;
        synchronized (this) {
            ensureUsable();
            ownWrites = writes.snapshot();
        }
        MergedCursor cursor = new MergedCursor(snapshot.cursor(range.start(), range.end(), ascending),
                ownWrites.cursor(range.start(), range.end(), ascending), ascending);
        byte[] stoppedAt = null;
        try {
            stoppedAt = MemoryStore.visit(cursor, visitor);
        } finally {
            // What was walked is what was read, also when the visitor stopped early or threw.
            byte[] last = stoppedAt != null ? stoppedAt : cursor.key();
            recordRange(walked(range, ascending, last));
        }
    }

    /** The part of {@code range} walked before stopping at {@code last} (null: walked to the end). */
    private static KeyRange walked(KeyRange range, boolean ascending, byte[] last) {
        if (last == null) {
            return range;
        }
        return ascending ? new KeyRange(range.start(), KeyRange.successor(last)) : new KeyRange(last, range.end());
    }

    private synchronized void recordRange(KeyRange range) {
        if (!readOnly && active) {
            reads.addRange(range);
        }
    }

    @Override
    public void commit() {
        synchronized (this) {
            ensureUsable();
            active = false;
        }
        if (!readOnly) {
            store.commit(beginSeq, reads, writes);
        }
    }

    @Override
    public void rollback() {
        synchronized (this) {
            ensureUsable();
            active = false;
        }
        if (!readOnly) {
            store.rollback(beginSeq);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!active) {
                return;
            }
            active = false;
        }
        if (!readOnly) {
            store.rollback(beginSeq);
        }
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public String path() {
        return store.path();
    }

    private void ensureUsable() {
        store.ensureOpen();
        if (!active) {
            throw new StorageException(ErrorCode.TX_NOT_ACTIVE,
                    "transaction on store " + store.name() + " is no longer active (committed or rolled back)");
        }
    }

    private void ensureWritable() {
        ensureUsable();
        if (readOnly) {
            throw new StorageException(ErrorCode.TX_READ_ONLY,
                    "transaction on store " + store.name() + " is read-only");
        }
    }

    @Override
    public String toString() {
        return "MemoryTransaction[" + store.name() + (readOnly ? ", read-only" : "")
                + (active ? ", active" : ", ended") + "]";
    }
}
