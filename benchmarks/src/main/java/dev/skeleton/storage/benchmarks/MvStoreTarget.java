package dev.skeleton.storage.benchmarks;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore under measurement ({@code com.h2database:h2-mvstore}): one file
 * {@code <directory>/store.mv}, opened with {@code autoCommitDisabled()} so that only the
 * benchmark's own {@code commit()} calls write, one map of byte arrays ordered as unsigned bytes,
 * otherwise the defaults (no compression, 16 MB cache). Each commit is {@code commit()}, followed
 * by {@code sync()} when synced. MVStore keeps the arrays it is given and hands out the ones it
 * holds, so this adapter copies both ways, as the store contract demands of the file engine.
 * See {@link PersistentTarget}.
 */
final class MvStoreTarget implements PersistentTarget {

    private final MVStore store;
    private final MVMap<byte[], byte[]> map;
    private final boolean synced;

    MvStoreTarget(Path directory, boolean synced) {
        this.synced = synced;
        store = new MVStore.Builder().fileName(directory.resolve("store.mv").toString()).autoCommitDisabled().open();
        map = store.openMap("bench", new MVMap.Builder<byte[], byte[]>()
                .keyType(UnsignedBytes.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
        commit();
    }

    @Override
    public void putAll(byte[][] keys, byte[][] values, int from, int to) {
        for (int i = from; i < to; i++) {
            map.put(keys[i].clone(), values[i].clone());
        }
        commit();
    }

    private void commit() {
        store.commit();
        if (synced) {
            store.sync();
        }
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] value = map.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void compact() {
        store.compactFile(Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        store.close();
    }

    /** Byte arrays in unsigned lexicographic order, as the file engine and RocksDB order keys. */
    static final class UnsignedBytes extends BasicDataType<byte[]> {

        static final UnsignedBytes INSTANCE = new UnsignedBytes();

        private UnsignedBytes() {
        }

        @Override
        public int compare(byte[] a, byte[] b) {
            return Arrays.compareUnsigned(a, b);
        }

        @Override
        public int getMemory(byte[] key) {
            return 24 + key.length;
        }

        @Override
        public void write(WriteBuffer buffer, byte[] key) {
            buffer.putVarInt(key.length).put(key);
        }

        @Override
        public byte[] read(ByteBuffer buffer) {
            byte[] key = new byte[DataUtils.readVarInt(buffer)];
            buffer.get(key);
            return key;
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    }
}
