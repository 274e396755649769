package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A transaction begun through a {@link StoreHandle}: forwards to the engine's transaction, reports
 * how it ended ({@code TX_COMMITTED}, {@code TX_ROLLED_BACK}), and ends cleanly when the engine
 * store behind the handle goes away.
 *
 * <p>When the handle detaches its engine store (the engine left, or the store was closed or
 * deleted), the transaction is {@linkplain #orphan() orphaned}: the engine's transaction is rolled
 * back, so nothing of it is applied, and every later operation, commit included, fails with
 * ENGINE_UNAVAILABLE (engine gone) or STORE_CLOSED (store closed). So does an operation that was
 * already under way: the engine's transaction answers it STORE_CLOSED or, being rolled back,
 * TX_NOT_ACTIVE, and both are reported as the orphaning. Thread-safe: the engine's transaction is,
 * and the flags here are atomic.
 */
final class HandleTransaction implements Transaction, RangeQueryable {

    private final StoreHandle handle;
    private final Transaction inner;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean orphaned;
    /** Set when orphaned: whether the engine left (else the store was closed or deleted). */
    private volatile boolean engineLeft;

    HandleTransaction(StoreHandle handle, Transaction inner) {
        this.handle = handle;
        this.inner = inner;
    }

    /**
     * The engine store goes away: roll back and refuse every further operation. Called under the
     * multistore's lock, so it fires nothing itself.
     *
     * @return true if this ended the transaction, so that its rollback is to be reported
     */
    boolean orphan() {
        engineLeft = handle.engineGone();
        orphaned = true;
        inner.close();
        return ended.compareAndSet(false, true);
    }

    private <T> T call(Function<Transaction, T> operation) {
        if (orphaned) {
            throw orphanedError();
        }
        try {
            return operation.apply(inner);
        } catch (StorageException e) {
            if (orphaned && (e.code() == ErrorCode.STORE_CLOSED || e.code() == ErrorCode.TX_NOT_ACTIVE)) {
                throw orphanedError();
            }
            throw e;
        }
    }

    private StorageException orphanedError() {
        if (engineLeft) {
            return new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "transaction on store " + inner.name()
                    + " ended because its engine " + handle.engineName() + " left; nothing of it was applied");
        }
        return new StorageException(ErrorCode.STORE_CLOSED, "transaction on store " + inner.name()
                + " ended because the store was closed or deleted; nothing of it was applied");
    }

    /** Reports the end once, however many paths lead to it. */
    private void end(StorageEvent.Type how) {
        if (ended.compareAndSet(false, true)) {
            handle.ended(this, how);
        }
    }

    @Override
    public void commit() {
        try {
            call(tx -> {
                tx.commit();
                return null;
            });
        } catch (StorageException e) {
            if (!inner.isActive() && e.code() != ErrorCode.TX_NOT_ACTIVE) {
                end(StorageEvent.Type.TX_ROLLED_BACK);
            }
            throw e;
        }
        end(StorageEvent.Type.TX_COMMITTED);
    }

    @Override
    public void rollback() {
        call(tx -> {
            tx.rollback();
            return null;
        });
        end(StorageEvent.Type.TX_ROLLED_BACK);
    }

    @Override
    public void close() {
        if (orphaned || !inner.isActive()) {
            return;
        }
        inner.close();
        end(StorageEvent.Type.TX_ROLLED_BACK);
    }

    @Override
    public boolean isActive() {
        return !orphaned && inner.isActive();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public byte[] get(byte[] key) {
        StoreHandle.requireArgument(key, "key", inner.name());
        return call(tx -> tx.get(key));
    }

    @Override
    public void set(byte[] key, byte[] value) {
        StoreHandle.requireArgument(key, "key", inner.name());
        StoreHandle.requireArgument(value, "value", inner.name());
        call(tx -> {
            tx.set(key, value);
            return null;
        });
    }

    @Override
    public void delete(byte[] key) {
        StoreHandle.requireArgument(key, "key", inner.name());
        call(tx -> {
            tx.delete(key);
            return null;
        });
    }

    @Override
    public boolean has(byte[] key) {
        StoreHandle.requireArgument(key, "key", inner.name());
        return call(tx -> tx.has(key));
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        StoreHandle.requireArgument(visitor, "visitor", inner.name());
        call(tx -> {
            tx.iterate(visitor);
            return null;
        });
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        StoreHandle.requireArgument(visitor, "visitor", inner.name());
        call(tx -> {
            ((RangeQueryable) tx).iterateRange(start, end, ascending, visitor);
            return null;
        });
    }

    @Override
    public boolean supportsRangeQueries() {
        return inner instanceof RangeQueryable;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public String path() {
        return inner.path();
    }

    @Override
    public String toString() {
        return "Transaction[" + inner.name() + (isActive() ? ", active" : ", ended") + "]";
    }
}
