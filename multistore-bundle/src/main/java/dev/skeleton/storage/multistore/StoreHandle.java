package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The one handle of a named store, which outlives the engine store behind it.
 *
 * <p>The engine's store ({@link #backing}) comes and goes: it is closed when its engine leaves, when
 * the multistore closes all stores, or when the store is deleted, and replaced by a newly opened one
 * when the engine comes back or the store is asked for again. Callers never see that: they hold
 * {@link #view()}, a proxy that implements {@link Store} plus exactly the optional interfaces of the
 * engine's store, and whose calls land here.
 *
 * <h2>Lock model</h2>
 * Operations take no lock: they read {@link #backing} once and call it. The multistore changes
 * {@link #status} and {@link #backing} under its own lock, status first, then closes the old engine
 * store. An operation that raced with that close gets STORE_CLOSED from the engine store; since
 * {@link #backing} has changed by then, it reports why instead (for example ENGINE_UNAVAILABLE).
 * Visitors and listeners therefore never run under a lock of the handle.
 */
final class StoreHandle implements Store, Transactional, Versioned, RangeQueryable {

    /** Why the handle can or cannot be used. */
    enum Status {
        /** Backed by an open engine store. */
        OPEN,
        /** Closed by its user or by closeAll; getStore reopens it. */
        CLOSED,
        /** Its engine is absent; it reopens when the engine comes back. */
        UNAVAILABLE,
        /** Deleted, or a non-persistent store whose engine left: it will not come back. */
        ENDED
    }

    private final String name;
    private final String path;
    private final String engineName;
    private final DefaultMultiStore owner;
    private final Store view;
    private final Set<HandleTransaction> transactions = ConcurrentHashMap.newKeySet();
    private volatile Store backing;
    private volatile Status status;

    StoreHandle(String name, String path, String engineName, Store opened, DefaultMultiStore owner) {
        this.name = name;
        this.path = path;
        this.engineName = engineName;
        this.owner = owner;
        this.backing = opened;
        this.status = Status.OPEN;
        this.view = proxyOf(this, opened, Store.class);
    }

    /**
     * A proxy of {@code target} that implements {@code base} plus those of {@link Transactional},
     * {@link Versioned} and {@link RangeQueryable} that {@code model} implements.
     */
    static <T> T proxyOf(Object target, Object model, Class<T> base) {
        List<Class<?>> interfaces = new ArrayList<>(List.of(base));
        for (Class<?> optional : List.of(Transactional.class, Versioned.class, RangeQueryable.class)) {
            if (optional.isInstance(model) && !(base == Transaction.class && optional != RangeQueryable.class)) {
                interfaces.add(optional);
            }
        }
        return base.cast(Proxy.newProxyInstance(StoreHandle.class.getClassLoader(),
                interfaces.toArray(Class<?>[]::new), new ForwardingHandler(target)));
    }

    /** What callers hold. */
    Store view() {
        return view;
    }

    String engineName() {
        return engineName;
    }

    Status status() {
        return status;
    }

    // ---- transitions, called by the multistore under its lock ----

    /** Backs the handle with a newly opened engine store. */
    void reopen(Store opened) {
        backing = opened;
        status = Status.OPEN;
    }

    /**
     * Detaches the engine store and closes it: its data is flushed, its open transactions end.
     *
     * @param next   why the handle can no longer be used
     * @param events receives the rollbacks of the transactions that ended, to be fired later
     */
    void detach(Status next, List<StorageEvent> events) {
        Store old = backing;
        status = next;
        backing = null;
        for (HandleTransaction tx : transactions) {
            if (tx.orphan()) {
                events.add(Listeners.event(StorageEvent.Type.TX_ROLLED_BACK, name, engineName, 0));
            }
        }
        transactions.clear();
        if (old != null) {
            old.close();
        }
    }

    // ---- operations ----

    /** Calls the engine store, or explains why there is none. */
    private <T> T call(Function<Store, T> operation) {
        Store store = backing;
        if (store == null) {
            throw unusable();
        }
        try {
            return operation.apply(store);
        } catch (StorageException e) {
            if (e.code() == ErrorCode.STORE_CLOSED && backing != store) {
                throw unusable();
            }
            throw e;
        }
    }

    /** The error for an operation on a handle without engine store. */
    StorageException unusable() {
        if (engineGone()) {
            return new StorageException(ErrorCode.ENGINE_UNAVAILABLE,
                    "store " + name + " is unavailable: its engine " + engineName + " is not present");
        }
        if (status == Status.ENDED) {
            return new StorageException(ErrorCode.STORE_NOT_FOUND, "store " + name
                    + " no longer exists (deleted, or its non-persistent engine left)");
        }
        return new StorageException(ErrorCode.STORE_CLOSED,
                "store " + name + " is closed; MultiStore.getStore reopens it");
    }

    /** Whether the handle cannot be used because its engine is absent. */
    boolean engineGone() {
        Status now = status;
        return now == Status.UNAVAILABLE || now == Status.ENDED && !owner.hasEngine(engineName);
    }

    @Override
    public byte[] get(byte[] key) {
        return call(s -> s.get(key));
    }

    @Override
    public void set(byte[] key, byte[] value) {
        call(s -> {
            s.set(key, value);
            return null;
        });
    }

    @Override
    public void delete(byte[] key) {
        call(s -> {
            s.delete(key);
            return null;
        });
    }

    @Override
    public boolean has(byte[] key) {
        return call(s -> s.has(key));
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        call(s -> {
            s.iterate(visitor);
            return null;
        });
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        call(s -> {
            ((RangeQueryable) s).iterateRange(start, end, ascending, visitor);
            return null;
        });
    }

    @Override
    public boolean supportsRangeQueries() {
        return view instanceof RangeQueryable;
    }

    @Override
    public Transaction beginTx() {
        return track(call(s -> ((Transactional) s).beginTx()));
    }

    @Override
    public Transaction beginReadOnlyTx() {
        return track(call(s -> ((Transactional) s).beginReadOnlyTx()));
    }

    private Transaction track(Transaction engineTx) {
        HandleTransaction tx = new HandleTransaction(this, engineTx);
        transactions.add(tx);
        return proxyOf(tx, engineTx, Transaction.class);
    }

    /** A transaction ended: forget it, and tell the listeners how. */
    void ended(HandleTransaction tx, StorageEvent.Type how) {
        transactions.remove(tx);
        owner.fire(Listeners.event(how, name, engineName, 0));
    }

    @Override
    public boolean supportsTransactions() {
        return view instanceof Transactional;
    }

    @Override
    public VersionInfo saveVersion() {
        VersionInfo saved = call(s -> ((Versioned) s).saveVersion());
        owner.fire(Listeners.event(StorageEvent.Type.VERSION_SAVED, name, engineName, saved.version()));
        return saved;
    }

    @Override
    public void loadVersion(long version) {
        call(s -> {
            ((Versioned) s).loadVersion(version);
            return null;
        });
        owner.fire(Listeners.event(StorageEvent.Type.VERSION_LOADED, name, engineName, version));
    }

    @Override
    public long[] listVersions() {
        return call(s -> ((Versioned) s).listVersions());
    }

    @Override
    public long currentVersion() {
        return call(s -> ((Versioned) s).currentVersion());
    }

    @Override
    public boolean supportsVersioning() {
        return view instanceof Versioned;
    }

    /** Closes the store for every holder of the handle; {@code getStore} reopens it. */
    @Override
    public void close() {
        owner.closeHandle(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return "Store[" + name + ", engine " + engineName + ", " + status + "]";
    }
}
