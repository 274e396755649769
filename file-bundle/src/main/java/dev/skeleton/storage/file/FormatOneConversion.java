package dev.skeleton.storage.file;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.VersionHistory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Converts a store of the first format (whole checkpoints and version files, every entry in the
 * heap; FORMAT.md, "Converting a first-format store") to the paged format when it is opened, so that
 * no user loses data by upgrading the bundle.
 *
 * <p>The store is recovered exactly as the first format's code did it ({@link Recovery}, which
 * holds the whole store in the heap, as that code always needed), its working data and kept
 * versions are written as pages to a new page file, and a paged checkpoint is written atomically
 * at a new log segment. Only then are the first format's checkpoints, log segments and version
 * files deleted, by {@link PagedRecovery}, which opens the store right after and deletes what no
 * paged checkpoint needs, exactly as after a crash. A crash before the new checkpoint is durable
 * leaves the old files as they were (and a page file no checkpoint uses, deleted at the next
 * open), so the conversion simply runs again.
 *
 * <p>Hashes of the converted versions are kept as they were saved; the state of the content hash
 * for the data, which the first format never stored, is computed here once (every entry hashed), so
 * that later saves hash only what changed.
 */
final class FormatOneConversion {

    private FormatOneConversion() {
    }

    /**
     * Converts the store if it is of the first format.
     *
     * @param files     the store's files (locked)
     * @param storeName its name
     * @param settings  its settings
     * @param tuning    internal sizes
     * @param logger    where the conversion is reported
     * @return the number of the store's newest checkpoint, which is of the paged format
     * @throws StorageException {@code CORRUPTED} if the store cannot be read
     * @throws IOException      if its files cannot be read or written
     */
    static long convertIfNeeded(StoreFiles files, String storeName, FileConfig settings, Tuning tuning,
            System.Logger logger) throws IOException {
        TreeSet<Long> checkpoints = files.numbers(StoreFiles.CHECKPOINT);
        if (!checkpoints.isEmpty() && formatOf(files, storeName, checkpoints.last()) == RecordCodec.FORMAT_VERSION) {
            return checkpoints.last();
        }
        return convert(files, storeName, settings, tuning, logger);
    }

    /** The content hash's state for the data: hashed whole, once (format 1 never kept it). */
    private static byte[] hashStateOf(CopyOnWriteTree<StoredValue> data, String storeName) {
        VersionHistory<StoredValue> hashing = new VersionHistory<>(storeName, 0, FileStore.emptyTree(),
                StoredValue.HASHER);
        hashing.hashOf(data);
        return hashing.hashedState();
    }

    private static int formatOf(StoreFiles files, String storeName, long checkpoint) throws IOException {
        try {
            return PagedCheckpoint.formatOf(files, checkpoint);
        } catch (DamagedFileException e) {
            throw new StorageException(ErrorCode.CORRUPTED, "store " + storeName + " cannot be opened: checkpoint "
                    + e.getMessage() + "; it is left in place");
        }
    }

    private static long convert(StoreFiles files, String storeName, FileConfig settings, Tuning tuning,
            System.Logger logger) throws IOException {
        VersionFiles versionFiles = new VersionFiles(files, storeName, settings.compression(), tuning.maxVersionChain());
        Recovery.State old = new Recovery(files, storeName, logger, FileStore.emptyTree()).run(versionFiles);
        long segment = old.segment() + 1;
        long pageFile = files.numbers(StoreFiles.PAGES).stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        // Before the pages are written: writing lets go of the nodes, which the closed page files
        // below could not read back.
        byte[] dataHashState = hashStateOf(old.data(), storeName);
        java.util.List<CopyOnWriteTree<StoredValue>> trees = new ArrayList<>();
        trees.add(old.data());
        old.versions().forEach(version -> trees.add(version.content()));
        java.util.Map<Long, Long> valueFiles = Checkpointer.referencedBy(trees);
        PageFiles pages = new PageFiles(files, storeName, settings.compression(), settings.cacheSize());
        PagedCheckpoint.TreeRoot data;
        List<PagedCheckpoint.VersionRoot> versions = new ArrayList<>();
        long pageEnd;
        try (PageFiles.Writer writer = pages.writer(pageFile, 0)) {
            data = Checkpointer.write(old.data(), writer);
            for (VersionFiles.Loaded version : old.versions()) {
                versions.add(new PagedCheckpoint.VersionRoot(version.number(), Checkpointer.write(version.content(), writer),
                        version.hash()));
            }
            writer.force();
            pageEnd = writer.end();
        } finally {
            pages.close();
        }
        // The checkpoint's segment exists before the checkpoint does: a paged store never misses it.
        LogWriter.createSegment(files, SyncMode.ALWAYS, segment).close();
        new PagedCheckpoint(segment, old.currentVersion(), old.lastVersion(), old.keptFrom(), pageFile, pageEnd,
                new long[] {pageFile}, data, versions, valueFiles, dataHashState).write(files);
        logger.log(Level.INFO, "store " + storeName + ": converted from format " + RecordCodec.FIRST_FORMAT_VERSION
                + " to format " + RecordCodec.FORMAT_VERSION + " (" + old.data().size() + " entries, "
                + versions.size() + " kept versions)");
        return segment;
    }
}
