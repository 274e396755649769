package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteSetAndMergeTest {

    private static byte[] k(int b) {
        return new byte[] {(byte) b};
    }

    private static CopyOnWriteTree<byte[]> base(int... keys) {
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(v -> v.length);
        for (int key : keys) {
            tree = tree.put(k(key), k(key));
        }
        return tree;
    }

    private static List<String> walk(TreeCursor<byte[]> cursor) {
        List<String> seen = new ArrayList<>();
        while (cursor.next()) {
            seen.add((cursor.key()[0] & 0xff) + "=" + (cursor.value()[0] & 0xff));
        }
        return seen;
    }

    @Test
    void writeSetRemembersSetsAndDeletes() {
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        assertTrue(writes.isEmpty());
        writes.put(k(1), k(10));
        writes.delete(k(2));
        assertArrayEquals(k(10), writes.lookup(k(1)));
        assertSame(WriteSet.TOMBSTONE, writes.lookup(k(2)));
        assertNull(writes.lookup(k(3)));
        assertTrue(writes.contains(k(2)));
        assertFalse(writes.contains(k(3)));
        assertEquals(2, writes.changedKeys(base(2, 3)).size());
        assertEquals(1, writes.changedKeys(base(3)).size(), "deleting an absent key changes nothing");
        CopyOnWriteTree<byte[]> applied = writes.applyTo(base(2, 3));
        assertEquals(List.of("1=10", "3=3"), walk(applied.cursor(null, null, true)));
    }

    @Test
    void snapshotsDoNotSeeLaterWrites() {
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        writes.put(k(1), k(1));
        CopyOnWriteTree<byte[]> snapshot = writes.snapshot();
        writes.put(k(2), k(2));
        assertEquals(1, snapshot.size());
    }

    /**
     * Writes change in place the nodes earlier writes made (see {@link WriteSet}); a snapshot must
     * stop that: overwrites, inserts and deletes of every key after it, in a tree of several levels,
     * leave it exactly as it was, and so does the next snapshot for the writes after it.
     */
    @Test
    void writesAfterASnapshotNeverChangeIt() {
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        int keys = 2_000;
        for (int i = 0; i < keys; i++) {
            writes.put(key(i), value(i, 1));
        }
        CopyOnWriteTree<byte[]> first = writes.snapshot();
        List<String> firstSeen = walkWide(first);
        for (int i = 0; i < keys; i++) {
            writes.put(key(i), value(i, 2));
            writes.put(key(i), value(i, 3));
        }
        CopyOnWriteTree<byte[]> second = writes.snapshot();
        List<String> secondSeen = walkWide(second);
        for (int i = 0; i < keys; i += 2) {
            writes.delete(key(i));
            writes.put(key(keys + i), value(i, 4));
        }
        assertTrue(firstSeen.equals(walkWide(first)), "the first snapshot changed");
        assertTrue(secondSeen.equals(walkWide(second)), "the second snapshot changed");
        assertEquals(keys, first.size());
        assertTrue(firstSeen.stream().allMatch(entry -> entry.endsWith("/1")), "the first snapshot's values");
        assertTrue(secondSeen.stream().allMatch(entry -> entry.endsWith("/3")), "the second snapshot's values");
        assertSame(WriteSet.TOMBSTONE, writes.lookup(key(0)));
        assertEquals(keys + keys / 2, writes.snapshot().size());
    }

    /**
     * Writes in ascending key order are kept as a run until something reads them or a write comes
     * out of order; whatever the mix, the write set holds what a sorted map of the same writes holds,
     * at every step, and its snapshots keep what they held.
     */
    @Test
    void writesInAndOutOfKeyOrderMatchASortedMap() {
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 200; trial++) {
            WriteSet<byte[]> writes = WriteSet.ofBytes();
            java.util.TreeMap<Integer, String> model = new java.util.TreeMap<>();
            List<CopyOnWriteTree<byte[]>> snapshots = new ArrayList<>();
            List<List<String>> snapshotsSeen = new ArrayList<>();
            int next = random.nextInt(10);
            int steps = 1 + random.nextInt(300);
            for (int step = 0; step < steps; step++) {
                int roll = random.nextInt(100);
                // Mostly ascending keys; sometimes a repeat, sometimes one from before.
                int k = roll < 80 ? (next += 1 + random.nextInt(3)) : roll < 90 ? next : random.nextInt(next + 1);
                if (random.nextInt(10) == 0) {
                    writes.delete(key(k));
                    model.put(k, "");
                } else {
                    writes.put(key(k), value(k, step));
                    model.put(k, k + "/" + step);
                }
                int read = random.nextInt(40);
                if (read == 0) {
                    int probe = random.nextInt(next + 2);
                    byte[] found = writes.lookup(key(probe));
                    assertEquals(model.get(probe), found == null ? null
                            : new String(found, java.nio.charset.StandardCharsets.UTF_8), "lookup of " + probe);
                    assertEquals(model.containsKey(probe), writes.contains(key(probe)));
                } else if (read == 1) {
                    CopyOnWriteTree<byte[]> snapshot = writes.snapshot();
                    snapshots.add(snapshot);
                    snapshotsSeen.add(walkWide(snapshot));
                }
            }
            assertFalse(writes.isEmpty());
            assertEquals(new ArrayList<>(model.values()), walkWide(writes.snapshot()), "trial " + trial);
            for (int i = 0; i < snapshots.size(); i++) {
                assertTrue(snapshotsSeen.get(i).equals(walkWide(snapshots.get(i))), "a snapshot changed");
            }
        }
    }

    @Test
    void anAscendingRunAppliesLikeAnyWrites() {
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        writes.put(k(1), k(10));
        writes.delete(k(2));
        writes.put(k(4), k(40));
        assertFalse(writes.isEmpty());
        assertEquals(List.of("1=10", "3=3", "4=40"), walk(writes.applyTo(base(2, 3)).cursor(null, null, true)));
        assertEquals(2, writes.changedKeys(base(3)).size(), "deleting an absent key changes nothing");
    }

    private static byte[] key(int i) {
        return new byte[] {(byte) (i >>> 8), (byte) i};
    }

    private static byte[] value(int i, int round) {
        return (i + "/" + round).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> walkWide(CopyOnWriteTree<byte[]> tree) {
        List<String> seen = new ArrayList<>();
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        while (cursor.next()) {
            seen.add(new String(cursor.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return seen;
    }

    @Test
    void mergeLaysWritesOverTheBaseInBothDirections() {
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        writes.put(k(2), k(20));
        writes.delete(k(3));
        writes.put(k(5), k(50));
        writes.delete(k(9));
        CopyOnWriteTree<byte[]> base = base(1, 2, 3, 4);
        assertEquals(List.of("1=1", "2=20", "4=4", "5=50"), walk(new MergedCursor<>(base.cursor(null, null, true),
                writes.snapshot().cursor(null, null, true), WriteSet.TOMBSTONE, true)));
        assertEquals(List.of("5=50", "4=4", "2=20", "1=1"), walk(new MergedCursor<>(base.cursor(null, null, false),
                writes.snapshot().cursor(null, null, false), WriteSet.TOMBSTONE, false)));
        assertEquals(List.of("2=20", "4=4"), walk(new MergedCursor<>(base.cursor(k(2), k(5), true),
                writes.snapshot().cursor(k(2), k(5), true), WriteSet.TOMBSTONE, true)));
    }

    @Test
    void aFinishedMergeHasNoCurrentEntry() {
        MergedCursor<byte[]> cursor = new MergedCursor<>(base(1).cursor(null, null, true),
                WriteSet.ofBytes().snapshot().cursor(null, null, true), WriteSet.TOMBSTONE, true);
        assertEquals(List.of("1=1"), walk(cursor));
        assertNull(cursor.key(), "callers read where an iteration stopped; the end is null");
        assertNull(cursor.value());
    }

    @Test
    void mergeOfNothingIsEmpty() {
        assertEquals(List.of(), walk(new MergedCursor<>(base().cursor(null, null, true),
                WriteSet.ofBytes().snapshot().cursor(null, null, true), WriteSet.TOMBSTONE, true)));
        WriteSet<byte[]> onlyDeletes = WriteSet.ofBytes();
        onlyDeletes.delete(k(1));
        assertEquals(List.of(), walk(new MergedCursor<>(base(1).cursor(null, null, true),
                onlyDeletes.snapshot().cursor(null, null, true), WriteSet.TOMBSTONE, true)));
    }
}
