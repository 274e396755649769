package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paged tree against a {@link TreeMap}: random changes, with the tree written out as pages
 * every few steps into an in-memory page store whose cache holds (almost) nothing, so that every
 * path is read back from "disk" as new node objects. Snapshots taken along the way must still read
 * as they were after later writes replaced their nodes by references, and diffs between them must
 * report exactly the model's differences.
 */
class PagedTreeModelTest {

    /** Pages kept as images by position, handed back as they were written; counts the reads. */
    private static final class MemoryPages implements PageReader, PageWriter {
        final Map<Long, PageImage> pages = new ConcurrentHashMap<>();
        final PageSource source = new PageSource(this, 1);
        long next = 1;
        int reads;
        int writes;

        @Override
        public PageImage read(PageRef ref) {
            reads++;
            PageImage page = pages.get(ref.position());
            if (page == null) {
                throw new StorageException(ErrorCode.CORRUPTED, "no page at " + ref.position());
            }
            return new PageImage(page.height(), page.keys().clone(), page.slots().clone());
        }

        @Override
        public PageRef write(PageImage page) {
            writes++;
            for (Object slot : page.slots()) {
                if (page.height() > 0) {
                    assertTrue(slot instanceof PageRef, "children are written before their parent");
                }
            }
            PageRef ref = new PageRef(next++, 100, 0, source);
            pages.put(ref.position(), page);
            return ref;
        }
    }

    private record Snapshot(CopyOnWriteTree<byte[]> tree, TreeMap<byte[], byte[]> model) {
    }

    @ParameterizedTest(name = "seed {0}, leaves of {1}, inner nodes of {2}")
    @CsvSource({"1, 3, 3", "2, 4, 5", "3, 8, 4", "4, 64, 64"})
    void pagedTreeAgreesWithTreeMap(long seed, int maxLeafSlots, int maxInnerSlots) {
        Random random = new Random(seed);
        MemoryPages pages = new MemoryPages();
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(value -> value.length, maxLeafSlots, maxInnerSlots);
        TreeMap<byte[], byte[]> model = TreeModelRun.newModel();
        List<Snapshot> snapshots = new ArrayList<>();
        for (int step = 0; step < 3000; step++) {
            byte[] key = key(random.nextInt(400));
            int action = random.nextInt(10);
            if (action < 5) {
                byte[] value = ("v" + step).getBytes(StandardCharsets.UTF_8);
                tree = tree.put(key, value);
                model.put(key, value);
            } else if (action < 7) {
                tree = tree.remove(key);
                model.remove(key);
            } else if (action < 9) {
                assertArrayEquals(model.get(key), tree.get(key), "get at step " + step);
            } else {
                Editor<byte[]> editor = tree.edit();
                for (int i = 0; i < 20; i++) {
                    byte[] batchKey = key(random.nextInt(400));
                    if (random.nextBoolean()) {
                        byte[] value = ("b" + step + "." + i).getBytes(StandardCharsets.UTF_8);
                        editor.put(batchKey, value);
                        model.put(batchKey, value);
                    } else {
                        editor.remove(batchKey);
                        model.remove(batchKey);
                    }
                }
                tree = editor.build();
            }
            if (step % 97 == 0) {
                tree.writePages(pages);
                if (!tree.isEmpty()) {
                    assertNotNull(tree.storedRoot(), "after writing, the root is on disk");
                }
                snapshots.add(new Snapshot(tree, new TreeMap<>(model)));
            }
            if (step % 250 == 0) {
                assertSameEntries(model, tree, "at step " + step);
            }
        }
        assertSameEntries(model, tree, "at the end");
        assertEquals(model.size(), tree.size(), "size");
        for (Snapshot snapshot : snapshots) {
            assertSameEntries(snapshot.model(), snapshot.tree(), "a snapshot");
        }
        Snapshot first = snapshots.get(snapshots.size() / 2);
        assertEquals(modelDiff(first.model(), model), treeDiff(first.tree(), tree), "diff");
        assertTrue(pages.reads > 100, "pages were read back: " + pages.reads);
    }

    @Test
    void writingTwiceWritesNothingNewAndSharedNodesOnce() {
        MemoryPages pages = new MemoryPages();
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(value -> value.length, 4, 4);
        for (int i = 0; i < 200; i++) {
            tree = tree.put(key(i), key(i));
        }
        PageRef root = tree.writePages(pages);
        int written = pages.writes;
        assertEquals(root, tree.writePages(pages), "a written tree is its root's page");
        assertEquals(written, pages.writes, "nothing is written twice");

        CopyOnWriteTree<byte[]> changed = tree.put(key(7), new byte[] {1});
        changed.writePages(pages);
        int height = 1 + (int) Math.ceil(Math.log(200) / Math.log(2));
        assertTrue(pages.writes - written <= height, "one change writes its path only: "
                + (pages.writes - written));
        assertNull(CopyOnWriteTree.<byte[]>empty(v -> v.length).storedRoot(), "the empty tree is not marked");
    }

    @Test
    void aPageThatCannotBeReadFailsTheReadNotWithAWrongValue() {
        MemoryPages pages = new MemoryPages();
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(value -> value.length, 4, 4);
        for (int i = 0; i < 100; i++) {
            tree = tree.put(key(i), key(i));
        }
        tree.writePages(pages);
        pages.source.clear();
        pages.pages.keySet().removeIf(position -> pages.pages.get(position).isLeaf());
        CopyOnWriteTree<byte[]> damaged = tree;
        StorageException failure = assertThrows(StorageException.class, () -> damaged.get(key(50)));
        assertEquals(ErrorCode.CORRUPTED, failure.code());
    }

    @Test
    void aTreeReopenedFromItsRootPageReadsTheSame() {
        MemoryPages pages = new MemoryPages();
        CopyOnWriteTree<byte[]> tree = CopyOnWriteTree.empty(value -> value.length, 5, 5);
        TreeMap<byte[], byte[]> model = TreeModelRun.newModel();
        for (int i = 0; i < 300; i++) {
            tree = tree.put(key(i * 7 % 300), key(i));
            model.put(key(i * 7 % 300), key(i));
        }
        PageRef root = tree.writePages(pages);
        pages.source.clear();
        CopyOnWriteTree<byte[]> reopened = CopyOnWriteTree.<byte[]>empty(v -> v.length, 5, 5)
                .withStoredRoot(root, tree.size(), tree.weight());
        assertSameEntries(model, reopened, "reopened");
        assertEquals(tree.weight(), reopened.weight());
    }

    private static void assertSameEntries(TreeMap<byte[], byte[]> model, CopyOnWriteTree<byte[]> tree, String when) {
        List<String> expected = new ArrayList<>();
        model.forEach((k, v) -> expected.add(text(k) + "=" + text(v)));
        List<String> actual = new ArrayList<>();
        TreeCursor<byte[]> cursor = tree.cursor(null, null, true);
        while (cursor.next()) {
            actual.add(text(cursor.key()) + "=" + text(cursor.value()));
        }
        assertEquals(expected, actual, when);
        List<String> descending = new ArrayList<>();
        TreeCursor<byte[]> backwards = tree.cursor(null, null, false);
        while (backwards.next()) {
            descending.add(0, text(backwards.key()) + "=" + text(backwards.value()));
        }
        assertEquals(expected, descending, when + ", descending");
    }

    private static List<String> modelDiff(TreeMap<byte[], byte[]> from, TreeMap<byte[], byte[]> to) {
        TreeMap<byte[], String> diff = new TreeMap<>(Arrays::compareUnsigned);
        from.forEach((k, v) -> {
            if (!to.containsKey(k)) {
                diff.put(k, "-" + text(k));
            } else if (to.get(k) != v) {
                diff.put(k, "~" + text(k));
            }
        });
        to.forEach((k, v) -> {
            if (!from.containsKey(k)) {
                diff.put(k, "+" + text(k));
            }
        });
        return new ArrayList<>(diff.values());
    }

    private static List<String> treeDiff(CopyOnWriteTree<byte[]> from, CopyOnWriteTree<byte[]> to) {
        List<String> diff = new ArrayList<>();
        CopyOnWriteTree.diff(from, to, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, byte[] value) {
                diff.add("+" + text(key));
            }

            @Override
            public void removed(byte[] key, byte[] value) {
                diff.add("-" + text(key));
            }

            @Override
            public void changed(byte[] key, byte[] oldValue, byte[] newValue) {
                diff.add("~" + text(key));
            }
        });
        return diff;
    }

    private static byte[] key(int i) {
        return String.format("k%05d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
