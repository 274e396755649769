package dev.skeleton.storage.file;

import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.Editor;
import dev.skeleton.storage.core.TreeDiffVisitor;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a change set, a checkpoint or a version file: a key set to a value, or deleted.
 *
 * @param key   the key; owned by the store, never changed
 * @param value the value, or null for a delete
 */
record Change(byte[] key, StoredValue value) {

    /** Whether this change deletes its key. */
    boolean isDelete() {
        return value == null;
    }

    /**
     * A tree with the changes applied, in one batch.
     *
     * @param base    the tree to change; unchanged
     * @param changes the changes, the last one per key winning
     * @return the new tree
     */
    static CopyOnWriteTree<StoredValue> applyAll(CopyOnWriteTree<StoredValue> base, List<Change> changes) {
        Editor<StoredValue> editor = base.edit();
        for (Change change : changes) {
            if (change.isDelete()) {
                editor.remove(change.key());
            } else {
                editor.put(change.key(), change.value());
            }
        }
        return editor.build();
    }

    /**
     * The changes that turn one tree into another, in key order; costs what differs when the trees
     * share structure ({@link CopyOnWriteTree#diff}).
     *
     * @param from the tree before
     * @param to   the tree after
     * @return puts for added and changed keys, deletes for removed ones
     */
    static List<Change> between(CopyOnWriteTree<StoredValue> from, CopyOnWriteTree<StoredValue> to) {
        List<Change> changes = new ArrayList<>();
        CopyOnWriteTree.diff(from, to, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, StoredValue value) {
                changes.add(new Change(key, value));
            }

            @Override
            public void removed(byte[] key, StoredValue value) {
                changes.add(new Change(key, null));
            }

            @Override
            public void changed(byte[] key, StoredValue oldValue, StoredValue newValue) {
                changes.add(new Change(key, newValue));
            }
        });
        return changes;
    }
}
