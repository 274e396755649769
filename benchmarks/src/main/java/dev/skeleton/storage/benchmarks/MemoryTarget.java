package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.memory.MemoryEngine;

/**
 * The system under test: a store of the memory engine, created with an empty configuration
 * (default {@code max_versions} of 100, no size limit). The store copies every array in and out
 * itself, as its contract says, so this adapter adds no copies.
 */
final class MemoryTarget extends StoreTarget implements OrderedTarget {

    private final Transactional transactions;
    private final Versioned versions;
    private final RangeQueryable ranges;

    MemoryTarget() {
        super(new MemoryEngine().create("bench", "/bench", Config.empty()));
        transactions = (Transactional) store;
        versions = (Versioned) store;
        ranges = (RangeQueryable) store;
    }

    @Override
    public void range(byte[] start, int limit, KeyValueVisitor visitor) {
        int[] left = {limit};
        ranges.iterateRange(start, null, true, (key, value) -> visitor.visit(key, value) && --left[0] > 0);
    }

    @Override
    public int writeAtomically(byte[][] keys, byte[] value) {
        for (int conflicts = 0; ; conflicts++) {
            try (Transaction tx = transactions.beginTx()) {
                for (byte[] key : keys) {
                    tx.set(key, value);
                }
                tx.commit();
                return conflicts;
            } catch (StorageException e) {
                if (e.code() != ErrorCode.TX_CONFLICT) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Object snapshot() {
        return versions.saveVersion();
    }
}
