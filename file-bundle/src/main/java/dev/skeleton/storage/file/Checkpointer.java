package dev.skeleton.storage.file;

import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.PageRef;
import dev.skeleton.storage.core.PageVisitor;
import dev.skeleton.storage.core.VersionHistory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a store's checkpoints and keeps its files from growing without bound: appends the pages
 * written since the last checkpoint, switches the root, deletes the log segments and checkpoints it
 * supersedes, and deletes value files nothing refers to any more.
 *
 * <h2>How a checkpoint happens</h2>
 * Under the store's write lock the store makes a {@link Cut}: the log continues in a new segment
 * {@code s}, and the cut notes the trees as of that instant (immutable, so noting them costs
 * nothing). Then, with no lock held, {@link #complete} appends the nodes of those trees that are
 * not on disk yet to the current page file (children first: see
 * {@link CopyOnWriteTree#writePages}), forces it, and writes {@code checkpoint-s} atomically: its
 * roots. Only after that file is durable does it delete anything: older checkpoints and the
 * segments before {@code s}. A crash at any point leaves a complete checkpoint whose pages are all
 * durable and whose log segments are all there; pages written by a checkpoint that did not complete
 * lie past the end the durable checkpoint records, and are cut off when the store is opened.
 *
 * <p>Positions are never reused while the store is open: after a failed checkpoint the next one
 * goes on after whatever the failed one wrote, since the trees may already refer to those pages
 * (they are complete in the file, and the next checkpoint's force makes them durable).
 *
 * <h2>Collecting value files</h2>
 * A value file that no tree of the store (working data or kept version) refers to at a cut can
 * never be referred to again: versions are loaded only while kept, and new references are made
 * only to new files. But the files still on disk from before the cut (the previous checkpoint and
 * the log after it) and readers that took their snapshot before the cut may still refer to it. So
 * the unreferenced files of cut {@code k} (numbered below the first file still being written at the
 * cut) are deleted at a later checkpoint, once no reader from before cut {@code k} is left
 * ({@link ReaderEpochs}). Finding the references reads only the pages flagged as holding large
 * values ({@link PageCodec#HAS_LARGE}), each once however many trees share it.
 *
 * <p>Not thread-safe: the store runs one checkpoint at a time, serialized on this object's monitor.
 */
final class Checkpointer {

    /**
     * What the store noted at the instant of a cut.
     *
     * @param segment          the log segment the checkpoint precedes
     * @param currentVersion   the version last saved or loaded, 0 for none
     * @param lastVersion      the highest version number ever handed out
     * @param oldestKept       the oldest version kept
     * @param data             the working data
     * @param versions         the kept versions with their hashes
     * @param hashes           the hash of each kept version
     * @param collectableBelow value files numbered below this were complete at the cut
     * @param epoch            the reader epoch the cut started
     */
    record Cut(long segment, long currentVersion, long lastVersion, long oldestKept, CopyOnWriteTree<StoredValue> data,
            Map<Long, CopyOnWriteTree<StoredValue>> versions, Map<Long, byte[]> hashes, long collectableBelow,
            long epoch) {
    }

    /** Value files unreferenced at a cut, waiting for the readers before it to go. */
    private record Unreferenced(Set<Long> ids, long epoch) {
    }

    /**
     * What a compaction made: the copies of the cut's trees, and the files they replace.
     *
     * @param data     the working data's copy
     * @param versions each kept version's copy, by number
     * @param oldFiles the page files the copies replace
     */
    record Compacted(PagedCheckpoint.TreeRoot data, Map<Long, PagedCheckpoint.TreeRoot> versions, Set<Long> oldFiles) {
    }

    /** Page files deleted by a compaction whose read channels wait for the readers before it to go. */
    private record Retired(Set<Long> files, long epoch) {
    }

    private final StoreFiles files;
    private final String storeName;
    private final PageFiles pages;
    private final LargeValueFiles values;
    private final ReaderEpochs epochs;
    private final Tuning tuning;
    private final System.Logger logger;
    private final CheckpointStats stats;
    private final List<Unreferenced> waiting = new ArrayList<>();
    private final TreeSet<Long> liveFiles = new TreeSet<>();
    private final List<Retired> retired = new ArrayList<>();
    private long pageFile;
    private long pageEnd;
    /** The bytes of the page files right after the last compaction (or at open): what is live. */
    private long bytesAfterCompaction = -1;
    /**
     * The content hash of the working data, brought up to date at each checkpoint from the tree it
     * was last brought up to date for (a version history that keeps no version: only its hashing).
     */
    private final VersionHistory<StoredValue> dataHash;

    Checkpointer(StoreFiles files, String storeName, PageFiles pages, LargeValueFiles values, ReaderEpochs epochs,
            Tuning tuning, System.Logger logger, CheckpointStats stats, long pageFile, long pageEnd, long[] liveFiles,
            CopyOnWriteTree<StoredValue> hashedData, byte[] dataHashState) {
        this.files = files;
        this.storeName = storeName;
        this.pages = pages;
        this.values = values;
        this.epochs = epochs;
        this.tuning = tuning;
        this.logger = logger;
        this.stats = stats;
        this.pageFile = pageFile;
        this.pageEnd = pageEnd;
        for (long file : liveFiles) {
            this.liveFiles.add(file);
        }
        this.dataHash = new VersionHistory<>(storeName, 0, FileStore.emptyTree(), StoredValue.HASHER);
        this.dataHash.restoreHashed(hashedData, dataHashState);
    }

    /**
     * Writes the checkpoint of a cut and deletes what it makes unnecessary.
     *
     * @param cut the cut the store made
     * @return the content hash's state for the cut's working data (brought up to date from the
     *         previous checkpoint's, at the cost of what changed between them)
     * @throws IOException if the checkpoint cannot be written (nothing is deleted then)
     */
    byte[] complete(Cut cut) throws IOException {
        long started = System.nanoTime();
        dataHash.hashOf(cut.data());
        byte[] hashState = dataHash.hashedState();
        if (pageEnd >= tuning.pageFileBytes()) {
            pageFile++;
            pageEnd = 0;
        }
        long pagesFrom = pageEnd;
        PagedCheckpoint.TreeRoot data;
        List<PagedCheckpoint.VersionRoot> versions = new ArrayList<>();
        try (PageFiles.Writer writer = pages.writer(pageFile, pageEnd)) {
            try {
                data = write(cut.data(), writer);
                for (Map.Entry<Long, CopyOnWriteTree<StoredValue>> version : cut.versions().entrySet()) {
                    versions.add(new PagedCheckpoint.VersionRoot(version.getKey(), write(version.getValue(), writer),
                            cut.hashes().get(version.getKey())));
                }
                writer.force();
            } finally {
                // Whatever was appended may be referred to by the trees now: never written over.
                pageEnd = writer.end();
                liveFiles.add(pageFile);
            }
        }
        List<CopyOnWriteTree<StoredValue>> trees = new ArrayList<>(cut.versions().values());
        trees.add(cut.data());
        Map<Long, Long> valueFiles = referencedBy(trees);
        long checkpointFileBytes = new PagedCheckpoint(cut.segment(), cut.currentVersion(), cut.lastVersion(),
                cut.oldestKept(), pageFile, pageEnd, liveFiles.stream().mapToLong(Long::longValue).toArray(), data,
                versions, valueFiles, hashState).write(files);
        stats.checkpointed(pageEnd - pagesFrom + checkpointFileBytes, System.nanoTime() - started);
        files.deleteSuperseded(cut.segment());
        deleteUnreferencedValues();
        waiting.add(new Unreferenced(unreferencedAt(cut, valueFiles.keySet()), cut.epoch()));
        closeRetiredFiles();
        if (bytesAfterCompaction < 0) {
            bytesAfterCompaction = pageBytes();
        }
        return hashState;
    }

    /**
     * The last checkpoint's data was laid out anew (a compaction): the hash state belongs to the
     * copy now, so that the next checkpoint's diff skips the pages they share.
     *
     * @param from the tree of the last checkpoint
     * @param copy the same content, laid out anew
     */
    void relayHashedData(CopyOnWriteTree<StoredValue> from, CopyOnWriteTree<StoredValue> copy) {
        if (dataHash.hashedContent() == from) {
            dataHash.restoreHashed(copy, dataHash.hashedState());
        }
    }

    /**
     * Whether a compaction pays: the page files have grown to twice what was live after the last
     * compaction (and past one page file's length), and the checkpoints since replaced pages worth at
     * least a quarter of them. The second condition tells growth from churn: a store filled in key
     * order (an import, a bulk load) doubles its page files without replacing anything, and copying
     * them all would only cost time and disk.
     *
     * @param superseded about how many bytes of pages the checkpoints since the last compaction
     *                   replaced (an estimate from the leaves the changes copied)
     * @return true if {@link #compact} should run now
     * @throws IOException if the files' sizes cannot be read
     */
    boolean compactionDue(long superseded) throws IOException {
        long bytes = pageBytes();
        return bytes > tuning.pageFileBytes() && bytes > 2 * bytesAfterCompaction && superseded >= bytes / 4;
    }

    private long pageBytes() throws IOException {
        long bytes = 0;
        for (long file : liveFiles) {
            bytes += java.nio.file.Files.size(files.numbered(StoreFiles.PAGES, file));
        }
        return bytes;
    }

    /**
     * Copies the live pages of a cut that {@link #complete} has just written into a new page file
     * ({@link Compaction}), which the following checkpoints append to. The old files are kept
     * until {@link #retire} is told that a checkpoint without them is durable.
     *
     * @param cut the cut just completed
     * @return the copies
     * @throws IOException if the new file cannot be written (the old ones stay in use)
     */
    Compacted compact(Cut cut) throws IOException {
        long target = pageFile + 1;
        Map<Long, PagedCheckpoint.TreeRoot> versions = new java.util.HashMap<>();
        PagedCheckpoint.TreeRoot data;
        long end;
        long copied;
        try (PageFiles.Writer writer = pages.writer(target, 0)) {
            Compaction compaction = new Compaction(pages, writer);
            data = copy(compaction, cut.data());
            for (Map.Entry<Long, CopyOnWriteTree<StoredValue>> version : cut.versions().entrySet()) {
                versions.put(version.getKey(), copy(compaction, version.getValue()));
            }
            writer.force();
            end = writer.end();
            copied = compaction.pagesCopied();
        } catch (IOException | RuntimeException e) {
            StoreFiles.delete(files.numbered(StoreFiles.PAGES, target));
            throw e;
        }
        Set<Long> old = new TreeSet<>(liveFiles);
        long before = pageBytes();
        liveFiles.clear();
        liveFiles.add(target);
        pageFile = target;
        pageEnd = end;
        bytesAfterCompaction = end;
        logger.log(Level.DEBUG, () -> "store " + storeName + ": compacted " + old.size() + " page files of " + before
                + " bytes into " + files.numbered(StoreFiles.PAGES, target).getFileName() + " (" + end + " bytes, "
                + copied + " pages)");
        return new Compacted(data, versions, old);
    }

    private static PagedCheckpoint.TreeRoot copy(Compaction compaction, CopyOnWriteTree<StoredValue> tree) {
        PageRef root = tree.storedRoot();
        return new PagedCheckpoint.TreeRoot(root == null ? null : compaction.copy(root), tree.size(), tree.weight());
    }

    /**
     * Deletes the page files a compaction replaced, once a checkpoint without them is durable. Their
     * read channels stay open (an open file outlives its name) until the readers that began before
     * {@code epoch} are gone and one more checkpoint has passed, so that no reader of an older tree
     * finds its pages gone.
     *
     * @param old   the replaced files
     * @param epoch the reader epoch that began with the trees that replaced them
     * @throws IOException if a file cannot be deleted
     */
    void retire(Set<Long> old, long epoch) throws IOException {
        for (long file : old) {
            pages.holdOpen(file);
            StoreFiles.delete(files.numbered(StoreFiles.PAGES, file));
        }
        retired.add(new Retired(old, epoch));
    }

    private void closeRetiredFiles() throws IOException {
        long oldestReader = epochs.oldestActive();
        List<Retired> done = new ArrayList<>();
        for (Retired batch : retired) {
            // Checked at the checkpoint after the one that retired them, at the earliest.
            if (batch.epoch() <= oldestReader) {
                for (long file : batch.files()) {
                    pages.forget(file);
                }
                done.add(batch);
            }
        }
        retired.removeAll(done);
    }

    /** Writes a tree's unwritten pages; returns its root as a checkpoint records it. */
    static PagedCheckpoint.TreeRoot write(CopyOnWriteTree<StoredValue> tree, PageFiles.Writer writer) {
        PageRef root = tree.isEmpty() ? null : tree.writePages(writer);
        return new PagedCheckpoint.TreeRoot(root, tree.size(), tree.weight());
    }

    /** @return the page files that hold live pages, and the one being appended to */
    long[] liveFiles() {
        return liveFiles.stream().mapToLong(Long::longValue).toArray();
    }

    /** Deletes the files of earlier cuts whose readers are all gone. Called after a checkpoint. */
    private void deleteUnreferencedValues() throws IOException {
        long oldestReader = epochs.oldestActive();
        List<Unreferenced> done = new ArrayList<>();
        for (Unreferenced batch : waiting) {
            if (batch.epoch() > oldestReader) {
                continue;
            }
            for (long id : batch.ids()) {
                values.delete(id);
            }
            done.add(batch);
        }
        waiting.removeAll(done);
        if (!done.isEmpty()) {
            logger.log(Level.DEBUG, () -> "store " + storeName + ": deleted "
                    + done.stream().mapToInt(b -> b.ids().size()).sum() + " unreferenced value files");
        }
    }

    /** The complete value files on disk that no live tree of the cut refers to. */
    private Set<Long> unreferencedAt(Cut cut, Set<Long> referenced) throws IOException {
        Set<Long> unreferenced = new HashSet<>(files.numbers(StoreFiles.VALUE).headSet(cut.collectableBelow(), false));
        unreferenced.removeAll(referenced);
        return unreferenced;
    }

    /**
     * The value files some tree refers to, with their stored lengths, reading only pages whose
     * subtree holds a large value, each page once (nodes not written yet are looked into in memory).
     */
    static Map<Long, Long> referencedBy(List<CopyOnWriteTree<StoredValue>> trees) {
        Map<Long, Long> referenced = new java.util.TreeMap<>();
        Set<Long> seen = new HashSet<>();
        PageVisitor<StoredValue> visitor = new PageVisitor<>() {
            @Override
            public boolean enter(PageRef ref) {
                return (ref.flags() & PageCodec.HAS_LARGE) != 0 && seen.add(ref.position());
            }

            @Override
            public void entry(byte[] key, StoredValue value) {
                if (value instanceof StoredValue.Large large) {
                    referenced.put(large.id(), large.storedBytes());
                }
            }
        };
        for (CopyOnWriteTree<StoredValue> tree : trees) {
            PageRef root = tree.storedRoot();
            if (root == null || visitor.enter(root)) {
                tree.visitPages(visitor);
            }
        }
        return referenced;
    }
}
