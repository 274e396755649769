package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static dev.skeleton.storage.core.TreeTestData.emptyTree;
import static dev.skeleton.storage.core.TreeTestData.intKey;
import static dev.skeleton.storage.core.TreeTestData.intOf;
import static dev.skeleton.storage.core.TreeTestData.intTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CopyOnWriteTreeTest {

    @Test
    void emptyTreeHoldsNothing() {
        CopyOnWriteTree<byte[]> tree = emptyTree();

        assertEquals(0, tree.size());
        assertEquals(0, tree.weight());
        assertTrue(tree.isEmpty());
        assertNull(tree.get(ascii("k")));
        assertNull(tree.get(new byte[0]));
        assertFalse(tree.containsKey(ascii("k")));
        assertFalse(tree.cursor(null, null, true).next());
        assertFalse(tree.cursor(null, null, false).next());
        assertSame(tree, tree.remove(ascii("k")));
    }

    @Test
    void putReturnsANewTreeAndLeavesTheOldOneAsItWas() {
        CopyOnWriteTree<byte[]> empty = emptyTree();
        byte[] value = ascii("value");

        CopyOnWriteTree<byte[]> one = empty.put(ascii("key"), value);

        assertSame(value, one.get(ascii("key")));
        assertTrue(one.containsKey(ascii("key")));
        assertEquals(1, one.size());
        assertEquals(3 + 5, one.weight());
        assertFalse(one.isEmpty());
        assertTrue(empty.isEmpty());
        assertNull(empty.get(ascii("key")));
    }

    @Test
    void emptyKeysAndEmptyValuesAreEntriesLikeAnyOther() {
        CopyOnWriteTree<byte[]> tree = emptyTree().put(new byte[0], new byte[0]);

        assertTrue(tree.containsKey(new byte[0]));
        assertEquals(0, tree.get(new byte[0]).length);
        assertEquals(1, tree.size());
        assertEquals(0, tree.weight());
        assertTrue(tree.remove(new byte[0]).isEmpty());
    }

    @Test
    void replacingAValueUpdatesTheWeightAndKeepsTheSize() {
        CopyOnWriteTree<byte[]> tree = emptyTree().put(ascii("k"), ascii("short"));

        CopyOnWriteTree<byte[]> replaced = tree.put(ascii("k"), ascii("much longer"));

        assertEquals(1, replaced.size());
        assertEquals(1 + 11, replaced.weight());
        assertEquals("short", new String(tree.get(ascii("k"))));
    }

    @Test
    void storingTheSameValueAgainOrRemovingAnAbsentKeyReturnsTheSameTree() {
        byte[] value = ascii("v");
        CopyOnWriteTree<byte[]> tree = intTree(1_000).put(ascii("k"), value);

        assertSame(tree, tree.put(ascii("k"), value));
        assertSame(tree, tree.remove(ascii("absent")));
        assertSame(tree, tree.edit().build());
    }

    @Test
    void keysAreOrderedByUnsignedBytesIncludingSharedPrefixes() {
        List<byte[]> sorted = List.of(new byte[0], new byte[] {0}, new byte[] {0, 0}, ascii("a"),
                ascii("a\0"), ascii("abcdefgh"), ascii("abcdefgh\0"), ascii("abcdefghi"),
                ascii("abcdefgi"), new byte[] {0x7f}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0xff},
                new byte[] {(byte) 0xff, 0});
        List<byte[]> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(7));
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(value -> value.length, 3, 3);
        for (byte[] key : shuffled) {
            tree = tree.put(key, key);
        }

        List<byte[]> walked = new ArrayList<>();
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        while (cursor.next()) {
            walked.add(cursor.key());
            assertSame(cursor.key(), cursor.value());
        }
        assertEquals(sorted.size(), walked.size());
        for (int i = 0; i < sorted.size(); i++) {
            assertSame(sorted.get(i), walked.get(i), "position " + i);
            assertSame(sorted.get(i), tree.get(sorted.get(i).clone()));
        }
        assertNull(tree.get(ascii("abcdefg")));
        assertNull(tree.get(ascii("abcdefgh\0\0")));
    }

    @Test
    void aBigTreeKeepsSizeOrderAndContent() {
        int count = 200_000;
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(i);
        }
        Collections.shuffle(numbers, new Random(11));
        CopyOnWriteTree<byte[]> tree = emptyTree();
        for (int number : numbers) {
            byte[] key = intKey(number);
            tree = tree.put(key, key);
        }

        assertEquals(count, tree.size());
        assertEquals(8L * count, tree.weight());
        assertWalksInOrder(tree, 0, count);
        for (int i = 0; i < count; i += 7) {
            assertEquals(i, intOf(tree.get(intKey(i))));
        }
        TreeInvariants.check(tree, TreeSettings.DEFAULT_MAX_LEAF_SLOTS,
                TreeSettings.DEFAULT_MAX_INNER_SLOTS);
        assertTrue(tree.root().height <= 4, "height " + tree.root().height);
    }

    @Test
    void aBigTreeShrinksBackToEmpty() {
        int count = 50_000;
        CopyOnWriteTree<byte[]> tree = intTree(count);
        CopyOnWriteTree<byte[]> full = tree;

        for (int i = 0; i < count; i += 2) {
            tree = tree.remove(intKey(i));
        }
        assertEquals(count / 2, tree.size());
        TreeInvariants.check(tree, TreeSettings.DEFAULT_MAX_LEAF_SLOTS,
                TreeSettings.DEFAULT_MAX_INNER_SLOTS);
        for (int i = 1; i < count; i += 2) {
            tree = tree.remove(intKey(i));
        }

        assertTrue(tree.isEmpty());
        assertEquals(0, tree.weight());
        assertEquals(0, tree.root().height);
        assertEquals(count, full.size());
        assertWalksInOrder(full, 0, count);
    }

    @Test
    void aPutIntoALargeTreeSharesAllButOnePathOfNodes() {
        CopyOnWriteTree<byte[]> before = intTree(100_000);
        int height = before.root().height;

        CopyOnWriteTree<byte[]> replaced = before.put(intKey(5_000), ascii("new"));
        CopyOnWriteTree<byte[]> inserted = before.put(intKey(-1), ascii("new"));

        assertTrue(height >= 2, "height " + height);
        assertTrue(TreeInvariants.countNodesNotIn(before, replaced) <= height + 1);
        assertTrue(TreeInvariants.countNodesNotIn(before, inserted) <= height + 2);
    }

    @Test
    void diffBetweenRelatedTreesVisitsOnlyTheChangedPart() {
        CopyOnWriteTree<byte[]> before = intTree(100_000);
        CopyOnWriteTree<byte[]> after = before.put(intKey(77_777), ascii("new")).remove(intKey(3))
                .put(intKey(200_000), ascii("added"));
        List<String> events = new ArrayList<>();

        long steps = new TreeDiff<>(before.root(), after.root(), recorder(events)).run();

        assertEquals(List.of("removed 3", "changed 77777", "added 200000"), events);
        int perChange = TreeSettings.DEFAULT_MAX_LEAF_SLOTS * (before.root().height + 1);
        assertTrue(steps < 3 * perChange, "steps " + steps + " for 3 changes in 100k entries");
    }

    @Test
    void diffPairsOverwrittenValuesByIndexAndWalksTheRest() {
        CopyOnWriteTree<byte[]> before = intTree(100_000);
        CopyOnWriteTree<byte[]> overwritten = before;
        for (int key = 10; key < 100_000; key += 997) {
            overwritten = overwritten.put(intKey(key), ascii("v" + key));
        }
        CopyOnWriteTree<byte[]> mixed = overwritten.put(intKey(50_001), ascii("same leaf, replaced"))
                .remove(intKey(50_002)).put(intKey(150_000), ascii("new last key"));
        List<String> events = new ArrayList<>();

        CopyOnWriteTree.diff(before, mixed, recorder(events));

        List<String> expected = new ArrayList<>();
        for (int key = 10; key < 100_000; key += 997) {
            expected.add("changed " + key);
            if (key == 49_860) {
                expected.add("changed 50001");
                expected.add("removed 50002");
            }
        }
        expected.add("added 150000");
        assertEquals(expected, events, "every change once, in key order");
        List<String> backwards = new ArrayList<>();
        CopyOnWriteTree.diff(overwritten, before, recorder(backwards));
        assertEquals(expected.stream().filter(e -> e.startsWith("changed") && !e.endsWith(" 50001")).toList(),
                backwards);
    }

    @Test
    void diffOfATreeWithItselfTakesOneStep() {
        CopyOnWriteTree<byte[]> tree = intTree(10_000);
        List<String> events = new ArrayList<>();

        assertEquals(1, new TreeDiff<>(tree.root(), tree.root(), recorder(events)).run());
        assertTrue(events.isEmpty());
    }

    @Test
    void diffIsCorrectForUnrelatedTreesOfDifferentShapes() {
        Random random = new Random(5);
        TreeMap<Integer, Integer> left = new TreeMap<>();
        TreeMap<Integer, Integer> right = new TreeMap<>();
        for (int i = 0; i < 3_000; i++) {
            left.put(random.nextInt(5_000), random.nextInt(3));
            right.put(random.nextInt(5_000), random.nextInt(3));
        }
        byte[][] values = {ascii("0"), ascii("1"), ascii("2")};
        CopyOnWriteTree<byte[]> narrow = CopyOnWriteTree.empty(value -> value.length, 3, 4);
        for (var entry : left.entrySet()) {
            narrow = narrow.put(intKey(entry.getKey()), values[entry.getValue()]);
        }
        CopyOnWriteTree<byte[]> wide = emptyTree();
        for (var entry : right.entrySet()) {
            wide = wide.put(intKey(entry.getKey()), values[entry.getValue()]);
        }

        List<String> events = new ArrayList<>();
        CopyOnWriteTree.diff(narrow, wide, recorder(events));

        assertEquals(expectedDiff(left, right), events);
    }

    @Test
    void rejectsNodesTooNarrowToSplit() {
        assertThrows(IllegalArgumentException.class, () -> CopyOnWriteTree.empty(v -> 0L, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> CopyOnWriteTree.empty(v -> 0L, 8, 2));
    }

    @Test
    void describesItself() {
        assertEquals("CopyOnWriteTree[size=1, weight=2, height=0]",
                emptyTree().put(ascii("k"), ascii("v")).toString());
    }

    private static List<String> expectedDiff(TreeMap<Integer, Integer> from, TreeMap<Integer, Integer> to) {
        TreeMap<Integer, String> events = new TreeMap<>();
        from.forEach((key, value) -> {
            Integer newValue = to.get(key);
            if (newValue == null) {
                events.put(key, "removed " + key);
            } else if (!newValue.equals(value)) {
                events.put(key, "changed " + key);
            }
        });
        to.keySet().stream().filter(key -> !from.containsKey(key))
                .forEach(key -> events.put(key, "added " + key));
        return new ArrayList<>(events.values());
    }

    private static TreeDiffVisitor<byte[]> recorder(List<String> events) {
        return new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, byte[] value) {
                events.add("added " + intOf(key));
            }

            @Override
            public void removed(byte[] key, byte[] value) {
                events.add("removed " + intOf(key));
            }

            @Override
            public void changed(byte[] key, byte[] oldValue, byte[] newValue) {
                events.add("changed " + intOf(key));
            }
        };
    }

    private static void assertWalksInOrder(CopyOnWriteTree<byte[]> tree, int first, int end) {
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        for (int expected = first; expected < end; expected++) {
            assertTrue(cursor.next());
            assertEquals(expected, intOf(cursor.key()));
        }
        assertFalse(cursor.next());
    }
}
