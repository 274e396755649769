package dev.skeleton.storage.file;

import dev.skeleton.storage.core.OptimisticTransaction;
import dev.skeleton.storage.core.ReadSet;
import dev.skeleton.storage.core.TransactionHost;
import dev.skeleton.storage.core.WriteSet;

/**
 * The store as one transaction sees it: a file store's transactions are the shared
 * {@link OptimisticTransaction}, and each gets its own host so that the reader epoch it entered at
 * its begin (which keeps the value files of its snapshot on disk) is left exactly once, when it
 * ends. Everything else is the store's.
 */
final class FileTransactionHost implements TransactionHost<StoredValue> {

    private final FileStore store;
    private final ReaderEpochs epochs;
    private final long epoch;

    FileTransactionHost(FileStore store, ReaderEpochs epochs, long epoch) {
        this.store = store;
        this.epochs = epochs;
        this.epoch = epoch;
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
    public void ensureOpen() {
        store.ensureOpen();
    }

    @Override
    public byte[] copyOut(StoredValue value) {
        return store.copyOut(value);
    }

    @Override
    public WriteSet<StoredValue> newWriteSet() {
        return new WriteSet<>(StoredValue.TOMBSTONE, StoredValue::length);
    }

    @Override
    public StoredValue buffered(byte[] ownValue) {
        return new StoredValue.Inline(ownValue);
    }

    @Override
    public void commit(long beginSeq, ReadSet reads, WriteSet<StoredValue> writes) {
        store.commit(beginSeq, reads, writes);
    }

    @Override
    public void end(long beginSeq, boolean readOnly) {
        try {
            store.transactionEnded(beginSeq, readOnly);
        } finally {
            epochs.exit(epoch);
        }
    }
}
