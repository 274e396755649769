package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.multistore.metrics.Operation;
import dev.skeleton.storage.multistore.metrics.ThreadTally;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A transaction begun through a {@link StoreHandle}: forwards to the engine's transaction, its
 * optional interfaces included (the proxy that callers hold shows those the engine's transaction
 * has), reports how it ended ({@code TX_COMMITTED}, {@code TX_ROLLED_BACK}), and ends cleanly when
 * the engine store behind the handle goes away.
 *
 * <p>When the handle detaches its engine store (the engine left, or the store was closed or
 * deleted), the transaction is {@linkplain #orphan() orphaned} under the multistore's lock and its
 * engine transaction is {@linkplain #closeOrphaned() rolled back} right after, outside that lock:
 * nothing of it is applied, and every later operation, commit included, fails with
 * ENGINE_UNAVAILABLE (engine gone) or STORE_CLOSED (store closed). So does an operation that was
 * already under way: the engine's transaction answers it STORE_CLOSED or, being rolled back,
 * TX_NOT_ACTIVE, and both are reported as the orphaning. An engine that fails with anything but a
 * StorageException is reported as IO naming the store, the engine and the operation (see
 * {@link EngineFailures}); what the caller's own visitor threw comes back unchanged. Thread-safe:
 * the engine's transaction is, and the flags here are atomic.
 */
final class HandleTransaction implements Transaction, RangeQueryable, ContentHashReader {

    private final StoreHandle handle;
    private final Transaction inner;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean orphaned;
    /** Set when orphaned: whether the engine left (else the store was closed or deleted). */
    private volatile boolean engineLeft;
    /** Set when orphaned by a move: the engine the store moved to. */
    private volatile String movedTo;
    /** Copies of the keys written, for a move of the store that may run when this commits. */
    private final Queue<byte[]> written = new ConcurrentLinkedQueue<>();
    /** Bytes of keys and values written, counted for the store's metrics once committed. */
    private final AtomicLong bytesWritten = new AtomicLong();

    HandleTransaction(StoreHandle handle, Transaction inner) {
        this.handle = handle;
        this.inner = inner;
    }

    /**
     * The engine store goes away: refuse every further operation. Called under the multistore's
     * lock, so it fires nothing and makes no engine call itself; {@link #closeOrphaned()} follows.
     *
     * @return true if this ended the transaction, so that its rollback is to be reported
     */
    boolean orphan() {
        engineLeft = handle.engineGone();
        orphaned = true;
        return ended.compareAndSet(false, true);
    }

    /**
     * The store moved to another engine: as {@link #orphan()}, but reported as the move.
     *
     * @return true if this ended the transaction
     */
    boolean orphanByMove(String engine) {
        movedTo = engine;
        orphaned = true;
        return ended.compareAndSet(false, true);
    }

    /** Rolls the engine's transaction back; called outside the multistore's lock after {@link #orphan()}. */
    void closeOrphaned() {
        try {
            inner.close();
        } catch (RuntimeException e) {
            throw EngineFailures.wrap(e, handle.name(), handle.engineName(), "rollback");
        }
    }

    private <T> T call(String operation, Function<Transaction, T> work) {
        if (orphaned) {
            throw orphanedError();
        }
        try {
            return work.apply(inner);
        } catch (StorageException e) {
            if (orphaned && (e.code() == ErrorCode.STORE_CLOSED || e.code() == ErrorCode.TX_NOT_ACTIVE)) {
                throw orphanedError();
            }
            throw e;
        } catch (RuntimeException e) {
            throw EngineFailures.wrap(e, handle.name(), handle.engineName(), operation);
        }
    }

    private StorageException orphanedError() {
        if (movedTo != null) {
            return new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "transaction on store " + handle.name()
                    + " ended because the store moved to engine " + movedTo + "; nothing of it was applied; begin it again");
        }
        if (engineLeft) {
            return new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "transaction on store " + handle.name()
                    + " ended because its engine " + handle.engineName() + " left; nothing of it was applied");
        }
        return new StorageException(ErrorCode.STORE_CLOSED, "transaction on store " + handle.name()
                + " ended because the store was closed or deleted; nothing of it was applied");
    }

    /** Reports the end once, however many paths lead to it, and counts it. */
    private void end(StorageEvent.Type how) {
        if (ended.compareAndSet(false, true)) {
            ThreadTally tally = handle.meter().tally();
            if (tally != null) {
                boolean committed = how == StorageEvent.Type.TX_COMMITTED;
                tally.count(committed ? Operation.COMMIT : Operation.ROLLBACK);
                if (committed) {
                    tally.bytesWritten(bytesWritten.get());
                }
            }
            handle.ended(this, how);
        }
    }

    /** Counts the bytes an iteration of this transaction handed to the caller. */
    private void visited(CallerVisitor guarded) {
        ThreadTally tally = handle.meter().tally();
        if (tally != null) {
            tally.bytesRead(guarded.bytesVisited());
        }
    }

    /** Counts a call that threw. */
    private void failed(StorageException failure) {
        ThreadTally tally = handle.meter().tally();
        if (tally != null) {
            tally.count(Operation.FAILED);
            if (failure.code() == ErrorCode.TX_CONFLICT) {
                tally.count(Operation.CONFLICT);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The commit is a write of the store: it passes the handle's gate and reports its keys to a
     * move that runs; its event is fired after it left the gate.
     */
    @Override
    public void commit() {
        WriteGate gate = handle.gate();
        StorageException failure = null;
        long started = System.nanoTime();
        gate.enter();
        try {
            call("commit", tx -> {
                tx.commit();
                return null;
            });
        } catch (StorageException e) {
            failure = e;
        } finally {
            handle.written(written);
            gate.exit();
        }
        handle.meter().commitTook(System.nanoTime() - started);
        if (failure != null) {
            failed(failure);
            if (!innerActiveQuietly() && failure.code() != ErrorCode.TX_NOT_ACTIVE) {
                end(StorageEvent.Type.TX_ROLLED_BACK);
            }
            throw failure;
        }
        end(StorageEvent.Type.TX_COMMITTED);
    }

    @Override
    public void rollback() {
        call("rollback", tx -> {
            tx.rollback();
            return null;
        });
        end(StorageEvent.Type.TX_ROLLED_BACK);
    }

    @Override
    public void close() {
        if (orphaned || !innerActive()) {
            return;
        }
        call("close", tx -> {
            tx.close();
            return null;
        });
        end(StorageEvent.Type.TX_ROLLED_BACK);
    }

    @Override
    public boolean isActive() {
        return !orphaned && innerActive();
    }

    /** The engine transaction's own answer, any failure of it reported as a StorageException. */
    private boolean innerActive() {
        try {
            return inner.isActive();
        } catch (RuntimeException e) {
            throw EngineFailures.wrap(e, handle.name(), handle.engineName(), "isActive");
        }
    }

    /** As {@link #innerActive()}, but an engine that cannot answer counts as ended: the failure at hand is reported. */
    private boolean innerActiveQuietly() {
        try {
            return inner.isActive();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public boolean isReadOnly() {
        try {
            return inner.isReadOnly();
        } catch (RuntimeException e) {
            throw EngineFailures.wrap(e, handle.name(), handle.engineName(), "isReadOnly");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        StoreHandle.requireArgument(key, "key", handle.name());
        byte[] value = call("get", tx -> tx.get(key));
        ThreadTally tally = handle.meter().tally();
        if (tally != null && value != null) {
            tally.bytesRead(value.length);
        }
        return value;
    }

    @Override
    public void set(byte[] key, byte[] value) {
        StoreHandle.requireArgument(key, "key", handle.name());
        StoreHandle.requireArgument(value, "value", handle.name());
        call("set", tx -> {
            tx.set(key, value);
            return null;
        });
        written.add(key.clone());
        bytesWritten.addAndGet(key.length + value.length);
    }

    @Override
    public void delete(byte[] key) {
        StoreHandle.requireArgument(key, "key", handle.name());
        call("delete", tx -> {
            tx.delete(key);
            return null;
        });
        written.add(key.clone());
        bytesWritten.addAndGet(key.length);
    }

    @Override
    public boolean has(byte[] key) {
        StoreHandle.requireArgument(key, "key", handle.name());
        return call("has", tx -> tx.has(key));
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        StoreHandle.requireArgument(visitor, "visitor", handle.name());
        CallerVisitor guarded = new CallerVisitor(visitor);
        try {
            call("iterate", tx -> {
                tx.iterate(guarded);
                return null;
            });
        } catch (StorageException e) {
            throw guarded.callersOwn(e);
        }
        visited(guarded);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        StoreHandle.requireArgument(visitor, "visitor", handle.name());
        CallerVisitor guarded = new CallerVisitor(visitor);
        try {
            call("iterateRange", tx -> {
                ((RangeQueryable) tx).iterateRange(start, end, ascending, guarded);
                return null;
            });
        } catch (StorageException e) {
            throw guarded.callersOwn(e);
        }
        visited(guarded);
    }

    @Override
    public boolean supportsRangeQueries() {
        return inner instanceof RangeQueryable;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The engine's transaction's answer. Reached only through a proxy that shows
     * {@link ContentHashReader}, which it does only where the engine's transaction is one
     * (see {@link StoreHandle#proxyOf}).
     */
    @Override
    public byte[] contentHash() {
        return call("contentHash", tx -> ((ContentHashReader) tx).contentHash());
    }

    @Override
    public String name() {
        return handle.name();
    }

    @Override
    public String path() {
        return handle.path();
    }

    @Override
    public String toString() {
        return "Transaction[" + handle.name() + ", engine " + handle.engineName() + (orphaned || ended.get() ? ", ended" : ", active") + "]";
    }
}
