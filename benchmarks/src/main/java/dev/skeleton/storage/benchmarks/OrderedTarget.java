package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.KeyValueVisitor;

/**
 * A {@link KeyValueTarget} with the operations only an ordered map can offer: the memory store
 * and the skip-list baseline, not the hash map. The same fairness rule applies: every array is
 * copied in and out.
 */
interface OrderedTarget extends KeyValueTarget {

    /**
     * Visits, in ascending order, up to {@code limit} entries whose key is at least {@code start}.
     *
     * @param start lowest key visited, inclusive
     * @param limit most entries visited
     * @param visitor receives copies of each key and value
     */
    void range(byte[] start, int limit, KeyValueVisitor visitor);

    /**
     * Writes one value under several keys. The memory store does it in one transaction, retried
     * until it commits; the skip list, which has no transactions, in plain puts: the cost floor of
     * the same writes without isolation or atomicity.
     *
     * @param keys  the keys written, each a copy
     * @param value the value written, copied
     * @return how many attempts failed with a conflict before one committed (0 for the skip list)
     */
    int writeAtomically(byte[][] keys, byte[] value);

    /**
     * Takes a snapshot that later writes do not change. The memory store saves a version (structure
     * shared with the working tree, the content hash updated for what changed); the skip list
     * copies itself whole, which is what a snapshot without structural sharing costs.
     *
     * @return the snapshot or its description, to be consumed so it is not optimised away
     */
    Object snapshot();
}
