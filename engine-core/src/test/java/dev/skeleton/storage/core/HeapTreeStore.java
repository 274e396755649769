package dev.skeleton.storage.core;

import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;

/**
 * The least a {@link TreeStore} needs to be a store: byte arrays in a tree that every write copies,
 * for the tests of what {@link TreeStore} does itself. How entries enter the content hash is given,
 * so that a test can watch (or hold up) the hashing, and so is whether readers' hashes are kept.
 */
final class HeapTreeStore extends TreeStore<byte[]> implements TransactionHost<byte[]> {

    private final boolean keepsReadersHashes;

    HeapTreeStore(EntryHasher<byte[]> hasher, boolean keepsReadersHashes) {
        this(TreeTestData.emptyTree(), hasher, keepsReadersHashes);
    }

    private HeapTreeStore(CopyOnWriteTree<byte[]> empty, EntryHasher<byte[]> hasher, boolean keepsReadersHashes) {
        super("heap store", "heap", "/nowhere", empty, new VersionHistory<>("heap", 0, empty, hasher));
        this.keepsReadersHashes = keepsReadersHashes;
    }

    /** The tree the version history would hash from next. */
    CopyOnWriteTree<byte[]> hashedContent() {
        writeLock.lock();
        try {
            return versions.hashedContent();
        } finally {
            writeLock.unlock();
        }
    }

    /** The live data. */
    CopyOnWriteTree<byte[]> data() {
        return data;
    }

    @Override
    protected boolean keepsReadersHashes() {
        return keepsReadersHashes;
    }

    @Override
    public byte[] get(byte[] key) {
        ensureOpen();
        byte[] value = data.get(key);
        if (value == null) {
            throw Keys.notFound(key, name());
        }
        return value.clone();
    }

    @Override
    public void set(byte[] key, byte[] value) {
        writeLock.lock();
        try {
            ensureOpen();
            publish(data.put(key.clone(), value.clone()), key.clone());
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void delete(byte[] key) {
        writeLock.lock();
        try {
            ensureOpen();
            publish(data.remove(key), key.clone());
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        ensureOpen();
        KeyRange range = KeyRange.of(start, end);
        CursorVisits.visit(data.cursor(range.start(), range.end(), ascending), byte[]::clone, visitor);
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            closed = true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    protected Transaction newTransaction(CopyOnWriteTree<byte[]> snapshot, long beginSeq) {
        return new OptimisticTransaction<>(this, snapshot, beginSeq, false);
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

    @Override
    protected Transaction newReadOnlyTransaction(CopyOnWriteTree<byte[]> snapshot, byte[] knownHash) {
        return new ReadOnlyTransaction<>(this, snapshot, this::contentHashOf, knownHash);
    }

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
        writeLock.lock();
        try {
            ensureOpen();
            commitLog.checkCommit(beginSeq, reads, writes, name());
            publish(writes.applyTo(data), writes.changedKeys(data));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void end(long beginSeq, boolean readOnly) {
        endTransaction(beginSeq, readOnly);
    }
}
