package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.multistore.metrics.Operation;
import dev.skeleton.storage.multistore.metrics.StoreMeter;
import dev.skeleton.storage.multistore.metrics.ThreadTally;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
 * {@link #status} and {@link #backing} under its own lock ({@link #detach}, {@link #reopen}), status
 * first, and closes the old engine store afterwards, outside its lock. An operation that raced with
 * that close gets STORE_CLOSED from the engine store; since {@link #backing} has changed by then, it
 * reports why the store was detached instead (for example ENGINE_UNAVAILABLE), even if the engine
 * has come back meanwhile. An operation that finds no engine store while the multistore is
 * reopening or closing it (its name is {@linkplain Reservation reserved}) waits for that to end, at
 * most the multistore's settle time, and then uses the new engine store or reports why there is
 * none. A transaction begun on an engine store that was detached while it began is rolled back and
 * refused the same way, so that no transaction escapes being ended with its store. Visitors and
 * listeners therefore never run under a lock of the handle.
 *
 * <h2>Moves</h2>
 * Every write ({@code set}, {@code delete}, a transaction's commit, {@code loadVersion}) passes the
 * handle's {@link WriteGate}, and while the store is being moved records the keys it wrote in the
 * move's {@link MoveTracker}. The move holds the gate for its last round and then
 * {@linkplain #switchTo switches} the handle to the new engine's store. A read that was under way
 * on the old store and failed with STORE_CLOSED because the move closed it is run again on the new
 * one.
 *
 * <h2>Metrics</h2>
 * The handle owns its {@link StoreMeter}: every operation that returns is counted by kind on the
 * calling thread's tally, and every call that throws is counted as failed, whichever engine store
 * was behind the handle at the time. The counts therefore survive engines leaving and coming back
 * and moves; a store deleted and made again has a new handle and starts from zero.
 *
 * <h2>Errors</h2>
 * Every failure reaches the caller as a {@link StorageException}: an engine that throws anything
 * else is reported as IO naming the store, the engine and the operation, the original kept as the
 * cause (see {@link EngineFailures}); only what the caller's own visitor threw comes back unchanged.
 */
final class StoreHandle implements Store, Transactional, Versioned, RangeQueryable, VersionReader {

    /** Why the handle can or cannot be used. */
    enum Status {
        /** Backed by an open engine store. */
        OPEN,
        /**
         * Closed by its user or by closeAll; getStore reopens it (a store of a non-persistent engine
         * ended with the close, so getStore then finds no such store).
         */
        CLOSED,
        /** Its engine is absent; it reopens when the engine comes back. */
        UNAVAILABLE,
        /** Deleted, or a non-persistent store whose engine left: it will not come back. */
        ENDED
    }

    private final String name;
    private final String path;
    /** Changes only when the store is moved, under the multistore's lock while writers are held. */
    private volatile String engineName;
    private final DefaultMultiStore owner;
    private final Store view;
    private final Set<HandleTransaction> transactions = ConcurrentHashMap.newKeySet();
    private volatile Store backing;
    private volatile Status status;
    /** Why the last engine store was detached; explains the failure of operations that raced with it. */
    private volatile Status detachedAs;
    private final WriteGate gate = new WriteGate();
    /** The keys written while a move runs; null when none runs. */
    private volatile MoveTracker tracker;
    /** The engine store of before the last move: a read that fails on it runs again. */
    private volatile Store retired;
    private final StoreMeter meter;

    StoreHandle(String name, String path, String engineName, Store opened, DefaultMultiStore owner,
            StoreMeter meter) {
        this.name = name;
        this.meter = meter;
        this.path = path;
        this.engineName = engineName;
        this.owner = owner;
        this.backing = opened;
        this.status = Status.OPEN;
        this.view = proxyOf(this, opened, Store.class);
    }

    /** The optional interfaces a store's proxy shows where the engine's store has them. */
    private static final List<Class<?>> STORE_CAPABILITIES = List.of(Transactional.class, Versioned.class,
            RangeQueryable.class, VersionReader.class);
    /** The optional interfaces a transaction's proxy shows where the engine's transaction has them. */
    private static final List<Class<?>> TRANSACTION_CAPABILITIES = List.of(RangeQueryable.class,
            ContentHashReader.class);

    /**
     * A proxy of {@code target} that implements {@code base} plus the optional interfaces of its
     * kind that {@code model} implements: for a store, {@link Transactional}, {@link Versioned},
     * {@link RangeQueryable} and {@link VersionReader}; for a transaction, {@link RangeQueryable}
     * and {@link ContentHashReader}.
     */
    static <T> T proxyOf(Object target, Object model, Class<T> base) {
        List<Class<?>> interfaces = new ArrayList<>(List.of(base));
        for (Class<?> optional : base == Transaction.class ? TRANSACTION_CAPABILITIES : STORE_CAPABILITIES) {
            if (optional.isInstance(model)) {
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

    /** What this handle counted. */
    StoreMeter meter() {
        return meter;
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
     * Detaches the engine store: from now on operations find none, and its open transactions are
     * ended. Makes no engine call: the caller closes what is returned once it has released its
     * lock.
     *
     * @param next   why the handle can no longer be used
     * @param events receives the rollbacks of the transactions that ended, to be fired later
     * @return the engine store and the transactions to close
     */
    Detached detach(Status next, List<StorageEvent> events) {
        Store old = backing;
        status = next;
        detachedAs = next;
        backing = null;
        List<HandleTransaction> orphans = new ArrayList<>(transactions);
        transactions.clear();
        for (HandleTransaction tx : orphans) {
            if (tx.orphan()) {
                events.add(Listeners.event(StorageEvent.Type.TX_ROLLED_BACK, name, engineName, 0));
            }
        }
        return new Detached(name, engineName, old, orphans);
    }

    /**
     * The move takes the old engine store from the handle: called under the multistore's lock
     * while the handle's writers are held and the name is reserved. The open transactions of the
     * old store end as if its engine had left (their rollbacks reported through {@code events});
     * the old store and those transactions are returned, to be closed by the caller. The move then
     * installs the new engine's store with {@link #reopen}.
     */
    Detached switchTo(String targetEngine, List<StorageEvent> events) {
        Store old = backing;
        String oldEngine = engineName;
        retired = old;
        List<HandleTransaction> orphans = new ArrayList<>(transactions);
        transactions.clear();
        for (HandleTransaction tx : orphans) {
            if (tx.orphanByMove(targetEngine)) {
                events.add(Listeners.event(StorageEvent.Type.TX_ROLLED_BACK, name, oldEngine, 0));
            }
        }
        // Until the move installs the new store (reopen), operations wait for the move's reservation.
        backing = null;
        engineName = targetEngine;
        return new Detached(name, oldEngine, old, orphans);
    }

    /** A move that failed before its point of no return puts the old store back. */
    void switchBack(Store old, String oldEngine) {
        engineName = oldEngine;
        backing = old;
        status = Status.OPEN;
    }

    /** The gate every write of this store passes. */
    WriteGate gate() {
        return gate;
    }

    /** Starts or (with null) stops recording the keys written, for a move. */
    void track(MoveTracker moveTracker) {
        tracker = moveTracker;
    }

    /** Records keys a committed transaction wrote, if a move runs; called inside the gate. */
    void written(Collection<byte[]> keys) {
        MoveTracker now = tracker;
        if (now != null) {
            now.touchedAll(keys);
        }
    }

    /** The engine store now, or null; for the multistore, which hands it to waiting operations. */
    Store backing() {
        return backing;
    }

    // ---- operations ----

    /**
     * Calls the engine store, or explains why there is none.
     *
     * @param operation the operation's name, for messages
     * @param work      what to do with the engine store
     */
    private <T> T call(String operation, Function<Store, T> work) {
        Store store = backing;
        if (store == null) {
            store = owner.awaitReservation(this);
            if (store == null) {
                throw unusable();
            }
        }
        try {
            return work.apply(store);
        } catch (RuntimeException e) {
            return failedOn(store, e, operation, work);
        }
    }

    /**
     * What a call that {@code store} refused comes to: run again if the store moved under it (the
     * old store refused with {@code STORE_CLOSED}), else the failure, explained.
     */
    private <T> T failedOn(Store store, RuntimeException failure, String operation, Function<Store, T> work) {
        if (failure instanceof StorageException e) {
            if (e.code() == ErrorCode.STORE_CLOSED && backing != store) {
                if (store == retired) {
                    // The store moved under this call, which the old store refused: run it again.
                    return call(operation, work);
                }
                throw unusable(detachedAs);
            }
            throw e;
        }
        throw EngineFailures.wrap(failure, name, engineName, operation);
    }

    /**
     * The error for an operation that found the handle without engine store. If the handle has been
     * reopened since, the operation failed for the reason the store was detached.
     */
    StorageException unusable() {
        Status now = status;
        return unusable(now == Status.OPEN ? detachedAs : now);
    }

    /** The error for an operation that found no engine store, or lost it, because of {@code why}. */
    private StorageException unusable(Status why) {
        if (engineGone(why)) {
            boolean back = why == Status.UNAVAILABLE && owner.hasEngine(engineName);
            return new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name + " is unavailable: its engine "
                    + engineName + (back ? " left and has not reopened it yet" : " is not present"));
        }
        if (why == Status.ENDED) {
            return new StorageException(ErrorCode.STORE_NOT_FOUND, "store " + name
                    + " no longer exists (deleted, or its non-persistent engine left)");
        }
        return new StorageException(ErrorCode.STORE_CLOSED,
                "store " + name + " is closed; MultiStore.getStore reopens it if its engine is persistent");
    }

    /** Whether the handle cannot be used because its engine is absent. */
    boolean engineGone() {
        return engineGone(status);
    }

    private boolean engineGone(Status why) {
        return why == Status.UNAVAILABLE || why == Status.ENDED && !owner.hasEngine(engineName);
    }

    /**
     * Bad input is INVALID_ARGUMENT whatever the state of the store, as in every engine: checked
     * before the handle looks for its engine store.
     */
    static void requireArgument(Object argument, String what, String store) {
        if (argument == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, what + " must not be null (store " + store + ")");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        ThreadTally tally = meter.tally();
        long started = tally == null ? 0 : tally.begin(Operation.GET);
        byte[] value;
        try {
            requireArgument(key, "key", name);
            value = getFrom(backing, key);
        } catch (RuntimeException e) {
            failed(tally);
            throw e;
        }
        if (tally != null) {
            tally.read(Operation.GET, started, value == null ? 0 : value.length);
        }
        return value;
    }

    /**
     * {@code get} straight on the engine store when there is one: the hottest call of all, kept
     * off {@link #call}'s lambda, whose call site every operation shares (the compiler did not
     * always inline it, and then reached the store through that shared site). Failures and a
     * missing store go the way {@link #call} takes them.
     */
    private byte[] getFrom(Store store, byte[] key) {
        if (store == null) {
            return call(Operation.GET.statsName(), s -> s.get(key));
        }
        try {
            return store.get(key);
        } catch (RuntimeException e) {
            return failedOn(store, e, Operation.GET.statsName(), s -> s.get(key));
        }
    }

    @Override
    public void set(byte[] key, byte[] value) {
        write(Operation.SET, key, value, s -> s.set(key, value));
    }

    @Override
    public void delete(byte[] key) {
        write(Operation.DELETE, key, null, s -> s.delete(key));
    }

    /**
     * A read of one key, counted on the calling thread's tally.
     *
     * @param bytes the bytes the result hands to the caller
     */
    private <T> T read(Operation operation, byte[] key, Function<Store, T> work, ToLongFunction<T> bytes) {
        ThreadTally tally = meter.tally();
        long started = tally == null ? 0 : tally.begin(operation);
        T result;
        try {
            requireArgument(key, "key", name);
            result = call(operation.statsName(), work);
        } catch (RuntimeException e) {
            failed(tally);
            throw e;
        }
        if (tally != null) {
            tally.read(operation, started, bytes.applyAsLong(result));
        }
        return result;
    }

    /**
     * A write of one key, inside the gate, recorded for a move that runs (also when it failed:
     * harmless), and counted on the calling thread's tally.
     *
     * @param value the value of a set; null for a delete
     */
    private void write(Operation operation, byte[] key, byte[] value, Consumer<Store> work) {
        ThreadTally tally = meter.tally();
        long started = tally == null ? 0 : tally.begin(operation);
        try {
            requireArgument(key, "key", name);
            if (operation == Operation.SET) {
                requireArgument(value, "value", name);
            }
            gate.enter();
            try {
                call(operation.statsName(), s -> {
                    work.accept(s);
                    return null;
                });
            } finally {
                MoveTracker now = tracker;
                if (now != null) {
                    now.touched(key);
                }
                gate.exit();
            }
        } catch (RuntimeException e) {
            failed(tally);
            throw e;
        }
        if (tally != null) {
            tally.write(operation, started, key.length + (value == null ? 0 : value.length));
        }
    }

    /** Counts a call that threw, if metrics are on. */
    private static void failed(ThreadTally tally) {
        if (tally != null) {
            tally.count(Operation.FAILED);
        }
    }

    /** Counts an operation that returned, if metrics are on. */
    void counted(Operation operation) {
        ThreadTally tally = meter.tally();
        if (tally != null) {
            tally.count(operation);
        }
    }

    /**
     * Runs an operation counted as {@code operation} when it returns and as failed when it throws.
     *
     * @param method the API method's name, for messages
     */
    private <T> T counted(Operation operation, String method, Function<Store, T> work) {
        T result;
        try {
            result = call(method, work);
        } catch (RuntimeException e) {
            failed(meter.tally());
            throw e;
        }
        counted(operation);
        return result;
    }

    @Override
    public boolean has(byte[] key) {
        return read(Operation.HAS, key, s -> s.has(key), found -> 0);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        iterate(visitor, "iterate", (s, guarded) -> s.iterate(guarded));
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        iterate(visitor, "iterateRange",
                (s, guarded) -> ((RangeQueryable) s).iterateRange(start, end, ascending, guarded));
    }

    /**
     * An iteration with the caller's visitor guarded (its own exceptions come back unchanged),
     * counted as one {@code iterate} with the bytes it visited.
     */
    private void iterate(KeyValueVisitor visitor, String operation, BiConsumer<Store, CallerVisitor> work) {
        ThreadTally tally = meter.tally();
        CallerVisitor guarded = new CallerVisitor(visitor);
        try {
            requireArgument(visitor, "visitor", name);
            call(operation, s -> {
                work.accept(s, guarded);
                return null;
            });
        } catch (StorageException e) {
            failed(tally);
            throw guarded.callersOwn(e);
        } catch (RuntimeException e) {
            failed(tally);
            throw e;
        }
        if (tally != null) {
            tally.count(Operation.ITERATE);
            tally.bytesRead(guarded.bytesVisited());
        }
    }

    @Override
    public boolean supportsRangeQueries() {
        return view instanceof RangeQueryable;
    }

    @Override
    public Transaction beginTx() {
        return counted(Operation.BEGIN, "beginTx", s -> track(s, ((Transactional) s).beginTx()));
    }

    @Override
    public Transaction beginReadOnlyTx() {
        return counted(Operation.BEGIN, "beginReadOnlyTx", s -> track(s, ((Transactional) s).beginReadOnlyTx()));
    }

    /**
     * Wraps a transaction begun on {@code store}. If the store was detached meanwhile, the detach may
     * have missed the transaction: it is rolled back here and refused as if the store had been
     * closed under the call, which {@link #call} then explains.
     */
    private Transaction track(Store store, Transaction engineTx) {
        HandleTransaction tx = new HandleTransaction(this, engineTx);
        transactions.add(tx);
        if (backing != store) {
            transactions.remove(tx);
            engineTx.close();
            throw new StorageException(ErrorCode.STORE_CLOSED, "store " + name + " was closed while a transaction began");
        }
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
        VersionInfo saved = counted(Operation.SAVE_VERSION, "saveVersion", s -> ((Versioned) s).saveVersion());
        owner.fire(Listeners.event(StorageEvent.Type.VERSION_SAVED, name, engineName, saved.version()));
        return saved;
    }

    @Override
    public void loadVersion(long version) {
        gate.enter();
        try {
            counted(Operation.LOAD_VERSION, "loadVersion", s -> {
                ((Versioned) s).loadVersion(version);
                return null;
            });
        } finally {
            MoveTracker now = tracker;
            if (now != null) {
                now.spoil("version " + version + " was loaded");
            }
            gate.exit();
        }
        owner.fire(Listeners.event(StorageEvent.Type.VERSION_LOADED, name, engineName, version));
    }

    @Override
    public long[] listVersions() {
        return call("listVersions", s -> ((Versioned) s).listVersions());
    }

    @Override
    public long currentVersion() {
        return call("currentVersion", s -> ((Versioned) s).currentVersion());
    }

    @Override
    public Transaction readVersion(long version) {
        return counted(Operation.BEGIN, "readVersion", s -> track(s, ((VersionReader) s).readVersion(version)));
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
