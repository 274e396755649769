package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;

/**
 * A {@link Store} over a sorted map, for the test engines: simple enough to be obviously correct.
 * Every operation runs under the store's monitor, after the engine's {@code beforeOperation} hook,
 * which runs outside it so that a test can hold an operation back while someone closes the store.
 * {@link #close()} hands a copy of the entries to {@code onClose} once (a persistent engine flushes
 * them there). Implements {@link Store} and nothing else.
 */
class MapStore implements Store {

    private final String name;
    private final String path;
    private final Runnable beforeOperation;
    private final Consumer<NavigableMap<byte[], byte[]>> onClose;
    /** Guarded by {@code this}. */
    private final NavigableMap<byte[], byte[]> data;
    /** Guarded by {@code this}. */
    private boolean closed;

    MapStore(String name, String path, NavigableMap<byte[], byte[]> initial, Runnable beforeOperation,
             Consumer<NavigableMap<byte[], byte[]>> onClose) {
        this.name = name;
        this.path = path;
        this.data = TestDisk.copyOf(initial);
        this.beforeOperation = beforeOperation;
        this.onClose = onClose;
    }

    /** Runs the engine's hook; call it first, outside the monitor. */
    final void beforeOperation() {
        beforeOperation.run();
    }

    @Override
    public byte[] get(byte[] key) {
        beforeOperation();
        byte[] value = valueOrNull(key);
        if (value == null) {
            throw new StorageException(ErrorCode.KEY_NOT_FOUND, "no such key in test store " + name);
        }
        return value;
    }

    /** The value of a key, or null; STORE_CLOSED when closed. */
    final synchronized byte[] valueOrNull(byte[] key) {
        checkUsable(key);
        byte[] value = data.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void set(byte[] key, byte[] value) {
        beforeOperation();
        synchronized (this) {
            checkUsable(key);
            if (value == null) {
                throw new StorageException(ErrorCode.INVALID_ARGUMENT, "null value for test store " + name);
            }
            data.put(key.clone(), value.clone());
        }
    }

    @Override
    public void delete(byte[] key) {
        beforeOperation();
        synchronized (this) {
            checkUsable(key);
            data.remove(key);
        }
    }

    @Override
    public boolean has(byte[] key) {
        beforeOperation();
        return valueOrNull(key) != null;
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        beforeOperation();
        if (visitor == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "null visitor for test store " + name);
        }
        for (Map.Entry<byte[], byte[]> entry : snapshot().entrySet()) {
            if (!visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
                return;
            }
        }
    }

    /** A copy of the entries; STORE_CLOSED when closed. */
    final synchronized NavigableMap<byte[], byte[]> snapshot() {
        checkOpen();
        return TestDisk.copyOf(data);
    }

    /** Applies writes atomically; a null value deletes. */
    final synchronized void apply(Map<byte[], byte[]> writes) {
        checkOpen();
        writes.forEach((key, value) -> {
            if (value == null) {
                data.remove(key);
            } else {
                data.put(key, value);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(TestDisk.copyOf(data));
    }

    final synchronized boolean isClosed() {
        return closed;
    }

    final synchronized void checkOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "test store " + name + " is closed");
        }
    }

    private void checkUsable(byte[] key) {
        if (key == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "null key for test store " + name);
        }
        checkOpen();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }
}
