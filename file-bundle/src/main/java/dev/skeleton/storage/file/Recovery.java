package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.TreeCursor;
import java.io.IOException;
import java.util.List;

/**
 * Opens a store's files after a clean close or a crash and rebuilds its state: the newest good
 * checkpoint, the log segments after it replayed up to the last intact record, and the saved
 * versions. The first format's recovery: since format 2 it runs only to convert such a store
 * ({@link FormatOneConversion}); {@link PagedRecovery} opens the paged format.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>Temporary files are removed: they were never complete.</li>
 *   <li>The newest checkpoint is loaded, straight into the leaves of the tree. If it is damaged, an
 *       older one (or the empty store at {@code log-1}) is used only if every segment from its own
 *       up to the damaged one's is there, so that nothing is lost; otherwise the open fails with
 *       {@link ErrorCode#CORRUPTED} naming it ({@link RecoveryStart}). Checkpoints and segments
 *       older than the one used, left by a crash in the middle of deleting them, are deleted.</li>
 *   <li>Segments are replayed in order from the checkpoint's. At the first frame that is torn,
 *       fails its checksum or does not decode, replay stops: the segment is cut there and later
 *       segments are removed, each reported with what was dropped. Only a prefix of the log is
 *       ever applied, so the store opens in a state it really was in. The changes are gathered
 *       and applied to the checkpoint's tree in one pass at the end ({@link ReplayedChanges}).</li>
 *   <li>Version files are rebuilt ({@link VersionFiles#load}); the ones at or after the oldest kept
 *       version (the larger of what the log and the files say) are restored.</li>
 *   <li>Every value file the working data refers to must exist with its recorded length, or the
 *       open fails with {@link ErrorCode#CORRUPTED} naming it: a store is never opened with a
 *       value it cannot produce.</li>
 * </ol>
 * Everything dropped is reported as a {@code WARNING} on the logger
 * {@code dev.skeleton.storage.file}, naming the store, the file, the offset and the reason.
 */
final class Recovery {

    /**
     * The rebuilt state of a store.
     *
     * @param data           the working data
     * @param versions       the kept versions, ascending
     * @param versionFiles   the version files on disk, for later saves
     * @param lastVersion    the highest version number ever handed out
     * @param currentVersion the version last saved or loaded
     * @param keptFrom       the oldest kept version
     * @param segment        the log segment to append to
     * @param validEnd       where its good part ends (0: it needs a new header)
     * @param nextValueId    the number of the next value file
     */
    record State(CopyOnWriteTree<StoredValue> data, List<VersionFiles.Loaded> versions, VersionFiles versionFiles,
            long lastVersion, long currentVersion, long keptFrom, long segment, long validEnd, long nextValueId) {
    }

    private final StoreFiles files;
    private final String storeName;
    private final System.Logger logger;
    private final CopyOnWriteTree<StoredValue> empty;

    private final ReplayedChanges replayed = new ReplayedChanges();
    private long currentVersion;
    private long lastVersion;
    private long keptFrom;
    private long maxValueId;
    /** Whether any large value was read: if none was, no value file needs checking. */
    private boolean largeValuesSeen;

    Recovery(StoreFiles files, String storeName, System.Logger logger, CopyOnWriteTree<StoredValue> empty) {
        this.files = files;
        this.storeName = storeName;
        this.logger = logger;
        this.empty = empty;
    }

    /**
     * Rebuilds the state.
     *
     * @param versionFiles the (empty) version files of the store, filled from disk
     * @return the state
     * @throws StorageException {@link ErrorCode#CORRUPTED} naming the file if nothing sane remains
     * @throws IOException      if the files cannot be read or repaired
     */
    State run(VersionFiles versionFiles) throws IOException {
        files.deleteTemporaryFiles();
        Checkpoint start = RecoveryStart.find(files, storeName, logger, empty, this::noteValue);
        files.deleteSuperseded(start.segment());
        currentVersion = start.currentVersion();
        lastVersion = start.lastVersion();
        keptFrom = start.oldestKept();
        LogReplay.Tail tail = LogReplay.replay(files, storeName, logger, start.segment(), this::apply);
        CopyOnWriteTree<StoredValue> data = replayed.applyTo(start.data());
        long highestVersionFile = files.numbers(StoreFiles.VERSION).stream().mapToLong(Long::longValue).max().orElse(0);
        List<VersionFiles.Loaded> loaded = versionFiles.load(empty, logger);
        for (VersionFiles.Loaded version : loaded) {
            keptFrom = Math.max(keptFrom, version.oldestKept());
        }
        List<VersionFiles.Loaded> kept = loaded.stream().filter(v -> v.number() >= keptFrom).toList();
        requireValueFiles(data);
        long nextValueId = Math.max(maxValueId, files.numbers(StoreFiles.VALUE).stream()
                .mapToLong(Long::longValue).max().orElse(0)) + 1;
        return new State(data, kept, versionFiles, Math.max(lastVersion, highestVersionFile), currentVersion,
                keptFrom, tail.segment(), tail.validEnd(), nextValueId);
    }

    private void apply(LogRecord record) {
        if (record instanceof LogRecord.Changes changes) {
            applyChanges(changes.changes());
        } else if (record instanceof LogRecord.VersionSaved saved) {
            currentVersion = saved.number();
            lastVersion = Math.max(lastVersion, saved.number());
            keptFrom = Math.max(keptFrom, saved.oldestKept());
        } else {
            LogRecord.VersionLoaded loaded = (LogRecord.VersionLoaded) record;
            applyChanges(loaded.changes());
            currentVersion = loaded.number();
        }
    }

    private void applyChanges(List<Change> changes) {
        replayed.add(changes);
        for (Change change : changes) {
            if (change.value() instanceof StoredValue.Large large) {
                noteValue(large);
            }
        }
    }

    private void noteValue(StoredValue.Large large) {
        largeValuesSeen = true;
        maxValueId = Math.max(maxValueId, large.id());
    }

    /** Fails the open if a value file the data refers to is missing or of the wrong length. */
    private void requireValueFiles(CopyOnWriteTree<StoredValue> content) throws IOException {
        if (!largeValuesSeen) {
            return;
        }
        TreeCursor<StoredValue> cursor = content.cursor(null, null, true);
        while (cursor.next()) {
            if (cursor.value() instanceof StoredValue.Large large) {
                files.requireValueFile(storeName, large.id(), large.storedBytes());
            }
        }
    }
}
