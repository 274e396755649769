package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static dev.skeleton.storage.core.TreeTestData.emptyTree;
import static dev.skeleton.storage.core.TreeTestData.intKey;
import static dev.skeleton.storage.core.TreeTestData.intOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedTreeBuilderTest {

    /** Builds keys {@code intKey(0..count-1)}, value = key, in a tree of the given widths. */
    private static CopyOnWriteTree<byte[]> built(int count, int maxLeafSlots, int maxInnerSlots) {
        SortedTreeBuilder<byte[]> builder = CopyOnWriteTree.<byte[]>empty(value -> value.length, maxLeafSlots,
                maxInnerSlots).sortedBuilder();
        for (int i = 0; i < count; i++) {
            byte[] key = intKey(i);
            builder.add(key, key);
        }
        assertEquals(count, builder.size());
        return builder.build();
    }

    private static void assertHoldsExactly(CopyOnWriteTree<byte[]> tree, int count) {
        assertEquals(count, tree.size());
        assertEquals(8L * count, tree.weight());
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        for (int i = 0; i < count; i++) {
            assertTrue(cursor.next());
            assertEquals(i, intOf(cursor.key()));
            assertEquals(i, intOf(cursor.value()));
        }
        assertFalse(cursor.next());
        for (int i = 0; i < count; i++) {
            assertEquals(i, intOf(tree.get(intKey(i))));
        }
        assertNull(tree.get(intKey(count)));
    }

    @Test
    void anEmptyBuilderBuildsTheEmptyTree() {
        CopyOnWriteTree<byte[]> tree = emptyTree().sortedBuilder().build();

        assertTrue(tree.isEmpty());
        assertEquals(0, tree.weight());
        assertFalse(tree.cursor(null, null, true).next());
        assertEquals(1, tree.put(ascii("k"), ascii("v")).size());
    }

    @Test
    void everySizeAndWidthGivesAValidTreeWithTheEntries() {
        int[][] widths = {{3, 3}, {4, 3}, {3, 5}, {5, 4}, {64, 64}};
        for (int[] width : widths) {
            for (int count = 1; count <= 200; count++) {
                CopyOnWriteTree<byte[]> tree = built(count, width[0], width[1]);
                TreeInvariants.check(tree, width[0], width[1]);
                assertHoldsExactly(tree, count);
            }
        }
    }

    @Test
    void aMillionEntriesMakeAShallowTreeOfFullNodes() {
        CopyOnWriteTree<byte[]> tree = built(1_000_000, 64, 64);

        TreeInvariants.check(tree, 64, 64);
        assertHoldsExactly(tree, 1_000_000);
        assertEquals(3, tree.root().height, "64 * 64 * 64 leaves' worth of room below a root of height 3");
    }

    @Test
    void aBuiltTreeChangesLikeAnyOther() {
        CopyOnWriteTree<byte[]> tree = built(1_000, 4, 4);
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            int number = random.nextInt(1_200);
            tree = random.nextBoolean() ? tree.remove(intKey(number)) : tree.put(intKey(number), intKey(number));
        }
        TreeInvariants.check(tree, 4, 4);
        Editor<byte[]> editor = tree.edit();
        for (int i = 0; i < 1_200; i += 2) {
            editor.remove(intKey(i));
        }
        CopyOnWriteTree<byte[]> edited = editor.build();
        TreeInvariants.check(edited, 4, 4);
        TreeCursor<byte[]> cursor = edited.cursor(null, null, true);
        while (cursor.next()) {
            assertEquals(1, intOf(cursor.key()) % 2);
        }
    }

    @Test
    void keysOutOfOrderAreRefusedAndLeaveTheBuilderAsItWas() {
        SortedTreeBuilder<byte[]> builder = emptyTree().sortedBuilder();
        builder.add(ascii("b"), ascii("1"));
        builder.add(ascii("b\0"), ascii("2"));

        assertThrows(IllegalArgumentException.class, () -> builder.add(ascii("b\0"), ascii("again")));
        assertThrows(IllegalArgumentException.class, () -> builder.add(ascii("a"), ascii("before")));
        assertThrows(IllegalArgumentException.class, () -> builder.add(ascii("b"), ascii("shorter")));
        builder.add(ascii("longer than 8 bytes, 1"), ascii("3"));
        assertThrows(IllegalArgumentException.class, () -> builder.add(ascii("longer than 8 bytes, 0"), ascii("x")));
        builder.add(ascii("longer than 8 bytes, 2"), ascii("4"));

        CopyOnWriteTree<byte[]> tree = builder.build();
        assertEquals(4, tree.size());
        assertArrayEquals(ascii("2"), tree.get(ascii("b\0")));
        assertArrayEquals(ascii("4"), tree.get(ascii("longer than 8 bytes, 2")));
    }

    @Test
    void aBuiltBuilderIsSpent() {
        SortedTreeBuilder<byte[]> builder = emptyTree().sortedBuilder();
        builder.add(ascii("k"), ascii("v"));
        builder.build();

        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(IllegalStateException.class, () -> builder.add(ascii("l"), ascii("v")));
    }
}
