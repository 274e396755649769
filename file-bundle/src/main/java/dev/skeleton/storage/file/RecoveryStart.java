package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.CopyOnWriteTree;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Chooses the checkpoint that recovery starts from, and reads it.
 *
 * <p>Normally that is the newest checkpoint: a checkpoint is written atomically, so a crash never
 * leaves one half-written, and the older ones are deleted only once a newer one is durable. Only
 * the newest one with the segments from its own on is kept ({@link StoreFiles#deleteSuperseded}),
 * so a newest checkpoint that is damaged (by the disk, not by a crash) usually leaves nothing to
 * fall back on. A fallback is taken only if it loses nothing: an older checkpoint (left by a crash
 * in the middle of deleting superseded files), or the empty store at {@code log-1}, from which every
 * segment up to the damaged checkpoint's is still there, so that the replay passes through all that
 * the damaged checkpoint held. Otherwise the open fails with {@link ErrorCode#CORRUPTED} naming the
 * damaged checkpoint, and the file is kept for whoever wants to salvage it: opening with only part
 * of the history would silently lose acknowledged writes.
 *
 * <p>Stateless; one call per open.
 *
 * <p>Part of the first format (FORMAT.md, "Converting a format 1 store"): read only by
 * {@link FormatOneConversion} when such a store is opened.
 */
final class RecoveryStart {

    private RecoveryStart() {
    }

    /**
     * Finds and reads the checkpoint to start from; damaged checkpoints that a fallback makes
     * unnecessary are reported and deleted.
     *
     * @param files     the store's files
     * @param storeName the store's name, for messages
     * @param logger    where to report damaged checkpoints
     * @param empty     the empty tree, the start before any checkpoint
     * @param large     told each large value read (also from a checkpoint found damaged later)
     * @return the checkpoint; for a store without one, the empty state at segment 1
     * @throws StorageException {@link ErrorCode#CORRUPTED} if no start loses nothing
     * @throws IOException      if the files cannot be read or deleted
     */
    static Checkpoint find(StoreFiles files, String storeName, System.Logger logger,
            CopyOnWriteTree<StoredValue> empty, Consumer<StoredValue.Large> large) throws IOException {
        TreeSet<Long> checkpoints = files.numbers(StoreFiles.CHECKPOINT);
        TreeSet<Long> segments = files.numbers(StoreFiles.LOG);
        Checkpoint emptyStart = new Checkpoint(1, 0, 0, 0, empty);
        if (checkpoints.isEmpty()) {
            if (segments.contains(1L)) {
                return emptyStart;
            }
            throw new StorageException(ErrorCode.CORRUPTED, "store " + storeName + " cannot be opened: it has no"
                    + " checkpoint and its log does not reach back to its start (" + files.numbered(StoreFiles.LOG, 1)
                    + " is missing)");
        }
        long newest = checkpoints.last();
        List<DamagedFileException> damaged = new ArrayList<>();
        for (long segment : checkpoints.descendingSet()) {
            if (segment != newest && !logReaches(segments, segment, newest)) {
                continue;
            }
            try {
                Checkpoint checkpoint = Checkpoint.read(files, segment, empty, large);
                dropDamaged(damaged, storeName, logger, "checkpoint-" + segment);
                return checkpoint;
            } catch (DamagedFileException e) {
                damaged.add(e);
            }
        }
        if (logReaches(segments, 1, newest)) {
            dropDamaged(damaged, storeName, logger, "the log from its start");
            return emptyStart;
        }
        throw new StorageException(ErrorCode.CORRUPTED, "store " + storeName + " cannot be opened: "
                + damaged.get(0).getMessage() + "; no older checkpoint with the log after it remains to fall back"
                + " on, so the file is kept as it is");
    }

    /** Whether every segment from {@code from} up to (not including) {@code to} is there. */
    private static boolean logReaches(TreeSet<Long> segments, long from, long to) {
        for (long segment = from; segment < to; segment++) {
            if (!segments.contains(segment)) {
                return false;
            }
        }
        return true;
    }

    private static void dropDamaged(List<DamagedFileException> damaged, String storeName, System.Logger logger,
            String fallback) throws IOException {
        for (DamagedFileException e : damaged) {
            logger.log(Level.WARNING, "store " + storeName + ": " + e.getMessage() + "; recovering from " + fallback
                    + " and the log after it instead; the file is removed");
            StoreFiles.delete(e.file());
        }
    }
}
