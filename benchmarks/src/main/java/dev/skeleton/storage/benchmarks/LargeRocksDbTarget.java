package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;

/**
 * RocksDB for the large-store benchmarks: {@link RocksDbTarget} as the persistent benchmarks open
 * it unsynced (write-ahead log on, {@code setSync(false)}, no compression, otherwise RocksDB's
 * defaults), seen through {@link LargeTarget}. See there for what a put leaves behind.
 */
final class LargeRocksDbTarget implements LargeTarget {

    private final RocksDbTarget db;

    LargeRocksDbTarget(Path directory) {
        db = new RocksDbTarget(directory, false);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return db.get(key);
    }

    @Override
    public void close() {
        db.close();
    }
}
