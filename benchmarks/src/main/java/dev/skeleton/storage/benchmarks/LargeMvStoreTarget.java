package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * H2's MVStore for the large-store benchmarks: one file {@code <directory>/store.mv} opened with
 * MVStore's defaults, auto-commit included (the background writer commits about once a second or
 * when a megabyte of changes waits; {@code close()} commits the rest), one map of byte arrays
 * ordered as unsigned bytes ({@link MvStoreTarget.UnsignedBytes}, as the other engines order
 * keys). {@link MvStoreTarget} does not fit here: it disables auto-commit and commits every put,
 * which at 10,000,000 puts would write 10,000,000 chunks. Copies both ways, because MVStore keeps
 * the arrays it is given and hands out the ones it holds.
 */
final class LargeMvStoreTarget implements LargeTarget {

    private final MVStore store;
    private final MVMap<byte[], byte[]> map;

    LargeMvStoreTarget(Path directory) {
        store = new MVStore.Builder().fileName(directory.resolve("store.mv").toString()).open();
        map = store.openMap("bench", new MVMap.Builder<byte[], byte[]>()
                .keyType(MvStoreTarget.UnsignedBytes.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key.clone(), value.clone());
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] value = map.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void close() {
        store.close();
    }
}
