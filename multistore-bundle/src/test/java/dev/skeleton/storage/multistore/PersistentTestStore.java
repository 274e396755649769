package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;

/**
 * A store of {@link PersistentTestEngine}: a {@link MapStore} that is also {@link Transactional}
 * (and nothing else, so its handle shows exactly {@code Store} and {@code Transactional}).
 *
 * <p>Its transactions buffer their writes and apply them at commit under the store's monitor;
 * they read their own writes over the store's current data. There is no conflict detection:
 * conflicts are the memory engine's business in these tests. Operations of an ended transaction
 * are TX_NOT_ACTIVE; those of an active one on a closed store STORE_CLOSED.
 */
final class PersistentTestStore extends MapStore implements Transactional {

    PersistentTestStore(String name, String path, NavigableMap<byte[], byte[]> initial, Runnable beforeOperation,
                        Consumer<NavigableMap<byte[], byte[]>> onClose) {
        super(name, path, initial, beforeOperation, onClose);
    }

    @Override
    public Transaction beginTx() {
        return begin(false);
    }

    @Override
    public Transaction beginReadOnlyTx() {
        return begin(true);
    }

    /** The hook runs once the transaction is begun, so that a held begin races with its store's close. */
    private Transaction begin(boolean readOnly) {
        checkOpen();
        Transaction begun = new TestTransaction(this, readOnly);
        beforeOperation();
        return begun;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /** Buffers writes (a null value is a delete) until commit; read-your-writes over the store. */
    private static final class TestTransaction implements Transaction {

        private final PersistentTestStore store;
        private final boolean readOnly;
        /** Guarded by {@code this}; a null value is a delete. */
        private final NavigableMap<byte[], byte[]> writes = TestDisk.newMap();
        /** Guarded by {@code this}. */
        private boolean active = true;

        TestTransaction(PersistentTestStore store, boolean readOnly) {
            this.store = store;
            this.readOnly = readOnly;
        }

        @Override
        public byte[] get(byte[] key) {
            store.beforeOperation();
            synchronized (this) {
                checkActive();
                byte[] value = writes.containsKey(key) ? writes.get(key) : store.valueOrNull(key);
                if (value == null) {
                    throw new StorageException(ErrorCode.KEY_NOT_FOUND, "no such key in transaction on " + name());
                }
                return value.clone();
            }
        }

        @Override
        public void set(byte[] key, byte[] value) {
            store.beforeOperation();
            synchronized (this) {
                checkWritable();
                writes.put(key.clone(), value.clone());
            }
        }

        @Override
        public void delete(byte[] key) {
            store.beforeOperation();
            synchronized (this) {
                checkWritable();
                writes.put(key.clone(), null);
            }
        }

        @Override
        public boolean has(byte[] key) {
            store.beforeOperation();
            synchronized (this) {
                checkActive();
                return writes.containsKey(key) ? writes.get(key) != null : store.valueOrNull(key) != null;
            }
        }

        @Override
        public void iterate(KeyValueVisitor visitor) {
            store.beforeOperation();
            NavigableMap<byte[], byte[]> merged;
            synchronized (this) {
                checkActive();
                merged = store.snapshot();
                writes.forEach((key, value) -> {
                    if (value == null) {
                        merged.remove(key);
                    } else {
                        merged.put(key, value);
                    }
                });
            }
            for (Map.Entry<byte[], byte[]> entry : merged.entrySet()) {
                if (!visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
                    return;
                }
            }
        }

        @Override
        public void commit() {
            store.beforeOperation();
            synchronized (this) {
                checkActive();
                store.apply(writes);
                active = false;
            }
        }

        @Override
        public void rollback() {
            store.beforeOperation();
            synchronized (this) {
                checkActive();
                active = false;
            }
        }

        @Override
        public synchronized void close() {
            active = false;
        }

        @Override
        public synchronized boolean isActive() {
            return active;
        }

        @Override
        public boolean isReadOnly() {
            return readOnly;
        }

        private void checkActive() {
            if (!active) {
                throw new StorageException(ErrorCode.TX_NOT_ACTIVE, "transaction on " + name() + " has ended");
            }
            store.checkOpen();
        }

        private void checkWritable() {
            checkActive();
            if (readOnly) {
                throw new StorageException(ErrorCode.TX_READ_ONLY, "read-only transaction on " + name());
            }
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public String path() {
            return store.path();
        }
    }
}
