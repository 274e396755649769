package dev.skeleton.storage.core;

import static dev.skeleton.storage.core.TreeTestData.ascii;
import static dev.skeleton.storage.core.TreeTestData.emptyTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tree with its content hash, advanced to other trees by their diff. */
class HashedTreeTest {

    private static final CopyOnWriteTree<byte[]> EMPTY = emptyTree();

    /** The hash of a tree from scratch, entry by entry. */
    private static byte[] scratchHashOf(CopyOnWriteTree<byte[]> tree) {
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        while (cursor.next()) {
            entries.add(Map.entry(cursor.key(), cursor.value()));
        }
        return ContentHash.of(entries);
    }

    private static CopyOnWriteTree<byte[]> filled(int count) {
        CopyOnWriteTree<byte[]> tree = EMPTY;
        for (int i = 0; i < count; i++) {
            tree = tree.put(ascii("key-" + i), ascii("value-" + i));
        }
        return tree;
    }

    /** Below and above the size from which the changes are hashed on several threads. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 512, 3000})
    void advancingForwardAndBackGivesTheHashOfEachTree(int count) {
        HashedTree<byte[]> empty = HashedTree.empty(EMPTY, EntryHasher.BYTES);
        CopyOnWriteTree<byte[]> full = filled(count);
        CopyOnWriteTree<byte[]> changed = full;
        for (int i = 0; i < count; i += 3) {
            changed = changed.put(ascii("key-" + i), ascii("changed"));
        }
        for (int i = 1; i < count; i += 3) {
            changed = changed.remove(ascii("key-" + i));
        }
        changed = changed.put(ascii("new"), ascii("entry"));

        HashedTree<byte[]> atFull = empty.advancedTo(full);
        HashedTree<byte[]> atChanged = atFull.advancedTo(changed);
        assertSame(full, atFull.tree());
        assertArrayEquals(scratchHashOf(full), atFull.digest());
        assertArrayEquals(scratchHashOf(changed), atChanged.digest());
        assertArrayEquals(atFull.digest(), atChanged.advancedTo(full).digest(), "and back");
        assertArrayEquals(new ContentHash().digest(), atChanged.advancedTo(EMPTY).digest(), "and back to empty");
        assertArrayEquals(scratchHashOf(full), empty.advancedTo(full).digest(), "the start is unchanged");
    }

    @Test
    void advancingToItsOwnTreeCostsNothing() {
        CopyOnWriteTree<byte[]> tree = filled(10);
        HashedTree<byte[]> hashed = HashedTree.empty(EMPTY, EntryHasher.BYTES).advancedTo(tree);
        assertSame(hashed, hashed.advancedTo(tree));
    }

    @Test
    void onlyWhatDiffersIsHashed() {
        AtomicInteger hashed = new AtomicInteger();
        EntryHasher<byte[]> counting = new EntryHasher<>() {
            @Override
            public void add(ContentHash hash, byte[] key, byte[] value) {
                hashed.incrementAndGet();
                hash.add(key, value);
            }

            @Override
            public void remove(ContentHash hash, byte[] key, byte[] value) {
                hashed.incrementAndGet();
                hash.remove(key, value);
            }
        };
        CopyOnWriteTree<byte[]> big = filled(5000);
        HashedTree<byte[]> start = HashedTree.of(big, HashedTree.empty(EMPTY, EntryHasher.BYTES).advancedTo(big)
                .state(), counting);
        CopyOnWriteTree<byte[]> changed = big.put(ascii("key-17"), ascii("other")).remove(ascii("key-4000"));

        HashedTree<byte[]> advanced = start.advancedTo(changed);
        assertEquals(3, hashed.get(), "one value replaced (out and in) and one entry removed");
        assertArrayEquals(scratchHashOf(changed), advanced.digest());
    }

    @Test
    void aStateTakenOutAndPutBackHashesTheSame() {
        CopyOnWriteTree<byte[]> tree = filled(100);
        HashedTree<byte[]> hashed = HashedTree.empty(EMPTY, EntryHasher.BYTES).advancedTo(tree);
        byte[] state = hashed.state();
        state[0] ^= 1;
        assertArrayEquals(scratchHashOf(tree), HashedTree.of(tree, hashed.state(), EntryHasher.BYTES).digest(),
                "the state handed out is a copy");
        byte[] digest = hashed.digest();
        digest[0] ^= 1;
        assertArrayEquals(scratchHashOf(tree), hashed.digest(), "the digest handed out is a copy");
        assertThrows(IllegalArgumentException.class, () -> HashedTree.of(tree, new byte[8], EntryHasher.BYTES));
    }

    @Test
    void aTreeLaidOutAnewKeepsItsHash() {
        CopyOnWriteTree<byte[]> tree = filled(100);
        CopyOnWriteTree<byte[]> copy = filled(100);
        HashedTree<byte[]> hashed = HashedTree.empty(EMPTY, EntryHasher.BYTES).advancedTo(tree);
        HashedTree<byte[]> relaid = hashed.relaidAs(copy);
        assertNotSame(hashed, relaid);
        assertSame(copy, relaid.tree());
        assertArrayEquals(hashed.digest(), relaid.digest());
        CopyOnWriteTree<byte[]> next = copy.remove(ascii("key-5"));
        assertArrayEquals(scratchHashOf(next), relaid.advancedTo(next).digest());
    }
}
