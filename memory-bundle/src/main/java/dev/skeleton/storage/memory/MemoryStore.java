package dev.skeleton.storage.memory;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.CursorVisits;
import dev.skeleton.storage.core.EditToken;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import dev.skeleton.storage.core.OptimisticTransaction;
import dev.skeleton.storage.core.ReadOnlyTransaction;
import dev.skeleton.storage.core.ReadSet;
import dev.skeleton.storage.core.TransactionHost;
import dev.skeleton.storage.core.TreeStore;
import dev.skeleton.storage.core.VersionHistory;
import dev.skeleton.storage.core.WriteSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A store of the memory engine: an immutable {@link CopyOnWriteTree} of byte arrays behind a
 * volatile reference ({@link TreeStore}, which also gives the lock model). Its transactions are
 * {@link MemoryTransaction}s (the shared {@link OptimisticTransaction}) and, read-only, the shared
 * {@link ReadOnlyTransaction}s, which tell their content hash; it is the {@link TransactionHost} of
 * both.
 *
 * <h2>Writes in place, snapshots handed out</h2>
 * {@code set} and {@code delete} change the tree under the store's {@link EditToken}: the first
 * write to a leaf since the last snapshot copies it and its path, later ones change that copy in
 * place, so overwriting keys allocates almost nothing. Whatever holds a tree beyond one call (an
 * iteration, a transaction, a saved version) gets it from {@link #handOut()}, which retires the
 * token under the write lock, so no later write can reach a node of a tree that was handed out:
 * iterations, transactions and versions see one point in time, exactly as with copies. Commits and
 * {@code loadVersion} replace the tree by one they built (copying as before). A version loaded
 * becomes the live tree without a new token, and needs none: its nodes carry tokens retired when it
 * was saved, so the next write to each of its leaves copies it, and the saved version (which
 * {@code readVersion} may be reading) never changes.
 *
 * <p>{@code get} and {@code has} read the current tree without a lock and without a snapshot: a
 * write in place replaces one reference (see {@link EditToken}), so they see each key before or
 * after a racing write, never a torn state. Iterations and transactions take the write lock for
 * the moment of their hand-out, not for their run. Every change is checked against
 * {@code max_size} before anything is changed. Visitors (user code) always run with no lock held;
 * they may therefore write to this store, and their writes land in the live tree, which the
 * running iteration, reading a handed-out one, does not see. {@link #close()} drops the data.
 *
 * <h2>Metrics</h2>
 * {@link #metrics()} reports one gauge, {@code entries}: the number of entries of the current data
 * (a count the tree keeps, read without a lock). The store takes no disk, so it reports no
 * {@code disk_bytes}. After {@link #close()} the map is empty.
 */
final class MemoryStore extends TreeStore<byte[]> implements TransactionHost<byte[]>, MetricsSource {

    private final MemoryConfig config;
    /** Told once when this store closes, so that its engine forgets it. */
    private final Consumer<MemoryStore> onClose;
    /**
     * The token of in-place writes: the nodes made under it belong to the live tree alone.
     * Guarded by {@link #writeLock}; replaced by {@link #handOut()}.
     */
    private EditToken edits = new EditToken();

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
            checkFits(ownKey, ownValue);
            CopyOnWriteTree<byte[]> next = data.put(ownKey, ownValue, edits);
            if (next != data) {
                publish(next, ownKey);
            }
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
            CopyOnWriteTree<byte[]> next = data.remove(key, edits);
            if (next != data) {
                publish(next, key.clone());
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
        CopyOnWriteTree<byte[]> snapshot;
        writeLock.lock();
        try {
            ensureOpen();
            snapshot = handOut();
        } finally {
            writeLock.unlock();
        }
        CursorVisits.visit(snapshot.cursor(range.start(), range.end(), ascending), byte[]::clone, visitor);
    }

    /**
     * The store's metrics now: {@code entries} (see the class comment).
     *
     * @return a new map; empty once the store is closed
     */
    @Override
    public Map<String, Number> metrics() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        // The tree before the flag: close sets the flag before it drops the data, so a tree read
        // while the flag is still clear is the store's, never the empty one close leaves.
        CopyOnWriteTree<byte[]> current = data;
        if (!closed) {
            metrics.put(MetricsSource.ENTRIES, (long) current.size());
        }
        return metrics;
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
        return new MemoryTransaction(this, snapshot, beginSeq);
    }

    @Override
    public Transaction beginReadOnlyTx() {
        writeLock.lock();
        try {
            ensureOpen();
            return newReadOnlyTransaction(handOut(), null);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A read-only transaction over a tree no write reaches: the live tree just handed out, or a
     * saved version ({@link #readVersion}), whose tree was handed out when it was saved and so holds
     * no node of the current {@link EditToken}. It tells its content hash: a version's as saved, a
     * snapshot's computed from the tree last hashed ({@link #contentHashOf}).
     */
    @Override
    protected Transaction newReadOnlyTransaction(CopyOnWriteTree<byte[]> snapshot, byte[] knownHash) {
        return new ReadOnlyTransaction<>(this, snapshot, this::contentHashOf, knownHash);
    }

    /**
     * Yes: every tree is wholly in the heap, so the tree a reader hashed can stay the one the next
     * save hashes from for as long as the history likes. An export of a store never saved then pays
     * for the whole hash once, and the next save or export only for what changed since.
     */
    @Override
    protected boolean keepsReadersHashes() {
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
            commitLog.checkCommit(beginSeq, reads, writes, name());
            if (!writes.isEmpty()) {
                publish(checkSize(writes.applyTo(data)), writes.changedKeys(data));
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
            return versions.save(handOut());
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

    /**
     * The live tree, to be held beyond this call (an iteration, a transaction, a version): retires
     * the token of in-place writes, so that no later write changes a node this tree holds; the
     * next write to each leaf copies it. Called under the write lock.
     */
    @Override
    protected CopyOnWriteTree<byte[]> handOut() {
        edits = new EditToken();
        return data;
    }

    /**
     * Refuses a {@code set} that would take the store beyond {@code max_size}, before anything is
     * changed (a write in place cannot be taken back). Called under the write lock.
     */
    private void checkFits(byte[] key, byte[] value) {
        if (config.maxSize() == 0) {
            return;
        }
        byte[] old = data.get(key);
        long after = data.weight() + value.length + (old == null ? key.length : -old.length);
        if (!config.fits(after)) {
            throw full("writing key " + Keys.describe(key), after);
        }
    }

    /** Refuses a tree beyond {@code max_size}; {@code key} names the write for the message. */
    /** Refuses a commit's tree beyond {@code max_size}; nothing is published then. */
    private CopyOnWriteTree<byte[]> checkSize(CopyOnWriteTree<byte[]> next) {
        if (!config.fits(next.weight())) {
            throw full("the commit", next.weight());
        }
        return next;
    }

    private StorageException full(String what, long bytes) {
        return new StorageException(ErrorCode.STORE_FULL, "store " + name() + " is full: " + what
                + " would make it " + bytes + " bytes, above max_size " + config.maxSize() + "; nothing was changed");
    }
}
