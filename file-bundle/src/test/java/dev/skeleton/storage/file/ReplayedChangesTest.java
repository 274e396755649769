package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.TreeCursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReplayedChangesTest {

    private static byte[] key(int number) {
        return String.format("key-%05d", number).getBytes(StandardCharsets.UTF_8);
    }

    private static CopyOnWriteTree<StoredValue> tree(int entries) {
        CopyOnWriteTree<StoredValue> tree = FileStore.emptyTree();
        for (int i = 0; i < entries; i++) {
            tree = tree.put(key(i * 2), new StoredValue.Inline(new byte[] {(byte) i}));
        }
        return tree;
    }

    /** Random records of puts and deletes over keys in and around the base's. */
    private static List<List<Change>> records(int records, int perRecord, int keySpace, long seed) {
        Random random = new Random(seed);
        List<List<Change>> all = new ArrayList<>();
        for (int r = 0; r < records; r++) {
            List<Change> record = new ArrayList<>();
            for (int c = 0; c < perRecord; c++) {
                byte[] key = key(random.nextInt(keySpace));
                record.add(new Change(key, random.nextInt(4) == 0 ? null
                        : new StoredValue.Inline(new byte[] {(byte) r, (byte) c})));
            }
            all.add(record);
        }
        return all;
    }

    private static Map<String, StoredValue> entries(CopyOnWriteTree<StoredValue> tree) {
        Map<String, StoredValue> entries = new TreeMap<>();
        TreeCursor<StoredValue> cursor = tree.cursor(null, null, true);
        while (cursor.next()) {
            entries.put(new String(cursor.key(), StandardCharsets.UTF_8), cursor.value());
        }
        return entries;
    }

    /** Replays the records both ways: gathered, and one record at a time as the store applies them. */
    private static void assertSameAsRecordByRecord(CopyOnWriteTree<StoredValue> base, List<List<Change>> records) {
        ReplayedChanges replayed = new ReplayedChanges();
        CopyOnWriteTree<StoredValue> expected = base;
        for (List<Change> record : records) {
            replayed.add(record);
            expected = Change.applyAll(expected, record);
        }
        CopyOnWriteTree<StoredValue> actual = replayed.applyTo(base);
        assertEquals(entries(expected), entries(actual));
        assertEquals(expected.size(), actual.size());
        assertEquals(expected.weight(), actual.weight());
    }

    @Test
    void manyChangesAreMergedAsIfAppliedInLogOrder() {
        assertSameAsRecordByRecord(tree(1_000), records(50, 100, 3_000, 1));
        assertSameAsRecordByRecord(FileStore.emptyTree(), records(30, 1_000, 50_000, 2));
    }

    @Test
    void fewChangesOntoALargeBaseAreOneBatch() {
        assertSameAsRecordByRecord(tree(10_000), records(3, 5, 20_000, 3));
    }

    @Test
    void theLastChangeToAKeyWinsWhateverItIs() {
        byte[] k = key(1);
        List<List<Change>> records = List.of(
                List.of(new Change(k, new StoredValue.Inline(new byte[] {1})), new Change(k, null)),
                List.of(new Change(k, new StoredValue.Inline(new byte[] {2}))),
                List.of(new Change(key(2), null), new Change(key(3), new StoredValue.Inline(new byte[] {3}))));
        assertSameAsRecordByRecord(tree(2), records);
        assertSameAsRecordByRecord(FileStore.emptyTree(), records);
    }

    @Test
    void noChangesLeaveTheBaseAsItIs() {
        CopyOnWriteTree<StoredValue> base = tree(10);
        assertSame(base, new ReplayedChanges().applyTo(base));
    }
}
