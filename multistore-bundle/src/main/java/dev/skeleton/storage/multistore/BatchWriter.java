package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.core.ContentHash;

/**
 * Writes many entries into a store that nobody else uses yet (an import, a copy, a move's new
 * store): in transactions of up to {@value #ENTRIES} entries or {@value #BYTES} bytes where the
 * store has them, so that a store that syncs every write to disk syncs once per batch; one write
 * at a time otherwise. Memory stays bounded by one batch. Not thread-safe.
 */
final class BatchWriter implements AutoCloseable {

    static final int ENTRIES = 16_384;
    static final long BYTES = 8L << 20;

    private final Store target;
    private Transaction batch;
    private int entries;
    private long bytes;

    BatchWriter(Store target) {
        this.target = target;
    }

    /**
     * Copies every entry of a consistent view (a read-only transaction) into a store nobody else
     * uses yet, reporting progress.
     *
     * @return the content hash of what was copied: as the source's engine tells it, or computed
     *         from the entries as they are read from the source
     */
    static byte[] copyAll(Transaction source, Store target, ProgressMeter meter) {
        byte[] told = ContentHashes.toldBy(source);
        ContentHash hash = told == null ? new ContentHash() : null;
        try (BatchWriter writer = new BatchWriter(target)) {
            source.iterate((key, value) -> {
                writer.set(key, value);
                if (hash != null) {
                    hash.add(key, value);
                }
                meter.add(key.length + value.length);
                return true;
            });
            writer.flush();
        }
        meter.report();
        return told != null ? told : hash.digest();
    }

    void set(byte[] key, byte[] value) {
        Store into = batch();
        into.set(key, value);
        counted(key.length + value.length);
    }

    void delete(byte[] key) {
        Store into = batch();
        into.delete(key);
        counted(key.length);
    }

    /** Commits what is written so far. */
    void flush() {
        if (batch != null) {
            Transaction done = batch;
            batch = null;
            entries = 0;
            bytes = 0;
            done.commit();
        }
    }

    private Store batch() {
        if (batch == null && target instanceof Transactional transactional
                && transactional.supportsTransactions()) {
            batch = transactional.beginTx();
        }
        return batch != null ? batch : target;
    }

    private void counted(long size) {
        entries++;
        bytes += size;
        if (batch != null && (entries >= ENTRIES || bytes >= BYTES)) {
            flush();
        }
    }

    /** Rolls back a batch not flushed. */
    @Override
    public void close() {
        if (batch != null) {
            Transaction left = batch;
            batch = null;
            left.close();
        }
    }
}
