package dev.skeleton.storage.memory;

import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.OptimisticTransaction;

/**
 * A serializable, optimistic read-write transaction of a {@link MemoryStore} (its read-only ones
 * are engine-core's {@code ReadOnlyTransaction}): the shared
 * {@link OptimisticTransaction} of engine-core (snapshot reads plus own writes, read-set validation
 * at commit), named for this engine. All behaviour, and its lock model, is documented there; the
 * memory store supplies the snapshot, the validation and the atomic publication of the writes.
 */
final class MemoryTransaction extends OptimisticTransaction<byte[]> {

    MemoryTransaction(MemoryStore store, CopyOnWriteTree<byte[]> snapshot, long beginSeq) {
        super(store, snapshot, beginSeq, false);
    }
}
