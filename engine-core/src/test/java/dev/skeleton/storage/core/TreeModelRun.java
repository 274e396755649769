package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Runs {@link TreeOperation}s against a {@link CopyOnWriteTree} and a {@link TreeMap} model side by
 * side, and fails (with an {@link AssertionError}) at the first disagreement. After every step it
 * checks the whole tree: contents, size, weight and structural invariants.
 */
final class TreeModelRun {

    private final int maxLeafSlots;
    private final int maxInnerSlots;
    /** The token of in-place puts and removes, or null to copy on every write. */
    private EditToken owner;
    private CopyOnWriteTree<byte[]> tree;
    private TreeMap<byte[], byte[]> model = newModel();
    private final Map<Integer, Snapshot> snapshots = new HashMap<>();
    /** Cursors opened on snapshots, partly read, held open while the tree changes. */
    private final List<HeldCursor> heldCursors = new ArrayList<>();

    private record Snapshot(CopyOnWriteTree<byte[]> tree, TreeMap<byte[], byte[]> model) {
    }

    /** A cursor held open, and the entries it has still to give: its snapshot's, from where it stands. */
    private record HeldCursor(TreeCursor<byte[]> cursor, List<String> remaining, String when) {
    }

    TreeModelRun(int maxLeafSlots, int maxInnerSlots) {
        this(maxLeafSlots, maxInnerSlots, false);
    }

    /**
     * @param inPlace whether puts and removes change in place what they may, under a token that
     *                every snapshot retires (as a store does before it hands a tree out)
     */
    TreeModelRun(int maxLeafSlots, int maxInnerSlots, boolean inPlace) {
        this.maxLeafSlots = maxLeafSlots;
        this.maxInnerSlots = maxInnerSlots;
        this.owner = inPlace ? new EditToken() : null;
        this.tree = CopyOnWriteTree.empty(value -> value.length, maxLeafSlots, maxInnerSlots);
    }

    static TreeMap<byte[], byte[]> newModel() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /** Runs every step, then checks every snapshot once more. */
    void runAll(List<TreeOperation> operations) {
        for (TreeOperation operation : operations) {
            operation.runOn(this);
            checkMatches(tree, model, "after " + operation);
        }
        for (int slot : snapshots.keySet()) {
            checkSnapshot(slot);
        }
        for (HeldCursor held : heldCursors) {
            assertEquals(held.remaining(), describe(held.cursor()),
                    "the rest of a cursor opened " + held.when() + " and held open since");
        }
    }

    void put(byte[] key, byte[] value) {
        CopyOnWriteTree<byte[]> after = owner == null ? tree.put(key, value) : tree.put(key, value, owner);
        if (model.get(key) == value) {
            assertSame(tree, after, "storing the value already stored returns the same tree");
        }
        model.put(key, value);
        tree = after;
    }

    void remove(byte[] key) {
        CopyOnWriteTree<byte[]> after = owner == null ? tree.remove(key) : tree.remove(key, owner);
        if (!model.containsKey(key)) {
            assertSame(tree, after, "removing an absent key returns the same tree");
        }
        model.remove(key);
        tree = after;
    }

    void lookup(byte[] key) {
        assertSame(model.get(key), tree.get(key), "get");
        assertEquals(model.containsKey(key), tree.containsKey(key), "containsKey");
    }

    void scan(byte[] start, byte[] end, boolean ascending) {
        NavigableMap<byte[], byte[]> expected = modelRange(model, start, end, ascending);
        if (!sameEntries(expected, tree.cursor(start, end, ascending))) {
            assertEquals(describe(expected), describe(tree.cursor(start, end, ascending)),
                    "cursor entries");
        }
    }

    void takeSnapshot(int slot) {
        if (owner != null) {
            // The tree is handed out: its nodes must never change again.
            owner = new EditToken();
        }
        snapshots.put(slot, new Snapshot(tree, new TreeMap<>(model)));
        holdCursor(slot);
    }

    /** Opens a cursor on the snapshot just taken, reads a few entries, and keeps it open. */
    private void holdCursor(int slot) {
        TreeCursor<byte[]> cursor = tree.cursor(null, null, slot % 2 == 0);
        List<String> entries = describe(slot % 2 == 0 ? model : model.descendingMap());
        int read = Math.min(entries.size(), slot + 1);
        for (int i = 0; i < read; i++) {
            assertTrue(cursor.next(), "a held cursor's first entries");
        }
        heldCursors.add(new HeldCursor(cursor, new ArrayList<>(entries.subList(read, entries.size())),
                "with " + model.size() + " entries"));
    }

    void checkSnapshot(int slot) {
        Snapshot snapshot = snapshots.get(slot);
        if (snapshot != null) {
            checkMatches(snapshot.tree(), snapshot.model(), "snapshot " + slot);
        }
    }

    void diffSnapshot(int slot) {
        Snapshot snapshot = snapshots.get(slot);
        if (snapshot == null) {
            return;
        }
        assertEquals(modelDiff(snapshot.model(), model), treeDiff(snapshot.tree(), tree),
                "diff from snapshot " + slot + " to the current tree");
        assertEquals(modelDiff(model, snapshot.model()), treeDiff(tree, snapshot.tree()),
                "diff from the current tree to snapshot " + slot);
    }

    void editBatch(List<TreeOperation> changes) {
        CopyOnWriteTree<byte[]> source = tree;
        TreeMap<byte[], byte[]> sourceModel = new TreeMap<>(model);
        Editor<byte[]> editor = tree.edit();
        for (TreeOperation change : changes) {
            if (change instanceof TreeOperation.Put put) {
                editor.put(put.key(), put.value());
                model.put(put.key(), put.value());
            } else if (change instanceof TreeOperation.Remove remove) {
                editor.remove(remove.key());
                model.remove(remove.key());
            }
        }
        tree = editor.build();
        assertThrows(IllegalStateException.class, editor::build, "an editor builds once");
        if (model.equals(sourceModel)) {
            assertSame(source, tree, "a batch without effect returns the source tree");
        }
        checkMatches(source, sourceModel, "the source of a batch");
    }

    private void checkMatches(CopyOnWriteTree<byte[]> checked, TreeMap<byte[], byte[]> expected,
            String when) {
        if (!sameEntries(expected, checked.cursor(null, null, true))) {
            assertEquals(describe(expected), describe(checked.cursor(null, null, true)),
                    "entries " + when);
        }
        assertEquals(expected.size(), checked.size(), "size " + when);
        long expectedWeight = expected.entrySet().stream()
                .mapToLong(entry -> entry.getKey().length + entry.getValue().length).sum();
        assertEquals(expectedWeight, checked.weight(), "weight " + when);
        TreeInvariants.check(checked, maxLeafSlots, maxInnerSlots);
    }

    /** A fast comparison for the common case; the caller describes the difference. */
    private static boolean sameEntries(Map<byte[], byte[]> expected, TreeCursor<byte[]> cursor) {
        for (Map.Entry<byte[], byte[]> entry : expected.entrySet()) {
            if (!cursor.next() || !Arrays.equals(entry.getKey(), cursor.key())
                    || entry.getValue() != cursor.value()) {
                return false;
            }
        }
        return !cursor.next();
    }

    static NavigableMap<byte[], byte[]> modelRange(NavigableMap<byte[], byte[]> model, byte[] start,
            byte[] end, boolean ascending) {
        boolean hasStart = start != null && start.length > 0;
        boolean hasEnd = end != null && end.length > 0;
        if (hasStart && hasEnd && Arrays.compareUnsigned(start, end) >= 0) {
            return newModel();
        }
        NavigableMap<byte[], byte[]> range = model;
        if (hasStart) {
            range = range.tailMap(start, true);
        }
        if (hasEnd) {
            range = range.headMap(end, false);
        }
        return ascending ? range : range.descendingMap();
    }

    static List<String> describe(Map<byte[], byte[]> entries) {
        List<String> described = new ArrayList<>();
        entries.forEach((key, value) -> described.add(entry(key, value)));
        return described;
    }

    static List<String> describe(TreeCursor<byte[]> cursor) {
        List<String> described = new ArrayList<>();
        while (cursor.next()) {
            described.add(entry(cursor.key(), cursor.value()));
        }
        return described;
    }

    private static String entry(byte[] key, byte[] value) {
        return Keys.describe(key) + "=" + Keys.describe(value) + "@" + System.identityHashCode(value);
    }

    static List<String> modelDiff(TreeMap<byte[], byte[]> from, TreeMap<byte[], byte[]> to) {
        TreeMap<byte[], String> events = new TreeMap<>(Arrays::compareUnsigned);
        from.forEach((key, value) -> {
            byte[] newValue = to.get(key);
            if (newValue == null) {
                events.put(key, "removed " + entry(key, value));
            } else if (newValue != value) {
                events.put(key, "changed " + entry(key, value) + " -> " + entry(key, newValue));
            }
        });
        to.forEach((key, value) -> {
            if (!from.containsKey(key)) {
                events.put(key, "added " + entry(key, value));
            }
        });
        return new ArrayList<>(events.values());
    }

    static List<String> treeDiff(CopyOnWriteTree<byte[]> from, CopyOnWriteTree<byte[]> to) {
        List<String> events = new ArrayList<>();
        CopyOnWriteTree.diff(from, to, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, byte[] value) {
                events.add("added " + entry(key, value));
            }

            @Override
            public void removed(byte[] key, byte[] value) {
                events.add("removed " + entry(key, value));
            }

            @Override
            public void changed(byte[] key, byte[] oldValue, byte[] newValue) {
                events.add("changed " + entry(key, oldValue) + " -> " + entry(key, newValue));
            }
        });
        return events;
    }
}
