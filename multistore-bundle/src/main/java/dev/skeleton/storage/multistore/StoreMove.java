package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One move of a store to another engine while it is in use (see
 * {@link dev.skeleton.storage.MultiStore#moveStore}).
 *
 * <h2>Steps</h2>
 * <ol>
 *   <li>An {@link Intent} goes to disk; the new store is made on the new engine, at a staging path
 *       under {@code rootPath/.transfers} if that engine keeps files, else at the store's path.</li>
 *   <li>The handle starts recording the keys written ({@link MoveTracker}); once every write that
 *       began before has ended ({@link WriteGate#drain}), a read-only transaction of the old store
 *       is the snapshot that is copied, in batches, while writers go on. The copy's content hash
 *       (told by its engine where it can, else read back from every entry) must equal the
 *       snapshot's.</li>
 *   <li>Rounds carry over the keys written meanwhile (each read again from the old store) until a
 *       round is small; then writers are held ({@link WriteGate#pause}) for the last round and the
 *       switch: the old store is taken from the handle and closed, its directory renamed aside,
 *       the new one renamed into place, the catalog written (the point of no return), the new
 *       store opened at its path and given to the handle. Writers go on, on the new engine: that
 *       is the pause they see.</li>
 *   <li>The old copy (reopened from where it was renamed to, or still open if its engine keeps no
 *       files) and the new store as it was at the switch are hashed, each told by its engine where
 *       the engine can ({@link ContentHashes#ofStore}); if equal, the old copy is destroyed and the
 *       intent removed.</li>
 * </ol>
 * A failure before the point of no return puts everything back: the old store on the handle,
 * its directory in place, the new store destroyed. After a crash, {@link DefaultMultiStore} does
 * the same from the intent and the catalog when it opens the root.
 */
final class StoreMove {

    private static final System.Logger LOG = System.getLogger(StoreMove.class.getName());
    /** A round of catch-up this small is the last one before writers are held. */
    static final int LAST_ROUND_KEYS = 2_000;
    static final int MAX_ROUNDS = 8;

    private final DefaultMultiStore stores;
    private final String name;
    private final String toName;
    private final TransferListener listener;
    private final long started = System.nanoTime();
    private DefaultMultiStore.MoveStart move;
    private boolean toPersistent;
    private boolean fromPersistent;
    private Path targetPath;
    private Store target;
    private Transaction snapshot;
    private MoveTracker tracker;
    private ProgressMeter meter;
    private long longestPause;
    /** Whether the catalog records the new engine: from then on the new store is the store. */
    private boolean committed;
    /** The new store as it was at the switch, for the last check. */
    private Transaction atSwitch;

    StoreMove(DefaultMultiStore stores, String name, String toName, TransferListener listener) {
        this.stores = stores;
        this.name = name;
        this.toName = toName;
        this.listener = listener;
    }

    TransferReport run() {
        StoreNames.check(name);
        if (toName == null || toName.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "the engine to move store " + name + " to must be named");
        }
        if (listener == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "move listener must not be null; use TransferListener.NONE");
        }
        stores.getStore(name);
        move = stores.beginMove(name, toName);
        try {
            return moveStarted();
        } finally {
            stores.endMove(name);
        }
    }

    private TransferReport moveStarted() {
        StoreHandle handle = move.handle();
        if (!(handle.view() instanceof Transactional)) {
            throw new StorageException(ErrorCode.UNSUPPORTED, "store " + name + " cannot be moved: its engine "
                    + move.entry().engine() + " has no read-only transactions to copy a snapshot from");
        }
        fromPersistent = EngineFailures.call(name, move.entry().engine(), "capabilities",
                () -> move.from().capabilities().persistence());
        toPersistent = EngineFailures.call(name, toName, "capabilities", () -> move.to().capabilities().persistence());
        Config own = ownConfig();
        stores.intents().write(new Intent(name, Intent.Kind.MOVE, move.entry().engine(), fromPersistent, toName, toPersistent));
        try {
            makeTarget(own);
            copyWhileWritersGoOn();
            Store oldStore = switchOver(own);
            return verifyAndRetire(oldStore);
        } finally {
            handle.track(null);
            closeQuietly(snapshot);
            closeQuietly(atSwitch);
            if (!committed) {
                destroyTarget();
            }
        }
    }

    /** The new store keeps what applies to every engine of its old configuration: the versions kept. */
    private Config ownConfig() {
        Map<String, Object> old = move.entry().config().asMap();
        return old.containsKey("max_versions") ? Config.of(Map.of("max_versions", old.get("max_versions"))) : Config.empty();
    }

    private void makeTarget(Config own) {
        targetPath = toPersistent ? stores.intents().staging(name) : Path.of(stores.storePath(name));
        try {
            Files.createDirectories(targetPath.getParent());
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot make " + targetPath.getParent() + " to move store " + name
                    + ": " + e.getMessage(), e);
        }
        Config merged = stores.engineDefaults(toName).merge(own);
        target = EngineFailures.call(name, toName, "create", () -> move.to().create(name, targetPath.toString(), merged));
        for (Class<?> optional : List.of(Transactional.class, Versioned.class, RangeQueryable.class, VersionReader.class)) {
            if (optional.isInstance(move.handle().view()) && !optional.isInstance(target)) {
                throw new StorageException(ErrorCode.UNSUPPORTED, "store " + name + " cannot be moved to engine " + toName
                        + ": its stores are not " + optional.getSimpleName() + ", which the store's handle is");
            }
        }
    }

    /** Copies a snapshot, checks the copy, then carries over rounds of keys written meanwhile. */
    private void copyWhileWritersGoOn() {
        StoreHandle handle = move.handle();
        tracker = new MoveTracker();
        handle.track(tracker);
        if (!handle.gate().drain(stores.settleTime())) {
            throw new StorageException(ErrorCode.IO, "writes to store " + name + " did not end within "
                    + stores.settleTime().toSeconds() + " s; the move stopped");
        }
        Store source = handle.backing();
        if (!(source instanceof Transactional transactional)) {
            throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name + " was closed as its move began");
        }
        snapshot = transactional.beginReadOnlyTx();
        meter = new ProgressMeter("move of store " + name + " to engine " + toName, name, -1, listener);
        byte[] copied = BatchWriter.copyAll(snapshot, target, meter);
        byte[] readBack = ContentHashes.ofStore(target, meter);
        if (!Arrays.equals(copied, readBack)) {
            throw new StorageException(ErrorCode.CORRUPTED, "the copy of store " + name + " on engine " + toName
                    + " does not read back as written (hash " + ContentHashes.hex(readBack) + ", expected "
                    + ContentHashes.hex(copied) + "); the move stopped");
        }
        closeQuietly(snapshot);
        snapshot = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<byte[]> keys = tracker.drain(handle.gate(), stores.settleTime(), name);
            checkSpoiled();
            carryOver(keys, source);
            if (keys.size() < LAST_ROUND_KEYS) {
                break;
            }
        }
        meter.report();
    }

    /** Writes the old store's present value of each key (or its absence) to the new store. */
    private void carryOver(List<byte[]> keys, Store source) {
        try (BatchWriter writer = new BatchWriter(target)) {
            for (byte[] key : keys) {
                byte[] value = presentValue(source, key);
                if (value == null) {
                    writer.delete(key);
                } else {
                    writer.set(key, value);
                }
                meter.checkStopEvery();
            }
            writer.flush();
        }
    }

    private static byte[] presentValue(Store source, byte[] key) {
        try {
            return source.get(key);
        } catch (StorageException e) {
            if (e.code() == ErrorCode.KEY_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private void checkSpoiled() {
        String why = tracker.spoiledBy();
        if (why != null) {
            throw new StorageException(ErrorCode.TX_CONFLICT, "store " + name + " changed as a whole while it was being moved ("
                    + why + "); the move stopped and the store stays on engine " + move.entry().engine() + "; try again");
        }
    }

    /**
     * Holds writers for the last round and switches the handle to the new store.
     *
     * @return the old engine store if its engine keeps no files (still open, for the check); else null
     */
    private Store switchOver(Config own) {
        StoreHandle handle = move.handle();
        WriteGate gate = handle.gate();
        long pauseStart = System.nanoTime();
        if (!gate.pause(stores.settleTime())) {
            meter.checkStop();
            throw new StorageException(ErrorCode.IO, "writes to store " + name + " did not end within "
                    + stores.settleTime().toSeconds() + " s; the move stopped");
        }
        List<StorageEvent> events = new ArrayList<>();
        DefaultMultiStore.SwitchHold hold = null;
        try {
            checkSpoiled();
            carryOver(tracker.drainPaused(), handle.backing());
            hold = stores.holdForSwitch(move, events);
            return switchHeld(own, hold, events);
        } finally {
            gate.resume();
            longestPause = System.nanoTime() - pauseStart;
            if (hold != null) {
                stores.releaseSwitch(hold, events);
            }
        }
    }

    /** Writers held and the name reserved: the old store out, the new one in, the catalog written. */
    private Store switchHeld(Config own, DefaultMultiStore.SwitchHold hold, List<StorageEvent> events) {
        Store old = hold.old().store();
        Path home = Path.of(stores.storePath(name));
        try {
            hold.old().closeTransactions();
            if (toPersistent) {
                EngineFailures.call(name, toName, "close", () -> {
                    target.close();
                    return null;
                });
            }
            if (fromPersistent) {
                hold.old().close();
            }
            renameIntoPlace(home);
            stores.commitMove(move, own, toPersistent);
            committed = true;
        } catch (RuntimeException e) {
            putBack(home, old, events, e);
            throw e;
        }
        try {
            target = toPersistent ? EngineFailures.call(name, toName, "open", () -> move.to().open(name, home.toString()))
                    : target;
        } catch (RuntimeException e) {
            // The catalog names the new engine and the store is in place: getStore opens it again.
            stores.finishSwitch(move, null, toName, events);
            throw e;
        }
        stores.finishSwitch(move, target, toName, events);
        // Writers are still held: this is the new store exactly as the switch left it.
        atSwitch = ((Transactional) target).beginReadOnlyTx();
        return fromPersistent ? null : old;
    }

    /** The old directory aside, the new one in place. */
    private void renameIntoPlace(Path home) {
        try {
            if (Files.exists(home)) {
                stores.intents().move(home, stores.intents().retired(name));
            }
            if (toPersistent) {
                stores.intents().move(targetPath, home);
                targetPath = home;
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot put the moved store " + name + " in place at " + home
                    + ": " + e.getMessage(), e);
        }
    }

    /** Before the point of no return: the old store goes back in place and on the handle. */
    private void putBack(Path home, Store old, List<StorageEvent> events, RuntimeException failure) {
        Store back = null;
        try {
            if (toPersistent && targetPath.equals(home)) {
                stores.intents().move(home, stores.intents().staging(name));
                targetPath = stores.intents().staging(name);
            }
            stores.intents().undoMove(name, home, fromPersistent);
            back = fromPersistent ? move.from().open(name, home.toString()) : old;
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        String fromName = move.entry().engine();
        stores.finishSwitch(move, back, fromName, events);
    }

    /** Compares the old copy with the new store as of the switch; destroys the old copy if equal. */
    private TransferReport verifyAndRetire(Store oldStillOpen) {
        Path retired = stores.intents().retired(name);
        String fromName = move.entry().engine();
        byte[] oldHash;
        byte[] newHash;
        try {
            Store old = oldStillOpen != null ? oldStillOpen
                    : EngineFailures.call(name, fromName, "open", () -> move.from().open(name, retired.toString()));
            try {
                oldHash = ContentHashes.ofStore(old, null);
            } finally {
                closeQuietly(old);
            }
            byte[] told = ContentHashes.toldBy(atSwitch);
            newHash = told != null ? told : ContentHashes.of(atSwitch, null);
        } catch (StorageException e) {
            throw new StorageException(e.code(), "store " + name + " moved to engine " + toName
                    + ", but checking it against its old copy failed, so the old copy is kept"
                    + (fromPersistent ? " at " + retired + " (destroyed when the root is opened again)" : "")
                    + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(oldHash, newHash)) {
            stores.intents().remove(name);
            throw new StorageException(ErrorCode.CORRUPTED, "store " + name + " moved to engine " + toName
                    + ", but its content there (hash " + ContentHashes.hex(newHash) + ") differs from the old copy's ("
                    + ContentHashes.hex(oldHash) + "); the old copy is kept at " + retired + " on engine " + fromName);
        }
        if (fromPersistent) {
            try {
                move.from().destroy(name, retired.toString());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "store " + name + " moved to engine " + toName + ", but its old copy at " + retired
                        + " could not be destroyed yet; it is when engine " + fromName + " is registered again: "
                        + EngineFailures.wrap(e, name, fromName, "destroy").getMessage());
                stores.leaveForCleanup(new Cleanups.Cleanup(name, fromName, retired.toString()));
                return report(newHash);
            }
        }
        stores.intents().remove(name);
        stores.fire(Listeners.event(StorageEvent.Type.STORE_MOVED, name, toName, 0));
        return report(newHash);
    }

    private TransferReport report(byte[] hash) {
        return new TransferReport(name, move.entry().engine(), toName, meter.entries(), meter.bytes(), hash,
                Duration.ofNanos(System.nanoTime() - started), Duration.ofNanos(longestPause));
    }

    /** Before the switch: the new store goes again. */
    private void destroyTarget() {
        if (target == null) {
            stores.intents().remove(name);
            return;
        }
        closeQuietly(target);
        try {
            move.to().destroy(name, targetPath.toString());
            stores.intents().remove(name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the new store made to move " + name + " to engine " + toName + " at " + targetPath
                    + " could not be destroyed; it is when that engine is registered again: "
                    + EngineFailures.wrap(e, name, toName, "destroy").getMessage());
            stores.leaveForCleanup(new Cleanups.Cleanup(name, toName, targetPath.toString()));
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Best effort: the failure that matters is already on its way to the caller.
        }
    }
}
