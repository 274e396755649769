package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static dev.skeleton.storage.core.TreeTestData.emptyTree;
import static dev.skeleton.storage.core.TreeTestData.intKey;
import static dev.skeleton.storage.core.TreeTestData.intOf;
import static dev.skeleton.storage.core.TreeTestData.intTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cursor edge cases over a narrow tree of the even numbers 0, 2, ... 198 (height 3 or more). */
class RangeCursorTest {

    private static final CopyOnWriteTree<byte[]> EVENS = evens();

    private static CopyOnWriteTree<byte[]> evens() {
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(value -> value.length, 3, 3);
        for (int i = 0; i < 200; i += 2) {
            tree = tree.put(intKey(i), intKey(i));
        }
        return tree;
    }

    /** Bounds: -1 for null, -2 for an empty array, otherwise a number. */
    @ParameterizedTest(name = "[{0}, {1}) ascending={2}: first {3}, last {4}, count {5}")
    @CsvSource({
        "-1, -1, true, 0, 198, 100",
        "-1, -1, false, 198, 0, 100",
        "-2, -2, true, 0, 198, 100",
        "-2, -1, false, 198, 0, 100",
        "10, 20, true, 10, 18, 5",
        "10, 20, false, 18, 10, 5",
        "11, 21, true, 12, 20, 5",
        "11, 21, false, 20, 12, 5",
        "-1, 1, true, 0, 0, 1",
        "-1, 1, false, 0, 0, 1",
        "197, -1, true, 198, 198, 1",
        "197, -2, false, 198, 198, 1",
        "0, 199, false, 198, 0, 100",
        "198, 1000, true, 198, 198, 1",
        "198, 1000, false, 198, 198, 1",
    })
    void walksTheHalfOpenRange(int start, int end, boolean ascending, int first, int last, int count) {
        List<Integer> walked = walk(EVENS.cursor(bound(start), bound(end), ascending));

        assertEquals(count, walked.size());
        assertEquals(first, walked.get(0));
        assertEquals(last, walked.get(walked.size() - 1));
    }

    @ParameterizedTest(name = "[{0}, {1}) is empty")
    @CsvSource({
        "20, 20", "21, 20", "1000, -1", "199, -2", "-1, 0", "-2, 0", "1000, 2000", "101, 102", "5, 6",
    })
    void emptyRangesVisitNothingInEitherDirection(int start, int end) {
        assertTrue(walk(EVENS.cursor(bound(start), bound(end), true)).isEmpty());
        assertTrue(walk(EVENS.cursor(bound(start), bound(end), false)).isEmpty());
    }

    @Test
    void walksEveryEntryOfALargeTreeBothWays() {
        CopyOnWriteTree<byte[]> tree = intTree(30_000, 4, 4);

        List<Integer> ascending = walk(tree.cursor(null, null, true));
        List<Integer> descending = walk(tree.cursor(null, null, false));

        assertEquals(30_000, ascending.size());
        for (int i = 0; i < 30_000; i++) {
            assertEquals(i, ascending.get(i));
            assertEquals(29_999 - i, descending.get(i));
        }
    }

    @Test
    void readsTheTreeItCameFromWhateverHappensLater() {
        CopyOnWriteTree<byte[]> tree = intTree(100, 3, 3);
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        assertTrue(cursor.next());

        CopyOnWriteTree<byte[]> changed = tree.remove(intKey(1)).put(intKey(1_000), ascii("x"));

        assertEquals(0, intOf(cursor.key()));
        List<Integer> rest = walk(cursor);
        assertEquals(99, rest.size());
        assertEquals(1, rest.get(0));
        assertEquals(100, changed.size());
    }

    @Test
    void refusesToBeReadBeforeTheFirstEntryOrAfterTheLast() {
        TreeCursor<byte[]> cursor = EVENS.cursor(intKey(0), intKey(1), true);

        assertThrows(IllegalStateException.class, cursor::key);
        assertThrows(IllegalStateException.class, cursor::value);
        assertTrue(cursor.next());
        assertEquals(0, intOf(cursor.value()));
        assertFalse(cursor.next());
        assertFalse(cursor.next());
        assertThrows(IllegalStateException.class, cursor::key);
        assertThrows(IllegalStateException.class, cursor::value);
    }

    @Test
    void anEmptyTreeHasNothingToWalk() {
        TreeCursor<byte[]> cursor = emptyTree().cursor(ascii("a"), ascii("z"), false);

        assertFalse(cursor.next());
        assertThrows(IllegalStateException.class, cursor::key);
    }

    private static byte[] bound(int number) {
        if (number == -1) {
            return null;
        }
        return number == -2 ? new byte[0] : intKey(number);
    }

    private static List<Integer> walk(TreeCursor<byte[]> cursor) {
        List<Integer> numbers = new ArrayList<>();
        while (cursor.next()) {
            numbers.add(intOf(cursor.key()));
        }
        return numbers;
    }
}
