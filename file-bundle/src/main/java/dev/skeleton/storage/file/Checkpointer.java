package dev.skeleton.storage.file;

import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.TreeCursor;
import dev.skeleton.storage.core.TreeDiffVisitor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a store's files from growing without bound: writes checkpoints, deletes the log segments
 * and checkpoints they supersede, and deletes value files nothing refers to any more.
 *
 * <h2>How a checkpoint happens</h2>
 * Under the store's write lock the store makes a {@link Cut}: the log continues in a new segment
 * {@code s}, and the cut notes the state as of that instant (immutable trees, so noting them costs
 * nothing). Then, with no lock held, {@link #complete} writes {@code checkpoint-s} atomically.
 * Only after that file is durable does it delete anything: the older checkpoints and the segments
 * before {@code s} ({@link StoreFiles#deleteSuperseded}). So one checkpoint is on disk with the log
 * that follows it, and while the next one is being written, the previous one with its log: a crash
 * at any point leaves a complete checkpoint (atomic writes) whose segments are all there.
 *
 * <h2>Collecting value files</h2>
 * A value file that no tree of the store (working data or kept version) refers to at a cut can
 * never be referred to again: versions are loaded only while kept, and new references are made
 * only to new files. But the files still on disk from before the cut (the previous checkpoint and
 * the log after it, until checkpoint {@code k} is durable) and readers that took their snapshot
 * before the cut may still refer to it. So the unreferenced files of cut {@code k} (numbered below
 * the first file still being written at the cut) are deleted at a later checkpoint, once checkpoint
 * {@code k}'s predecessor is gone and no reader from before cut {@code k} is left
 * ({@link ReaderEpochs}).
 *
 * <p>Not thread-safe: the store runs one checkpoint at a time (on its background thread, or
 * directly in tests), serialized on this object's monitor.
 */
final class Checkpointer {

    /**
     * What the store noted at the instant of a cut.
     *
     * @param checkpoint       the checkpoint to write (state as of the start of its segment)
     * @param liveTrees        the working data and every kept version at the cut
     * @param collectableBelow value files numbered below this were complete at the cut
     * @param epoch            the reader epoch the cut started
     */
    record Cut(Checkpoint checkpoint, List<CopyOnWriteTree<StoredValue>> liveTrees, long collectableBelow,
            long epoch) {
    }

    /** Value files unreferenced at a cut, waiting for the files and readers before it to go. */
    private record Unreferenced(Set<Long> ids, long epoch) {
    }

    private final StoreFiles files;
    private final String storeName;
    private final boolean compress;
    private final LargeValueFiles values;
    private final ReaderEpochs epochs;
    private final System.Logger logger;
    private final List<Unreferenced> waiting = new ArrayList<>();

    Checkpointer(StoreFiles files, String storeName, boolean compress, LargeValueFiles values, ReaderEpochs epochs,
            System.Logger logger) {
        this.files = files;
        this.storeName = storeName;
        this.compress = compress;
        this.values = values;
        this.epochs = epochs;
        this.logger = logger;
    }

    /**
     * Writes the checkpoint of a cut and deletes what it makes unnecessary.
     *
     * @param cut the cut the store made
     * @throws IOException if the checkpoint cannot be written (nothing is deleted then)
     */
    void complete(Cut cut) throws IOException {
        cut.checkpoint().write(files, compress);
        files.deleteSuperseded(cut.checkpoint().segment());
        deleteUnreferencedValues();
        waiting.add(new Unreferenced(unreferencedAt(cut), cut.epoch()));
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
    private Set<Long> unreferencedAt(Cut cut) throws IOException {
        Set<Long> unreferenced = new HashSet<>(files.numbers(StoreFiles.VALUE).headSet(cut.collectableBelow(), false));
        if (unreferenced.isEmpty()) {
            return unreferenced;
        }
        unreferenced.removeAll(referencedBy(cut.liveTrees()));
        return unreferenced;
    }

    /**
     * The value files some tree refers to: the first tree is walked, each further one only where it
     * differs from the one before (the trees share structure, so that costs what differs).
     */
    static Set<Long> referencedBy(List<CopyOnWriteTree<StoredValue>> trees) {
        Set<Long> referenced = new HashSet<>();
        CopyOnWriteTree<StoredValue> previous = null;
        for (CopyOnWriteTree<StoredValue> tree : trees) {
            if (previous == null) {
                TreeCursor<StoredValue> cursor = tree.cursor(null, null, true);
                while (cursor.next()) {
                    note(referenced, cursor.value());
                }
            } else {
                CopyOnWriteTree.diff(previous, tree, new TreeDiffVisitor<>() {
                    @Override
                    public void added(byte[] key, StoredValue value) {
                        note(referenced, value);
                    }

                    @Override
                    public void removed(byte[] key, StoredValue value) {
                        // Referenced by the previous tree, noted already.
                    }

                    @Override
                    public void changed(byte[] key, StoredValue oldValue, StoredValue newValue) {
                        note(referenced, newValue);
                    }
                });
            }
            previous = tree;
        }
        return referenced;
    }

    private static void note(Set<Long> referenced, StoredValue value) {
        if (value instanceof StoredValue.Large large) {
            referenced.add(large.id());
        }
    }
}
