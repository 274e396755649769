package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static dev.skeleton.storage.core.TreeTestData.intKey;
import static dev.skeleton.storage.core.TreeTestData.intOf;
import static dev.skeleton.storage.core.TreeTestData.intTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CopyOnWriteTree#applySorted}: a write set's snapshot applied as one batch, as an editor would. */
class ApplySortedTest {

    @Test
    void appliesSetsAndRemovalsLikeAnEditor() {
        CopyOnWriteTree<byte[]> source = intTree(20_000);
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        Editor<byte[]> editor = source.edit();
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            int key = random.nextInt(30_000);
            if (random.nextBoolean()) {
                byte[] value = intKey(-key);
                writes.put(intKey(key), value);
                editor.put(intKey(key), value);
            } else {
                writes.delete(intKey(key));
                editor.remove(intKey(key));
            }
        }

        CopyOnWriteTree<byte[]> applied = source.applySorted(writes.snapshot(), writes.tombstone());
        CopyOnWriteTree<byte[]> edited = editor.build();

        assertEquals(edited.size(), applied.size());
        assertEquals(edited.weight(), applied.weight());
        TreeCursor<byte[]> expected = edited.cursor(null, null, true);
        TreeCursor<byte[]> actual = applied.cursor(null, null, true);
        while (expected.next()) {
            actual.next();
            assertEquals(intOf(expected.key()), intOf(actual.key()));
            assertSame(expected.value(), actual.value());
        }
        assertEquals(20_000, source.size(), "the source tree is unchanged");
        TreeInvariants.check(applied, TreeSettings.DEFAULT_MAX_LEAF_SLOTS, TreeSettings.DEFAULT_MAX_INNER_SLOTS);
    }

    @Test
    void changesWithoutEffectReturnTheSameTree() {
        byte[] value = ascii("v");
        CopyOnWriteTree<byte[]> source = intTree(100).put(ascii("k"), value);
        WriteSet<byte[]> writes = WriteSet.ofBytes();
        assertSame(source, source.applySorted(writes.snapshot(), writes.tombstone()), "no changes");

        writes.put(ascii("k"), value);
        writes.delete(ascii("absent"));
        assertSame(source, source.applySorted(writes.snapshot(), writes.tombstone()), "changes without effect");
    }
}
