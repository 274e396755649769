package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The keys changed by recent commits, for optimistic validation of serializable transactions.
 *
 * <p>Every change to a store (a transaction's commit, a direct write, a version load) has a sequence
 * number. A read-write transaction remembers the sequence number at its begin; at its commit it
 * conflicts when any change with a later number touched a key that it read or wrote. The log
 * therefore keeps only what an active transaction may still ask about: changes are recorded only
 * while read-write transactions are active, and dropped once every transaction that began before
 * them has ended. With no transaction active it costs nothing.
 *
 * <p>Not thread-safe: its store guards it with the store's write lock, which also orders the
 * sequence numbers.
 */
public final class CommitLog {

    /** One change: its sequence number and the keys it changed. */
    private record Change(long seq, List<byte[]> keys) {
    }

    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    /** Begin sequence numbers of active read-write transactions, with their counts. */
    private final TreeMap<Long, Integer> activeBegins = new TreeMap<>();

    /**
     * A read-write transaction begins.
     *
     * @param seq the store's sequence number at its begin
     */
    public void begin(long seq) {
        activeBegins.merge(seq, 1, Integer::sum);
    }

    /**
     * A read-write transaction ends (committed, conflicted or rolled back).
     *
     * @param seq the sequence number it began at
     */
    public void end(long seq) {
        activeBegins.computeIfPresent(seq, (k, count) -> count == 1 ? null : count - 1);
        prune();
    }

    /**
     * Whether any read-write transaction is active.
     *
     * @return true if changes must be recorded
     */
    public boolean hasActiveTransactions() {
        return !activeBegins.isEmpty();
    }

    /**
     * Records a change, if an active transaction could conflict with it.
     *
     * @param seq  the change's sequence number, greater than every recorded one
     * @param keys the keys it changed; not copied, must not change afterwards
     */
    public void record(long seq, List<byte[]> keys) {
        if (hasActiveTransactions() && !keys.isEmpty()) {
            changes.addLast(new Change(seq, keys));
        }
    }

    /**
     * The first key changed after {@code beginSeq} that a transaction read or wrote.
     *
     * @param beginSeq the sequence number the transaction began at
     * @param reads    what it read
     * @param written  whether it wrote a key
     * @return the conflicting key, or null if the transaction may commit
     */
    public byte[] firstConflict(long beginSeq, ReadSet reads, Predicate<byte[]> written) {
        for (Change change : changes) {
            if (change.seq() <= beginSeq) {
                continue;
            }
            for (byte[] key : change.keys()) {
                if (reads.covers(key) || written.test(key)) {
                    return key;
                }
            }
        }
        return null;
    }

    /** Drops the changes that no active transaction began before. */
    private void prune() {
        long oldestBegin = activeBegins.isEmpty() ? Long.MAX_VALUE : activeBegins.firstKey();
        while (!changes.isEmpty() && changes.peekFirst().seq() <= oldestBegin) {
            changes.pollFirst();
        }
    }

    /**
     * Fails a commit that conflicts with a change made after its transaction began.
     *
     * @param beginSeq  the sequence number the transaction began at
     * @param reads     what it read
     * @param writes    what it wrote
     * @param storeName the store's name, for the message
     * @throws StorageException {@link ErrorCode#TX_CONFLICT} naming the first conflicting key
     */
    public void checkCommit(long beginSeq, ReadSet reads, WriteSet<?> writes, String storeName) {
        byte[] conflict = firstConflict(beginSeq, reads, writes::contains);
        if (conflict != null) {
            throw new StorageException(ErrorCode.TX_CONFLICT, "transaction on store " + storeName
                    + " conflicts: key " + Keys.describe(conflict)
                    + " was changed by another commit after the transaction began; rolled back");
        }
    }

    /**
     * The keys whose values differ between two trees (a version load replaces one by the other),
     * or an empty list when no transaction is active and nobody could care.
     *
     * @param from the tree replaced
     * @param to   the tree that replaces it
     * @param <V>  the value type
     * @return the changed keys in order (not copies)
     */
    public <V> List<byte[]> changedKeys(CopyOnWriteTree<V> from, CopyOnWriteTree<V> to) {
        List<byte[]> keys = new ArrayList<>();
        if (!hasActiveTransactions()) {
            return keys;
        }
        CopyOnWriteTree.diff(from, to, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, V value) {
                keys.add(key);
            }

            @Override
            public void removed(byte[] key, V value) {
                keys.add(key);
            }

            @Override
            public void changed(byte[] key, V oldValue, V newValue) {
                keys.add(key);
            }
        });
        return keys;
    }

    /**
     * How many changes are kept, for tests of the pruning.
     *
     * @return the number of recorded changes
     */
    public int size() {
        return changes.size();
    }
}
