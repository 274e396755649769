package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.ArrayList;
import java.util.List;

/**
 * The smallest store that can host transactions, for the tests of the shared transactions: a tree,
 * a sequence number, a commit log and an open flag; every method under its monitor. It records how
 * each transaction ended.
 */
final class MinimalHost implements TransactionHost<byte[]> {

    CopyOnWriteTree<byte[]> data = CopyOnWriteTree.empty(v -> v.length);
    final CommitLog log = new CommitLog();
    long seq;
    boolean closed;
    final List<String> ended = new ArrayList<>();

    synchronized OptimisticTransaction<byte[]> begin(boolean readOnly) {
        if (!readOnly) {
            log.begin(seq);
        }
        return new OptimisticTransaction<>(this, data, readOnly ? 0 : seq, readOnly);
    }

    synchronized void write(int key, int value) {
        data = data.put(k(key), k(value));
        log.record(++seq, List.of(k(key)));
    }

    @Override
    public String name() {
        return "host";
    }

    @Override
    public String path() {
        return "/tmp/host";
    }

    @Override
    public void ensureOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "host is closed");
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
    public synchronized void commit(long beginSeq, ReadSet reads, WriteSet<byte[]> writes) {
        ensureOpen();
        log.checkCommit(beginSeq, reads, writes, name());
        List<byte[]> keys = writes.changedKeys(data);
        data = writes.applyTo(data);
        log.record(++seq, keys);
    }

    @Override
    public synchronized void end(long beginSeq, boolean readOnly) {
        ended.add(readOnly ? "read-only" : "read-write@" + beginSeq);
        if (!readOnly) {
            log.end(beginSeq);
        }
    }

    private static byte[] k(int b) {
        return new byte[] {(byte) b};
    }
}
