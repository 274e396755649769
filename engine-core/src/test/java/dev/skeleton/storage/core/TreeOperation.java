package dev.skeleton.storage.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One step of a randomized model test of {@link CopyOnWriteTree}: plain data, so that a failing
 * sequence can be shrunk, replayed and printed.
 */
sealed interface TreeOperation {

    /** Performs the step on the tree and on the model, checking that they agree. */
    void runOn(TreeModelRun run);

    /** Sets a key to a value. */
    record Put(byte[] key, byte[] value) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.put(key, value);
        }

        @Override
        public String toString() {
            return "put " + Keys.describe(key) + " = " + Keys.describe(value);
        }
    }

    /** Removes a key. */
    record Remove(byte[] key) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.remove(key);
        }

        @Override
        public String toString() {
            return "remove " + Keys.describe(key);
        }
    }

    /** Reads a key with get and containsKey. */
    record Lookup(byte[] key) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.lookup(key);
        }

        @Override
        public String toString() {
            return "lookup " + Keys.describe(key);
        }
    }

    /** Walks a range with a cursor. */
    record Scan(byte[] start, byte[] end, boolean ascending) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.scan(start, end, ascending);
        }

        @Override
        public String toString() {
            return "scan [" + Keys.describe(start) + ", " + Keys.describe(end) + ") "
                    + (ascending ? "ascending" : "descending");
        }
    }

    /** Keeps the current tree and a copy of the model in a slot. */
    record TakeSnapshot(int slot) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.takeSnapshot(slot);
        }

        @Override
        public String toString() {
            return "snapshot into slot " + slot;
        }
    }

    /** Checks that a kept tree still equals its model copy. */
    record CheckSnapshot(int slot) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.checkSnapshot(slot);
        }

        @Override
        public String toString() {
            return "check snapshot " + slot;
        }
    }

    /** Diffs a kept tree against the current one, both ways. */
    record DiffSnapshot(int slot) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.diffSnapshot(slot);
        }

        @Override
        public String toString() {
            return "diff snapshot " + slot + " with the current tree";
        }
    }

    /** Applies several changes through one editor. */
    record EditBatch(List<TreeOperation> changes) implements TreeOperation {
        @Override
        public void runOn(TreeModelRun run) {
            run.editBatch(changes);
        }

        @Override
        public String toString() {
            return changes.stream().map(Object::toString)
                    .collect(Collectors.joining("; ", "edit {", "}"));
        }
    }
}
