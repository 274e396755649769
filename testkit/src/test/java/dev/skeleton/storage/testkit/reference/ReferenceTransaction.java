package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A transaction of a {@link ReferenceStore}. It holds a full copy of the store's data taken at
 * begin and applies its own writes and deletes to that copy, so its merged view is simply the copy.
 * It remembers every key it read, every range it iterated and every key it wrote; the store checks
 * them against its change numbers at commit.
 *
 * <p>Read-only transactions are {@link ReferenceSnapshot}s, which also tell their content hash.
 *
 * <p>Lock model: the transaction's monitor guards its fields. {@link #commit()} takes the store's
 * monitor while holding its own (order: transaction, then store; the store never calls a
 * transaction's methods except from within that commit). Visitors run with no monitor held.
 */
class ReferenceTransaction implements Transaction, RangeQueryable {

    private final ReferenceStore store;
    private final TreeMap<byte[], byte[]> view;
    private final long startChangeCount;
    private final boolean readOnly;
    private final TreeSet<byte[]> readKeys;
    private final TreeSet<byte[]> writtenKeys;
    private final List<KeyRange> readRanges = new ArrayList<>();
    private boolean active = true;

    ReferenceTransaction(ReferenceStore store, TreeMap<byte[], byte[]> view, long startChangeCount,
            boolean readOnly) {
        this.store = store;
        this.view = view;
        this.startChangeCount = startChangeCount;
        this.readOnly = readOnly;
        this.readKeys = new TreeSet<>(store.keyOrder());
        this.writtenKeys = new TreeSet<>(store.keyOrder());
    }

    @Override
    public synchronized byte[] get(byte[] key) {
        Checks.requireKey(key, name());
        requireUsable();
        readKeys.add(key.clone());
        byte[] value = view.get(key);
        if (value == null) {
            throw Checks.keyNotFound(key, name());
        }
        return value.clone();
    }

    @Override
    public synchronized boolean has(byte[] key) {
        Checks.requireKey(key, name());
        requireUsable();
        readKeys.add(key.clone());
        return view.containsKey(key);
    }

    @Override
    public synchronized void set(byte[] key, byte[] value) {
        Checks.requireKey(key, name());
        Checks.requireValue(value, name());
        requireWritable();
        view.put(key.clone(), value.clone());
        writtenKeys.add(key.clone());
    }

    @Override
    public synchronized void delete(byte[] key) {
        Checks.requireKey(key, name());
        requireWritable();
        view.remove(key);
        writtenKeys.add(key.clone());
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        Checks.requireVisitor(visitor, name());
        store.visit(readRange(KeyRange.EVERYTHING, true), visitor);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Checks.requireVisitor(visitor, name());
        store.visit(readRange(new KeyRange(start, end), ascending), visitor);
    }

    @Override
    public synchronized void commit() {
        requireUsable();
        active = false; // ended whatever the outcome: a conflict rolls back
        if (!readOnly) {
            store.commit(this);
        }
    }

    @Override
    public synchronized void rollback() {
        requireUsable();
        active = false;
    }

    @Override
    public synchronized boolean isActive() {
        return active;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public synchronized void close() {
        active = false;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public String path() {
        return store.path();
    }

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    /**
     * The content hash of what this transaction sees, from scratch over its copy.
     *
     * @return the hash
     */
    synchronized byte[] hashOfView() {
        requireUsable();
        return store.contentHash(view);
    }

    /** The store this transaction belongs to. */
    ReferenceStore store() {
        return store;
    }

    /** The change count of the store when this transaction began. */
    long startChangeCount() {
        return startChangeCount;
    }

    /** Whether this transaction read or wrote the key. */
    boolean touched(byte[] key) {
        return writtenKeys.contains(key) || readKeys.contains(key)
                || readRanges.stream().anyMatch(range -> range.contains(key, store.keyOrder()));
    }

    /** Each written key with its new value, or null for a delete. */
    void forEachWrite(BiConsumer<byte[], byte[]> write) {
        writtenKeys.forEach(key -> write.accept(key, view.get(key)));
    }

    private synchronized NavigableMap<byte[], byte[]> readRange(KeyRange range, boolean ascending) {
        requireUsable();
        readRanges.add(range);
        return store.range(store.copyOf(view), range, ascending);
    }

    private void requireWritable() {
        requireUsable();
        if (readOnly) {
            throw new StorageException(ErrorCode.TX_READ_ONLY, "write in a read-only transaction of store " + name());
        }
    }

    private void requireUsable() {
        if (store.isClosed()) {
            throw Checks.storeClosed(name());
        }
        if (!active) {
            throw new StorageException(ErrorCode.TX_NOT_ACTIVE, "transaction of store " + name() + " has ended");
        }
    }
}
