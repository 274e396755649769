package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;

/**
 * A serializable, optimistic transaction over a store whose data is a {@link CopyOnWriteTree}: the
 * one transaction class of every engine, which supplies its store as a {@link TransactionHost}.
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
 * root under the monitor and run the visitor outside it, so a visitor may use this transaction.
 * The monitor is released before the store's lock is taken, except that the store's lock may be
 * taken while the monitor is held; the store never takes a transaction's monitor, so there is no
 * cycle. Reading a value through {@link TransactionHost#copyOut} happens under the monitor.
 *
 * <p>Engines name their transactions by subclassing it without changing its behaviour (for
 * example {@code MemoryTransaction}), so that a stack trace or a debugger says whose it is.
 *
 * @param <V> the store's value type
 */
public class OptimisticTransaction<V> implements Transaction, RangeQueryable {

    private final TransactionHost<V> store;
    private final CopyOnWriteTree<V> snapshot;
    private final long beginSeq;
    private final boolean readOnly;
    private final ReadSet reads = new ReadSet();
    private final WriteSet<V> writes;
    private volatile boolean active = true;

    /**
     * A transaction that has begun; the store registered it already.
     *
     * @param store    its store
     * @param snapshot the store's tree at the begin
     * @param beginSeq the store's sequence number at the begin (0 for read-only)
     * @param readOnly whether writes are refused
     */
    public OptimisticTransaction(TransactionHost<V> store, CopyOnWriteTree<V> snapshot, long beginSeq,
            boolean readOnly) {
        this.store = store;
        this.snapshot = snapshot;
        this.beginSeq = beginSeq;
        this.readOnly = readOnly;
        this.writes = store.newWriteSet();
    }

    @Override
    public byte[] get(byte[] key) {
        Arguments.key(key, store.name());
        synchronized (this) {
            V value = read(key);
            if (value == null) {
                throw Keys.notFound(key, store.name());
            }
            return store.copyOut(value);
        }
    }

    @Override
    public boolean has(byte[] key) {
        Arguments.key(key, store.name());
        synchronized (this) {
            return read(key) != null;
        }
    }

    /** The value this transaction sees for a key, or null; records the read. Under the monitor. */
    private V read(byte[] key) {
        ensureUsable();
        V own = writes.lookup(key);
        if (own != null) {
            return own == writes.tombstone() ? null : own;
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
            writes.put(ownKey, store.buffered(ownValue));
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
        CopyOnWriteTree<V> ownWrites;
        synchronized (this) {
            ensureUsable();
            ownWrites = writes.snapshot();
        }
        MergedCursor<V> cursor = new MergedCursor<>(snapshot.cursor(range.start(), range.end(), ascending),
                ownWrites.cursor(range.start(), range.end(), ascending), writes.tombstone(), ascending);
        byte[] stoppedAt = null;
        try {
            stoppedAt = CursorVisits.visit(cursor, store::copyOut, visitor);
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
        try {
            if (!readOnly) {
                store.commit(beginSeq, reads, writes);
            }
        } finally {
            store.end(beginSeq, readOnly);
        }
    }

    @Override
    public void rollback() {
        synchronized (this) {
            ensureUsable();
            active = false;
        }
        store.end(beginSeq, readOnly);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!active) {
                return;
            }
            active = false;
        }
        store.end(beginSeq, readOnly);
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

    /**
     * The tree this transaction reads under its own writes.
     *
     * @return the snapshot taken at its begin
     */
    protected final CopyOnWriteTree<V> snapshot() {
        return snapshot;
    }

    /**
     * Fails unless the store is open and the transaction active.
     *
     * @throws StorageException {@code STORE_CLOSED} or {@code TX_NOT_ACTIVE}
     */
    protected final void ensureUsable() {
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
        return "Transaction[" + store.name() + (readOnly ? ", read-only" : "")
                + (active ? ", active" : ", ended") + "]";
    }
}
