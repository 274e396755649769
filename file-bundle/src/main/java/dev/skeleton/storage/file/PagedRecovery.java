package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.VersionHistory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Opens a store of the paged format after a clean close or a crash: reads its newest checkpoint
 * (roots, not data), and replays the log written since, one record after the other, on top of
 * trees whose pages are read only where the replay needs them. So opening costs a checkpoint, a
 * root page per kept tree, and the log since the last checkpoint, whatever the size of the data.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>Temporary files are removed: they were never complete.</li>
 *   <li>The newest checkpoint is read. If it is damaged the open fails with
 *       {@link ErrorCode#CORRUPTED} naming it: unlike the first format, an older checkpoint is
 *       never a fallback, as the pages only it used may be gone. Checkpoints and segments older
 *       than it, version files (left by a conversion), and page files it does not list are what
 *       a crash left while deleting them, or what a checkpoint that never completed wrote: they
 *       are deleted now.</li>
 *   <li>Segments are replayed in order from the checkpoint's, as {@link LogReplay} describes.
 *       A {@code VERSION_SAVED} record makes the data at that point the saved version; its hash is
 *       brought up to date from the hash state the checkpoint kept.</li>
 *   <li>Every value file that a replayed change refers to and the data still holds must exist
 *       with its recorded length (the checkpoint's trees were checked when they were cut).</li>
 * </ol>
 */
final class PagedRecovery {

    /**
     * A saved version put back.
     *
     * @param number  its number
     * @param content its content
     * @param hash    its hash
     */
    record RestoredVersion(long number, CopyOnWriteTree<StoredValue> content, byte[] hash) {
    }

    /**
     * The rebuilt state of a store.
     *
     * @param data           the working data
     * @param versions       the versions kept, ascending
     * @param hashedContent  the tree the hash state below belongs to
     * @param hashedState    the content hash's state for it
     * @param lastVersion    the highest version number ever handed out
     * @param currentVersion the version last saved or loaded
     * @param keptFrom       the oldest kept version
     * @param segment        the log segment to append to
     * @param validEnd       where its good part ends (0: it needs a new header)
     * @param nextValueId    the number of the next value file
     * @param pageFile       the page file the next checkpoint appends to
     * @param pageEnd        where its pages end
     * @param liveFiles      the page files with live pages
     * @param checkpointData      the working data as the checkpoint holds it
     * @param checkpointHashState the content hash's state for it
     */
    record State(CopyOnWriteTree<StoredValue> data, List<RestoredVersion> versions,
            CopyOnWriteTree<StoredValue> hashedContent, byte[] hashedState, long lastVersion, long currentVersion,
            long keptFrom, long segment, long validEnd, long nextValueId, long pageFile, long pageEnd,
            long[] liveFiles, CopyOnWriteTree<StoredValue> checkpointData, byte[] checkpointHashState) {
    }

    private final StoreFiles files;
    private final String storeName;
    private final System.Logger logger;
    private final CopyOnWriteTree<StoredValue> empty;
    private final PageFiles pages;

    private CopyOnWriteTree<StoredValue> data;
    private final List<CopyOnWriteTree<StoredValue>> replayedVersions = new ArrayList<>();
    private final List<Long> replayedNumbers = new ArrayList<>();
    private final List<Change> replayedLarge = new ArrayList<>();
    private long currentVersion;
    private long lastVersion;
    private long keptFrom;
    private long maxValueId;

    PagedRecovery(StoreFiles files, String storeName, System.Logger logger, CopyOnWriteTree<StoredValue> empty,
            PageFiles pages) {
        this.files = files;
        this.storeName = storeName;
        this.logger = logger;
        this.empty = empty;
        this.pages = pages;
    }

    /**
     * Rebuilds the state from the checkpoint numbered {@code segment}, the newest one.
     *
     * @param segment the checkpoint's number
     * @return the state
     * @throws StorageException {@link ErrorCode#CORRUPTED} naming the file if it is damaged
     * @throws IOException      if the files cannot be read or repaired
     */
    State run(long segment) throws IOException {
        files.deleteTemporaryFiles();
        PagedCheckpoint checkpoint = readCheckpoint(segment);
        if (!files.numbers(StoreFiles.LOG).contains(segment)) {
            // Written before its checkpoint, never deleted while it is the newest: without it the
            // writes since the checkpoint would be lost silently.
            throw new StorageException(ErrorCode.CORRUPTED, "store " + storeName + " cannot be opened: log segment "
                    + files.numbered(StoreFiles.LOG, segment) + ", which its newest checkpoint starts, is missing");
        }
        files.deleteSuperseded(segment);
        deleteLeftovers(checkpoint);
        currentVersion = checkpoint.currentVersion();
        lastVersion = checkpoint.lastVersion();
        keptFrom = checkpoint.oldestKept();
        data = checkpoint.data().tree(empty);
        CopyOnWriteTree<StoredValue> checkpointData = data;
        List<RestoredVersion> versions = new ArrayList<>();
        for (PagedCheckpoint.VersionRoot version : checkpoint.versions()) {
            versions.add(new RestoredVersion(version.number(), version.tree().tree(empty), version.hash()));
        }
        LogReplay.Tail tail = LogReplay.replay(files, storeName, logger, segment, this::apply);
        VersionHistory<StoredValue> hashing = new VersionHistory<>(storeName, 0, empty, StoredValue.HASHER);
        hashing.restoreHashed(checkpointData, checkpoint.dataHashState());
        for (int i = 0; i < replayedVersions.size(); i++) {
            CopyOnWriteTree<StoredValue> content = replayedVersions.get(i);
            versions.add(new RestoredVersion(replayedNumbers.get(i), content, hashing.hashOf(content)));
        }
        List<RestoredVersion> kept = versions.stream().filter(v -> v.number() >= keptFrom).toList();
        requireValueFiles(checkpoint.valueFiles());
        long nextValueId = Math.max(maxValueId, files.numbers(StoreFiles.VALUE).stream()
                .mapToLong(Long::longValue).max().orElse(0)) + 1;
        return new State(data, kept, hashing.hashedContent(), hashing.hashedState(), lastVersion, currentVersion,
                keptFrom, tail.segment(), tail.validEnd(), nextValueId, checkpoint.pageFile(), checkpoint.pageEnd(),
                checkpoint.liveFiles(), checkpointData, checkpoint.dataHashState());
    }

    private PagedCheckpoint readCheckpoint(long segment) throws IOException {
        try {
            return PagedCheckpoint.read(files, segment, pages.source());
        } catch (DamagedFileException e) {
            throw new StorageException(ErrorCode.CORRUPTED, "store " + storeName + " cannot be opened: checkpoint "
                    + e.getMessage() + "; it is left in place");
        }
    }


    /** Deletes version files and the page files the checkpoint does not use. */
    private void deleteLeftovers(PagedCheckpoint checkpoint) throws IOException {
        for (long number : files.numbers(StoreFiles.VERSION)) {
            StoreFiles.delete(files.numbered(StoreFiles.VERSION, number));
        }
        for (long number : files.numbers(StoreFiles.PAGES)) {
            boolean live = number == checkpoint.pageFile()
                    || Arrays.stream(checkpoint.liveFiles()).anyMatch(file -> file == number);
            if (!live) {
                Path path = files.numbered(StoreFiles.PAGES, number);
                logger.log(Level.DEBUG, () -> "store " + storeName + ": deleted " + path.getFileName()
                        + ", which no checkpoint uses");
                StoreFiles.delete(path);
            }
        }
    }

    private void apply(LogRecord record) {
        if (record instanceof LogRecord.Changes changes) {
            applyChanges(changes.changes());
        } else if (record instanceof LogRecord.VersionSaved saved) {
            currentVersion = saved.number();
            lastVersion = Math.max(lastVersion, saved.number());
            keptFrom = Math.max(keptFrom, saved.oldestKept());
            replayedNumbers.add(saved.number());
            replayedVersions.add(data);
        } else {
            LogRecord.VersionLoaded loaded = (LogRecord.VersionLoaded) record;
            applyChanges(loaded.changes());
            currentVersion = loaded.number();
        }
    }

    private void applyChanges(List<Change> changes) {
        data = Change.applyAll(data, changes);
        for (Change change : changes) {
            if (change.value() instanceof StoredValue.Large large) {
                maxValueId = Math.max(maxValueId, large.id());
                replayedLarge.add(change);
            }
        }
    }

    /**
     * Fails the open if a value file that the checkpoint's trees refer to, or that the data holds
     * from the log, is missing or of the wrong length: a store is never opened with a value it
     * cannot produce. Costs a look per value file, not a read of the data.
     */
    private void requireValueFiles(Map<Long, Long> checkpointed) throws IOException {
        for (Map.Entry<Long, Long> file : checkpointed.entrySet()) {
            files.requireValueFile(storeName, file.getKey(), file.getValue());
        }
        for (Change change : replayedLarge) {
            StoredValue.Large large = (StoredValue.Large) change.value();
            if (data.get(change.key()) == large) {
                files.requireValueFile(storeName, large.id(), large.storedBytes());
            }
        }
    }
}
