package dev.skeleton.storage.file;

import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.SortedTreeBuilder;
import dev.skeleton.storage.core.TreeCursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The changes that replaying the log finds, gathered in log order and applied to the checkpoint's
 * tree once, at the end of the replay.
 *
 * <h2>Why not apply record by record</h2>
 * Replay only needs the working data as of the end of the log, never the trees in between. Applying
 * each record as it is read (as the store does while running) would build and drop one tree per
 * record, copying every leaf a record touches: after a bulk load of a million keys in records of a
 * thousand, that is most of the tree copied hundreds of times. Gathered, the changes are sorted once
 * by key ({@link KeyOrder}: stable, so the last change to a key stays last) and merged with the
 * checkpoint's entries into a new tree in one pass ({@link SortedTreeBuilder}).
 *
 * <p>A few changes onto a large checkpoint are cheaper applied as one batch to it than by rebuilding
 * all of it: below one change per {@value #MERGE_RATIO} entries, {@link #applyTo} does that instead.
 *
 * <p>The price of gathering: until the end of the replay, every value the log sets is held, also
 * the ones a later change to the same key replaces. A checkpoint is made once about as much as the
 * data weighs was written, so the log after it, and with it the extra heap an open needs for a
 * moment, is bounded by about the size of the data. Not thread-safe; used by one recovery.
 *
 * <p>Part of the first format (FORMAT.md, "Converting a format 1 store"): read only by
 * {@link FormatOneConversion} when such a store is opened.
 */
final class ReplayedChanges {

    /** Merging rewrites the whole tree; a batch rewrites about one leaf per change. */
    private static final int MERGE_RATIO = 8;

    /** The keys and values (null: delete) of the changes, in log order. */
    private byte[][] keys = new byte[1024][];
    private StoredValue[] values = new StoredValue[1024];
    private int count;

    /**
     * Adds the changes of one record, after those of the records before it.
     *
     * @param record the record's changes, in their order
     */
    void add(List<Change> record) {
        if (count + record.size() > keys.length) {
            int capacity = Math.max(count + record.size(), keys.length * 2);
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        // Kept as two arrays, not as the records' Change objects, so that those die young.
        for (Change change : record) {
            keys[count] = change.key();
            values[count] = change.value();
            count++;
        }
    }

    /**
     * The tree with every change applied in log order, the last change to a key winning. Spends
     * this object.
     *
     * @param base the checkpoint's tree; unchanged
     * @return the new tree, {@code base} itself if there were no changes
     */
    CopyOnWriteTree<StoredValue> applyTo(CopyOnWriteTree<StoredValue> base) {
        int n = count;
        byte[][] allKeys = keys;
        StoredValue[] allValues = values;
        keys = null;
        values = null;
        if (n == 0) {
            return base;
        }
        if ((long) n * MERGE_RATIO < base.size()) {
            List<Change> changes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                changes.add(new Change(allKeys[i], allValues[i]));
            }
            return Change.applyAll(base, changes);
        }
        // Stable: changes to one key keep their log order, so the last one of a run wins.
        return merge(base, allKeys, allValues, KeyOrder.of(allKeys, n));
    }

    private static CopyOnWriteTree<StoredValue> merge(CopyOnWriteTree<StoredValue> base, byte[][] keys,
            StoredValue[] values, int[] order) {
        SortedTreeBuilder<StoredValue> builder = base.sortedBuilder();
        TreeCursor<StoredValue> cursor = base.cursor(null, null, true);
        boolean more = cursor.next();
        int n = order.length;
        int next = 0;
        while (next < n) {
            byte[] key = keys[order[next]];
            int last = next;
            while (last + 1 < n && Arrays.equals(keys[order[last + 1]], key)) {
                last++;
            }
            while (more && Arrays.compareUnsigned(cursor.key(), key) < 0) {
                builder.add(cursor.key(), cursor.value());
                more = cursor.next();
            }
            if (more && Arrays.equals(cursor.key(), key)) {
                more = cursor.next();
            }
            StoredValue winner = values[order[last]];
            if (winner != null) {
                builder.add(key, winner);
            }
            next = last + 1;
        }
        while (more) {
            builder.add(cursor.key(), cursor.value());
            more = cursor.next();
        }
        return builder.build();
    }
}
