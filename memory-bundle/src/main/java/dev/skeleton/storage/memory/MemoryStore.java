package dev.skeleton.storage.memory;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.CursorVisits;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import dev.skeleton.storage.core.OptimisticTransaction;
import dev.skeleton.storage.core.ReadSet;
import dev.skeleton.storage.core.TransactionHost;
import dev.skeleton.storage.core.TreeStore;
import dev.skeleton.storage.core.VersionHistory;
import dev.skeleton.storage.core.WriteSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * A store of the memory engine: an immutable {@link CopyOnWriteTree} of byte arrays behind a
 * volatile reference ({@link TreeStore}, which also gives the lock model). Its transactions are
 * {@link MemoryTransaction}s (the shared {@link OptimisticTransaction}), for which it is the
 * {@link TransactionHost}.
 *
 * <p>Readers ({@code get}, {@code has}, every iteration) read the current root once and work on
 * that immutable tree, so they never block writers and always see one point in time. Every change
 * ({@code set}, {@code delete}, a commit, {@code loadVersion}) builds a new tree under the write
 * lock, checks it against {@code max_size}, and publishes it. Visitors (user code) always run with
 * no lock held; they may therefore write to this store, and their writes land in a newer tree that
 * the running iteration does not see. {@link #close()} drops the data.
 */
final class MemoryStore extends TreeStore<byte[]> implements TransactionHost<byte[]> {

    private final MemoryConfig config;
    /** Told once when this store closes, so that its engine forgets it. */
    private final Consumer<MemoryStore> onClose;

    MemoryStore(String name, String path, MemoryConfig config, Consumer<MemoryStore> onClose) {
        this(name, path, config, onClose, emptyTree());
    }

    private MemoryStore(String name, String path, MemoryConfig config, Consumer<MemoryStore> onClose,
            CopyOnWriteTree<byte[]> empty) {
        super("memory store", name, path, empty, VersionHistory.ofBytes(name, config.maxVersions(), empty));
        this.config = config;
        this.onClose = onClose;
    }

    private static CopyOnWriteTree<byte[]> emptyTree() {
        return CopyOnWriteTree.empty(value -> value.length);
    }

    // ---- Store ----

    @Override
    public byte[] get(byte[] key) {
        Arguments.key(key, name());
        ensureOpen();
        byte[] value = data.get(key);
        if (value == null) {
            throw Keys.notFound(key, name());
        }
        return value.clone();
    }

    @Override
    public void set(byte[] key, byte[] value) {
        Arguments.key(key, name());
        Arguments.value(value, key, name());
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
        Arguments.key(key, name());
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
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Arguments.visitor(visitor, name());
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
            data = emptyTree();
            versions.clear();
        } finally {
            writeLock.unlock();
        }
        onClose.accept(this);
    }

    // ---- Transactional ----

    @Override
    protected Transaction newTransaction(CopyOnWriteTree<byte[]> snapshot, long beginSeq) {
        return new MemoryTransaction(this, snapshot, beginSeq, false);
    }

    @Override
    public Transaction beginReadOnlyTx() {
        ensureOpen();
        return new MemoryTransaction(this, data, 0, true);
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
            commitLog.checkCommit(beginSeq, reads, writes, name());
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
        endTransaction(beginSeq, readOnly);
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

    // ---- internals ----

    /** Refuses a tree beyond {@code max_size}; {@code key} names the write for the message. */
    private CopyOnWriteTree<byte[]> checkSize(CopyOnWriteTree<byte[]> next, byte[] key) {
        if (!config.fits(next.weight())) {
            throw new StorageException(ErrorCode.STORE_FULL, "store " + name() + " is full: "
                    + (key == null ? "the commit" : "writing key " + Keys.describe(key)) + " would make it "
                    + next.weight() + " bytes, above max_size " + config.maxSize() + "; nothing was changed");
        }
        return next;
    }
}
