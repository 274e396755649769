package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the stores of the engines that keep their live data in a {@link CopyOnWriteTree} (memory,
 * file) share: the tree behind a volatile reference, the write lock and what it guards, and the
 * operations that are the same in both. Each engine adds how values are stored, written and read.
 *
 * <h2>Lock model</h2>
 * Point readers take no lock: they read {@link #data} once and look up in that tree. Whatever holds
 * the tree beyond one call (a transaction) takes it from {@link #handOut()} under the lock, which
 * makes it a snapshot even in a store that changes its live tree in place. Every change
 * and every look at the version history happens under {@link #writeLock}, which also guards
 * {@link #seq}, the {@link #commitLog} and the {@link #versions}; a change builds a new tree and
 * publishes it ({@link #publish}) with one volatile write.
 *
 * <h2>Reading a saved version</h2>
 * A saved version is a tree of the {@link VersionHistory}, immutable like every tree handed out, so
 * {@link #readVersion} lays a read-only transaction over it as {@code beginReadOnlyTx} does over
 * the working tree: no copy, and the nodes it shares with the working tree or with other versions
 * stay shared. Nothing can change that tree afterwards: a store that writes in place retired its
 * {@link EditToken} when it handed the tree out to be saved ({@link #handOut()}), so neither later
 * writes nor a {@code loadVersion} that makes it the working tree again can reach its nodes; and
 * pruning only forgets the history's reference to it.
 *
 * <h2>The content hash of a reader's snapshot</h2>
 * A read-only transaction tells the content hash of its tree ({@link ReadOnlyTransaction}): a saved
 * version's is known from its save; a snapshot of the working data's is computed by
 * {@link #contentHashOf}, from the tree the {@link VersionHistory} last hashed, by the diff of the
 * two. Only taking that tree and its state ({@link VersionHistory#hashed()}, one immutable object)
 * happens under {@link #writeLock}; the diff, which may read pages and costs 17 SHA-256 blocks a
 * changed entry, runs outside it, so that an export does not stall the writers.
 *
 * <h2>Closing</h2>
 * {@link #closed} is set under the lock, so that no change can follow it; every operation checks it
 * first ({@link #ensureOpen}) and fails with {@link ErrorCode#STORE_CLOSED}.
 *
 * @param <V> how the engine stores a value in the tree
 */
public abstract class TreeStore<V> implements Store, Transactional, Versioned, VersionReader, RangeQueryable {

    /** Guards every change, {@link #seq}, {@link #commitLog} and {@link #versions}. */
    protected final ReentrantLock writeLock = new ReentrantLock();
    /** Recent changes, for validating transactions; guarded by {@link #writeLock}. */
    protected final CommitLog commitLog = new CommitLog();
    /** Saved versions; guarded by {@link #writeLock}. */
    protected final VersionHistory<V> versions;
    /** The live data; replaced, never changed, under {@link #writeLock}. */
    protected volatile CopyOnWriteTree<V> data;
    /** Set under {@link #writeLock}; never reset. */
    protected volatile boolean closed;
    /** Number of the last change; guarded by {@link #writeLock}. */
    protected long seq;

    private final String kind;
    private final String name;
    private final String path;

    /**
     * A store over its current data.
     *
     * @param kind     what the store is called in messages, e.g. {@code "memory store"}
     * @param name     its name
     * @param path     its path as given
     * @param data     its data
     * @param versions its version history
     */
    protected TreeStore(String kind, String name, String path, CopyOnWriteTree<V> data, VersionHistory<V> versions) {
        this.kind = kind;
        this.name = name;
        this.path = path;
        this.data = data;
        this.versions = versions;
    }

    // ---- Store ----

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
            return newTransaction(handOut(), seq);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A read-write transaction over a snapshot; called under {@link #writeLock} by
     * {@link #beginTx}.
     *
     * @param snapshot the data at its begin
     * @param beginSeq the number of the last change it sees
     * @return the transaction
     */
    protected abstract Transaction newTransaction(CopyOnWriteTree<V> snapshot, long beginSeq);

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /**
     * A read-only transaction over a tree that never changes again: the working tree as
     * {@link #handOut()} gave it, or a saved version's. Called under {@link #writeLock} by
     * {@link #readVersion} (and by an engine's {@code beginReadOnlyTx} that takes the lock too), so
     * that the store cannot close, checkpoint or prune between taking the tree and registering the
     * reader.
     *
     * The transaction is a {@link ReadOnlyTransaction}, which tells its content hash: the one given,
     * or else {@link #contentHashOf} its snapshot.
     *
     * @param snapshot  the tree it reads
     * @param knownHash the tree's content hash if known (a saved version's), else null
     * @return the active, read-only transaction
     */
    protected abstract Transaction newReadOnlyTransaction(CopyOnWriteTree<V> snapshot, byte[] knownHash);

    /**
     * A transaction ended; a read-write one stops holding back the pruning of the commit log.
     *
     * @param beginSeq its begin
     * @param readOnly whether it was read-only
     */
    protected final void endTransaction(long beginSeq, boolean readOnly) {
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

    // ---- Versioned ----

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

    // ---- VersionReader ----

    /**
     * Begins a read-only transaction over a saved version's tree, which costs no copy (see the
     * class comment). The working data and the current version stay as they are.
     *
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if the version was never saved or
     *         was pruned; {@link ErrorCode#STORE_CLOSED} after close
     */
    @Override
    public Transaction readVersion(long version) {
        writeLock.lock();
        try {
            ensureOpen();
            return newReadOnlyTransaction(versions.content(version), versions.savedHash(version));
        } finally {
            writeLock.unlock();
        }
    }

    // ---- the content hash of readers ----

    /**
     * The content hash of a tree this store handed out (a read-only transaction's snapshot),
     * brought from the tree the version history last hashed by the diff of the two: the cost of
     * what differs between them. Only taking the history's hashed tree happens under the write
     * lock; the diff and the hashing run outside it, on the caller's thread (and the common
     * fork-join pool for large differences), so writers go on meanwhile. Where
     * {@link #keepsReadersHashes()}, the result becomes the history's hashed tree if the snapshot is
     * still the live data and nothing else changed the history's meanwhile.
     *
     * @param snapshot a handed-out tree, which never changes
     * @return its 32-byte hash
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} if the store is closed
     */
    protected final byte[] contentHashOf(CopyOnWriteTree<V> snapshot) {
        HashedTree<V> baseline;
        writeLock.lock();
        try {
            ensureOpen();
            baseline = versions.hashed();
        } finally {
            writeLock.unlock();
        }
        HashedTree<V> hashed = baseline.advancedTo(snapshot);
        if (keepsReadersHashes() && hashed != baseline) {
            keepIfLive(baseline, hashed);
        }
        return hashed.digest();
    }

    /**
     * Whether {@link #contentHashOf} may give the version history the tree it hashed, so that the
     * next save (or reader) starts from there. The history keeps that tree for as long as nothing
     * newer is hashed, so a store may say yes only if any tree it handed out stays readable for as
     * long as something holds it: true of trees wholly in the heap, not of paged trees whose pages
     * a compaction moves (the file store relays only the trees it knows of). False by default.
     *
     * @return true to keep readers' hashes
     */
    protected boolean keepsReadersHashes() {
        return false;
    }

    /** Gives the history a reader's hashed tree if it is the live data, which no tree is newer than. */
    private void keepIfLive(HashedTree<V> baseline, HashedTree<V> hashed) {
        writeLock.lock();
        try {
            if (!closed && hashed.tree() == data) {
                versions.adopt(baseline, hashed);
            }
        } finally {
            writeLock.unlock();
        }
    }

    // ---- RangeQueryable ----

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    // ---- for the engines ----

    /**
     * Fails if the store is closed.
     *
     * @throws StorageException {@link ErrorCode#STORE_CLOSED}
     */
    public final void ensureOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, kind + " " + name + " is closed");
        }
    }

    /**
     * The live data, to be held beyond the current call (by a transaction, an iteration or a saved
     * version); called under {@link #writeLock}. A store that changes its tree in place (under an
     * {@link EditToken}) retires its token here, so that the tree it hands out never changes again;
     * this default, for stores that only copy, returns {@link #data} as it is.
     *
     * @return the data as a snapshot
     */
    protected CopyOnWriteTree<V> handOut() {
        return data;
    }

    /**
     * Publishes a new tree as the change of one key; called under {@link #writeLock}.
     *
     * @param next       the new data
     * @param changedKey the key whose value it changes; not copied
     */
    protected void publish(CopyOnWriteTree<V> next, byte[] changedKey) {
        seq++;
        if (commitLog.hasActiveTransactions()) {
            commitLog.record(seq, List.of(changedKey));
        }
        data = next;
    }

    /**
     * Publishes a new tree as one change; called under {@link #writeLock}.
     *
     * @param next        the new data
     * @param changedKeys the keys whose value it changes, for validating transactions
     */
    protected void publish(CopyOnWriteTree<V> next, List<byte[]> changedKeys) {
        seq++;
        commitLog.record(seq, changedKeys);
        data = next;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + (closed ? ", closed" : ", " + data.size() + " keys") + "]";
    }
}
