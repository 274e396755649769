package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Input;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.SortedTreeBuilder;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A checkpoint: the whole state of a store as of the start of log segment {@code segment}, in the
 * file {@code checkpoint-<segment>} ({@link SnapshotFile} layout). Recovery loads the newest good
 * checkpoint and replays only the segments from {@code segment} on, so reopening never replays
 * history older than one checkpoint interval.
 *
 * <pre>
 * CHECKPOINT_META := type:u8=5  currentVersion:varlong  lastVersion:varlong  oldestKept:varlong
 * entries          = every key with its value (PUT_INLINE or PUT_LARGE), ascending
 * </pre>
 *
 * @param segment        the log segment this checkpoint precedes
 * @param currentVersion the version last saved or loaded, 0 for none
 * @param lastVersion    the highest version number ever handed out
 * @param oldestKept     the oldest version kept, 0 before any save
 * @param data           the working data
 *
 * <p>Part of the first format (FORMAT.md, "Converting a format 1 store"): read only by
 * {@link FormatOneConversion} when such a store is opened.
 */
record Checkpoint(long segment, long currentVersion, long lastVersion, long oldestKept,
        CopyOnWriteTree<StoredValue> data) {

    /**
     * Reads a checkpoint, its entries straight into the leaves of a new tree: they are stored in
     * ascending key order, so nothing is sorted or copied on the way ({@link SortedTreeBuilder}).
     *
     * @param files   the store's files
     * @param segment its number
     * @param empty   the empty tree whose settings the new one takes
     * @param large   told each large value the checkpoint holds
     * @return the checkpoint
     * @throws DamagedFileException if the file is damaged anywhere, or its keys do not ascend
     * @throws IOException          if it cannot be read
     */
    static Checkpoint read(StoreFiles files, long segment, CopyOnWriteTree<StoredValue> empty,
            Consumer<StoredValue.Large> large) throws DamagedFileException, IOException {
        long[] meta = new long[3];
        SortedTreeBuilder<StoredValue> builder = empty.sortedBuilder();
        SnapshotFile.read(files.numbered(StoreFiles.CHECKPOINT, segment), RecordCodec.FileKind.CHECKPOINT, segment,
                in -> readMeta(in, meta), (key, value) -> add(builder, key, requirePut(value), large));
        return new Checkpoint(segment, meta[0], meta[1], meta[2], builder.build());
    }

    private static void add(SortedTreeBuilder<StoredValue> builder, byte[] key, StoredValue value,
            Consumer<StoredValue.Large> large) {
        try {
            builder.add(key, value);
        } catch (IllegalArgumentException e) {
            // Written from a cursor, so ascending: anything else is not a checkpoint of this format.
            throw new RecordCodec.MalformedPayloadException("entries out of key order");
        }
        if (value instanceof StoredValue.Large reference) {
            large.accept(reference);
        }
    }

    private static void readMeta(Input in, long[] meta) {
        RecordCodec.expectType(in, RecordCodec.CHECKPOINT_META);
        for (int i = 0; i < meta.length; i++) {
            meta[i] = in.readVarLong(true);
        }
    }

    /** The value of a change that must be a put: snapshots of whole content hold no deletes. */
    private static StoredValue requirePut(StoredValue value) {
        if (value == null) {
            throw new RecordCodec.MalformedPayloadException("a delete where only puts belong");
        }
        return value;
    }

}
