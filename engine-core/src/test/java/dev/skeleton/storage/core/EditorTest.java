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

import org.junit.jupiter.api.Test;

class EditorTest {

    @Test
    void appliesPutsAndRemovesTogether() {
        CopyOnWriteTree<byte[]> source = emptyTree().put(ascii("keep"), ascii("1"))
                .put(ascii("drop"), ascii("2")).put(ascii("change"), ascii("3"));
        Editor<byte[]> editor = source.edit();

        editor.put(ascii("new"), ascii("4"));
        editor.remove(ascii("drop"));
        editor.put(ascii("change"), ascii("33"));
        editor.remove(ascii("never there"));
        CopyOnWriteTree<byte[]> built = editor.build();

        assertEquals(3, built.size());
        assertEquals("1", new String(built.get(ascii("keep"))));
        assertEquals("4", new String(built.get(ascii("new"))));
        assertEquals("33", new String(built.get(ascii("change"))));
        assertNull(built.get(ascii("drop")));
        assertEquals(4 + 1 + 3 + 1 + 6 + 2, built.weight());
    }

    @Test
    void leavesTheSourceTreeAsItWas() {
        CopyOnWriteTree<byte[]> source = intTree(5_000);
        Editor<byte[]> editor = source.edit();
        for (int i = 0; i < 5_000; i += 3) {
            editor.remove(intKey(i));
        }
        editor.put(intKey(9_999), ascii("x"));

        CopyOnWriteTree<byte[]> built = editor.build();

        assertEquals(5_000, source.size());
        assertEquals(5_000 - 1_667 + 1, built.size());
        for (int i = 0; i < 5_000; i++) {
            assertEquals(i, intOf(source.get(intKey(i))));
            assertEquals(i % 3 != 0, built.containsKey(intKey(i)));
        }
    }

    @Test
    void theLastChangeToAKeyWins() {
        Editor<byte[]> editor = emptyTree().edit();
        editor.put(ascii("k"), ascii("first"));
        editor.remove(ascii("k"));
        editor.put(ascii("k"), ascii("last"));
        editor.put(ascii("gone"), ascii("v"));
        editor.remove(ascii("gone"));

        CopyOnWriteTree<byte[]> built = editor.build();

        assertEquals(1, built.size());
        assertEquals("last", new String(built.get(ascii("k"))));
    }

    @Test
    void aBatchWithoutEffectReturnsTheSourceTree() {
        byte[] value = ascii("v");
        CopyOnWriteTree<byte[]> source = intTree(1_000).put(ascii("k"), value);
        Editor<byte[]> editor = source.edit();
        editor.put(ascii("k"), value);
        editor.remove(ascii("absent"));

        assertSame(source, editor.build());
        assertSame(source, source.edit().build());
    }

    @Test
    void canEmptyAWholeTree() {
        CopyOnWriteTree<byte[]> source = intTree(10_000, 4, 4);
        Editor<byte[]> editor = source.edit();
        for (int i = 0; i < 10_000; i++) {
            editor.remove(intKey(i));
        }

        CopyOnWriteTree<byte[]> built = editor.build();

        assertTrue(built.isEmpty());
        assertEquals(0, built.weight());
        assertFalse(built.cursor(null, null, true).next());
    }

    @Test
    void buildsABalancedTreeFromManyEntriesAtOnce() {
        CopyOnWriteTree<byte[]> tree = intTree(20_000, 5, 5);

        assertEquals(20_000, tree.size());
        TreeInvariants.check(tree, 5, 5);
    }

    @Test
    void mergesRunsOfUnderfullLeavesIntoValidNodes() {
        CopyOnWriteTree<byte[]> source = intTree(12 * 20, 12, 12);
        Editor<byte[]> editor = source.edit();
        for (int i = 0; i < 12 * 20; i++) {
            if (i % 12 != 0 && i < 12 * 5) {
                editor.remove(intKey(i));
            }
        }

        CopyOnWriteTree<byte[]> built = editor.build();

        assertEquals(12 * 20 - 11 * 5, built.size());
        TreeInvariants.check(built, 12, 12);
        for (int i = 0; i < 12 * 5; i += 12) {
            assertEquals(i, intOf(built.get(intKey(i))));
        }
    }

    @Test
    void mergesALoneUnderfullLeafWhoseParentEmptied() {
        CopyOnWriteTree<byte[]> source = intTree(12 * 12 * 3, 12, 12);
        Editor<byte[]> editor = source.edit();
        for (int i = 12 * 12; i < 12 * 12 * 2; i++) {
            if (i != 12 * 12 + 50) {
                editor.remove(intKey(i));
            }
        }

        CopyOnWriteTree<byte[]> built = editor.build();

        assertEquals(12 * 12 * 2 + 1, built.size());
        TreeInvariants.check(built, 12, 12);
    }

    @Test
    void copiesOnlyTheNodesItsChangesTouch() {
        CopyOnWriteTree<byte[]> source = intTree(100_000);
        int height = source.root().height;
        Editor<byte[]> editor = source.edit();
        for (int i = 50_000; i < 50_040; i++) {
            editor.put(intKey(i), ascii("new"));
        }

        CopyOnWriteTree<byte[]> built = editor.build();

        int touchedLeaves = 2;
        assertTrue(TreeInvariants.countNodesNotIn(source, built) <= touchedLeaves * (height + 1));
    }

    @Test
    void isSpentAfterBuild() {
        Editor<byte[]> editor = emptyTree().edit();
        editor.build();

        assertThrows(IllegalStateException.class, () -> editor.put(ascii("k"), ascii("v")));
        assertThrows(IllegalStateException.class, () -> editor.remove(ascii("k")));
        assertThrows(IllegalStateException.class, editor::build);
    }
}
