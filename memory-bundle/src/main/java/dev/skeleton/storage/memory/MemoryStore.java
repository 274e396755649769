package dev.skeleton.storage.memory;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.CommitLog;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.CursorVisits;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import dev.skeleton.storage.core.OptimisticTransaction;
import dev.skeleton.storage.core.ReadSet;
import dev.skeleton.storage.core.TransactionHost;
import dev.skeleton.storage.core.VersionHistory;
import dev.skeleton.storage.core.WriteSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A store of the memory engine: an immutable {@link CopyOnWriteTree} behind a volatile reference.
 * Its transactions are {@link MemoryTransaction}s (the shared {@link OptimisticTransaction}), for which it is the
 * {@link TransactionHost}.
 *
 * <h2>Lock model</h2>
 * Readers take no lock: {@code get}, {@code has} and every iteration read the current root once and
 * work on that immutable tree, so they never block writers and always see one point in time. Every
 * change ({@code set}, {@code delete}, a commit, {@code loadVersion}) and every look at the version
 * history happens under {@link #writeLock}: it builds a new tree from the current one, checks it,
 * and publishes it with one volatile write. The lock also guards the sequence numbers, the
 * {@link CommitLog} that validates transactions and the {@link VersionHistory}. Visitors (user code)
 * always run with no lock held; they may therefore write to this store, and their writes land in a
 * newer tree that the running iteration does not see.
 *
 * <h2>Closing</h2>
 * {@link #close()} marks the store closed under the lock, so no write can follow it, and drops the
 * data. Operations check {@link #closed} first and fail with {@link ErrorCode#STORE_CLOSED}.
 */
final class MemoryStore implements Store, Transactional, Versioned, RangeQueryable, TransactionHost<byte[]> {

    private final String name;
    private final String path;
    private final MemoryConfig config;
    /** Told once when this store closes, so that its engine forgets it. */
    private final Consumer<MemoryStore> onClose;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final CommitLog commitLog = new CommitLog();
    private final VersionHistory<byte[]> versions;

    private volatile CopyOnWriteTree<byte[]> data;
    private volatile boolean closed;
    /** Number of the last change; guarded by {@link #writeLock}. */
    private long seq;

    MemoryStore(String name, String path, MemoryConfig config, Consumer<MemoryStore> onClose) {
        this.name = name;
        this.path = path;
        this.config = config;
        this.onClose = onClose;
        this.data = CopyOnWriteTree.empty(value -> value.length);
        this.versions = VersionHistory.ofBytes(name, config.maxVersions(), data);
    }

    // ---- Store ----

    @Override
    public byte[] get(byte[] key) {
        Arguments.key(key, name);
        ensureOpen();
        byte[] value = data.get(key);
        if (value == null) {
            throw Keys.notFound(key, name);
        }
        return value.clone();
    }

    @Override
    public void set(byte[] key, byte[] value) {
        Arguments.key(key, name);
        Arguments.value(value, key, name);
        byte[] ownKey = key.clone();
        byte[] ownValue = value.clone();
        writeLock.lock();
        try {
            ensureOpen();
            publish(checkSize(data.put(ownKey, ownValue), ownKey), List.of(ownKey));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void delete(byte[] key) {
        Arguments.key(key, name);
        writeLock.lock();
        try {
            ensureOpen();
            CopyOnWriteTree<byte[]> next = data.remove(key);
            if (next != data) {
                publish(next, List.of(key.clone()));
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean has(byte[] key) {
        Arguments.key(key, name);
        ensureOpen();
        return data.containsKey(key);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        iterateRange(null, null, true, visitor);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Arguments.visitor(visitor, name);
        ensureOpen();
        KeyRange range = KeyRange.of(start, end);
        CursorVisits.visit(data.cursor(range.start(), range.end(), ascending), byte[]::clone, visitor);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            data = CopyOnWriteTree.empty(value -> value.length);
            versions.clear();
        } finally {
            writeLock.unlock();
        }
        onClose.accept(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    // ---- Transactional ----

    @Override
    public Transaction beginTx() {
        writeLock.lock();
        try {
            ensureOpen();
            // Registered under the lock, so that no change after this begin can be pruned unseen.
            commitLog.begin(seq);
            return new MemoryTransaction(this, data, seq, false);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Transaction beginReadOnlyTx() {
        ensureOpen();
        return new MemoryTransaction(this, data, 0, true);
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    // ---- TransactionHost ----

    /**
     * Validates a read-write transaction and applies its writes atomically.
     *
     * @throws StorageException TX_CONFLICT, STORE_FULL or STORE_CLOSED; the transaction is over
     *         either way
     */
    @Override
    public void commit(long beginSeq, ReadSet reads, WriteSet<byte[]> writes) {
        writeLock.lock();
        try {
            ensureOpen();
            commitLog.checkCommit(beginSeq, reads, writes, name);
            if (!writes.isEmpty()) {
                publish(checkSize(writes.applyTo(data), null), writes.changedKeys(data));
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** A transaction ended; a read-write one stops holding back the pruning of the commit log. */
    @Override
    public void end(long beginSeq, boolean readOnly) {
        if (readOnly) {
            return;
        }
        writeLock.lock();
        try {
            commitLog.end(beginSeq);
        } finally {
            writeLock.unlock();
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

    // ---- Versioned ----

    @Override
    public VersionInfo saveVersion() {
        writeLock.lock();
        try {
            ensureOpen();
            return versions.save(data);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void loadVersion(long version) {
        writeLock.lock();
        try {
            ensureOpen();
            CopyOnWriteTree<byte[]> loaded = versions.load(version);
            publish(loaded, commitLog.changedKeys(data, loaded));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long[] listVersions() {
        writeLock.lock();
        try {
            ensureOpen();
            return versions.list();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long currentVersion() {
        writeLock.lock();
        try {
            ensureOpen();
            return versions.current();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean supportsVersioning() {
        return true;
    }

    // ---- RangeQueryable ----

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    // ---- internals ----

    boolean isClosed() {
        return closed;
    }

    @Override
    public void ensureOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "memory store " + name + " is closed");
        }
    }


    /** Publishes a new tree as one change; called under the write lock. */
    private void publish(CopyOnWriteTree<byte[]> next, List<byte[]> changedKeys) {
        seq++;
        commitLog.record(seq, changedKeys);
        data = next;
    }

    /** Refuses a tree beyond {@code max_size}; {@code key} names the write for the message. */
    private CopyOnWriteTree<byte[]> checkSize(CopyOnWriteTree<byte[]> next, byte[] key) {
        if (!config.fits(next.weight())) {
            throw new StorageException(ErrorCode.STORE_FULL, "store " + name + " is full: "
                    + (key == null ? "the commit" : "writing key " + Keys.describe(key)) + " would make it "
                    + next.weight() + " bytes, above max_size " + config.maxSize() + "; nothing was changed");
        }
        return next;
    }

    @Override
    public String toString() {
        return "MemoryStore[" + name + (closed ? ", closed" : ", " + data.size() + " keys") + "]";
    }
}
