package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.VersionInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionHistoryTest {

    private static final CopyOnWriteTree<byte[]> EMPTY = CopyOnWriteTree.empty(v -> v.length);

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void numbersGrowAndAreNeverReused() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 2, EMPTY);
        assertEquals(0, history.current());
        assertEquals(1, history.save(EMPTY).version());
        assertEquals(2, history.save(EMPTY).version());
        history.load(1);
        assertEquals(1, history.current());
        assertEquals(3, history.save(EMPTY).version());
        assertArrayEquals(new long[] {2, 3}, history.list(), "pruned to the newest two");
        StorageException e = assertThrows(StorageException.class, () -> history.load(1));
        assertEquals(ErrorCode.VERSION_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("store s"), e.getMessage());
        assertEquals(3, history.current(), "a failed load changes nothing");
    }

    @Test
    void unlimitedKeepsEverything() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 0, EMPTY);
        for (int i = 0; i < 150; i++) {
            history.save(EMPTY);
        }
        assertEquals(150, history.list().length);
        history.clear();
        assertEquals(0, history.list().length);
    }

    @Test
    void loadReturnsTheSavedTree() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 10, EMPTY);
        CopyOnWriteTree<byte[]> one = EMPTY.put(b("a"), b("1"));
        history.save(one);
        assertSame(one, history.load(1));
    }

    @Test
    void largeChangeSetsHashInParallelToTheSameResult() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 10, EMPTY);
        CopyOnWriteTree<byte[]> tree = EMPTY;
        java.util.List<Map.Entry<byte[], byte[]>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] key = b("key-" + i);
            byte[] value = b("value-" + (i * 7));
            tree = tree.put(key, value);
            entries.add(Map.entry(key, value));
        }
        assertArrayEquals(ContentHash.of(entries), history.save(tree).hash());
        CopyOnWriteTree<byte[]> changed = tree;
        for (int i = 0; i < 3000; i += 2) {
            changed = changed.remove(b("key-" + i));
        }
        CopyOnWriteTree<byte[]> expected = changed;
        java.util.List<Map.Entry<byte[], byte[]>> remaining = new java.util.ArrayList<>();
        TreeCursor<byte[]> cursor = expected.cursor(null, null, true);
        while (cursor.next()) {
            remaining.add(Map.entry(cursor.key(), cursor.value()));
        }
        assertArrayEquals(ContentHash.of(remaining), history.save(changed).hash());
        assertArrayEquals(ContentHash.of(entries), history.hashOf(tree), "and back again");
    }

    @Test
    void includeAddsAnotherAccumulatorsContent() {
        ContentHash left = new ContentHash();
        left.add(b("a"), b("1"));
        ContentHash right = new ContentHash();
        right.add(b("b"), b("2"));
        left.include(right);
        assertArrayEquals(ContentHash.of(List.of(Map.entry(b("a"), b("1")), Map.entry(b("b"), b("2")))),
                left.digest());
    }

    @Test
    void hashesFollowContentNotHistory() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 10, EMPTY);
        CopyOnWriteTree<byte[]> ab = EMPTY.put(b("a"), b("1")).put(b("b"), b("2"));
        VersionInfo first = history.save(ab);
        VersionInfo changed = history.save(ab.put(b("a"), b("9")).remove(b("b")).put(b("c"), b("3")));
        VersionInfo back = history.save(EMPTY.put(b("b"), b("2")).put(b("a"), b("1")));
        assertArrayEquals(first.hash(), back.hash());
        assertEquals(false, java.util.Arrays.equals(first.hash(), changed.hash()));
        assertArrayEquals(ContentHash.of(List.of(Map.entry(b("a"), b("1")), Map.entry(b("b"), b("2")))),
                first.hash());
        assertArrayEquals(new ContentHash().digest(), history.hashOf(EMPTY));
    }

    @Test
    void restoredVersionsAreLoadableAndNumberingContinues() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 2, EMPTY);
        CopyOnWriteTree<byte[]> one = EMPTY.put(b("a"), b("1"));
        byte[] hashOfOne = VersionHistory.ofBytes("t", 0, EMPTY).save(one).hash();
        history.restore(3, EMPTY, new byte[32]);
        history.restore(4, one, hashOfOne);
        history.restore(5, one, hashOfOne);
        history.restoreNumbers(7, 4);
        assertArrayEquals(new long[] {4, 5}, history.list(), "restoring prunes like saving");
        assertEquals(4, history.current());
        assertEquals(7, history.lastNumber());
        assertSame(one, history.content(5));
        assertEquals(4, history.current(), "content() does not load");
        assertEquals(List.of(4L, 5L), List.copyOf(history.contents().keySet()));
        assertEquals(8, history.save(one).version());
        assertThrows(StorageException.class, () -> history.content(3));
    }

    @Test
    void anEngineHasherDecidesHowEntriesAreHashed() {
        EntryHasher<String> utf8 = new EntryHasher<>() {
            @Override
            public void add(ContentHash hash, byte[] key, String value) {
                hash.add(key, b(value));
            }

            @Override
            public void remove(ContentHash hash, byte[] key, String value) {
                hash.remove(key, b(value));
            }
        };
        CopyOnWriteTree<String> empty = CopyOnWriteTree.empty(String::length);
        VersionHistory<String> history = new VersionHistory<>("s", 0, empty, utf8);
        CopyOnWriteTree<String> content = empty.put(b("k"), "v").put(b("x"), "y");
        history.save(content);
        VersionInfo second = history.save(content.remove(b("x")));
        assertArrayEquals(ContentHash.of(List.of(Map.entry(b("k"), b("v")))), second.hash());
    }

    @Test
    void aReadersHashIsAdoptedOnlyIfTheHistoryStillHashesFromWhereTheReaderStarted() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 10, EMPTY);
        CopyOnWriteTree<byte[]> one = EMPTY.put(b("a"), b("1"));
        CopyOnWriteTree<byte[]> two = one.put(b("b"), b("2"));
        history.save(one);
        HashedTree<byte[]> baseline = history.hashed();
        assertSame(one, baseline.tree());
        assertSame(one, history.hashedContent());

        HashedTree<byte[]> atTwo = baseline.advancedTo(two);
        assertTrue(history.adopt(baseline, atTwo));
        assertSame(two, history.hashedContent());
        assertArrayEquals(atTwo.digest(), history.save(two).hash(), "a save of the adopted tree costs nothing");

        HashedTree<byte[]> stale = baseline.advancedTo(EMPTY);
        history.save(one);
        assertEquals(false, history.adopt(atTwo, stale), "the history moved on since");
        assertSame(one, history.hashedContent());
    }

    @Test
    void replacingTheVersionLastHashedMovesTheHashToTheCopy() {
        VersionHistory<byte[]> history = VersionHistory.ofBytes("s", 10, EMPTY);
        CopyOnWriteTree<byte[]> one = EMPTY.put(b("a"), b("1"));
        CopyOnWriteTree<byte[]> copy = EMPTY.put(b("a"), b("1"));
        byte[] hash = history.save(one).hash();
        history.replace(1, copy);
        assertSame(copy, history.hashedContent());
        assertSame(copy, history.content(1));
        assertArrayEquals(hash, history.hashed().digest());
        assertThrows(StorageException.class, () -> history.replace(2, copy));
    }
}
