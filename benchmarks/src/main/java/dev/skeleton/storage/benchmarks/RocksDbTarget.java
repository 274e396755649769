package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * RocksDB under measurement, from {@code org.rocksdb:rocksdbjni} (native library from the jar):
 * one database in the directory, default column family, {@link CompressionType#NO_COMPRESSION}
 * (as the file engine and MVStore, which compress nothing by default) and otherwise RocksDB's
 * defaults; every write with {@code WriteOptions.setSync(synced)}. See {@link PersistentTarget}.
 */
final class RocksDbTarget implements PersistentTarget {

    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;

    RocksDbTarget(Path directory, boolean synced) {
        options = new Options().setCreateIfMissing(true).setCompressionType(CompressionType.NO_COMPRESSION);
        writeOptions = new WriteOptions().setSync(synced);
        try {
            db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException e) {
            writeOptions.close();
            options.close();
            throw failure("open", e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw failure("put", e);
        }
    }

    @Override
    public void putAll(byte[][] keys, byte[][] values, int from, int to) {
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = from; i < to; i++) {
                batch.put(keys[i], values[i]);
            }
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw failure("get", e);
        }
    }

    @Override
    public void compact() {
        try {
            db.compactRange();
        } catch (RocksDBException e) {
            throw failure("compactRange", e);
        }
    }

    @Override
    public void close() {
        db.close();
        writeOptions.close();
        options.close();
    }

    private static IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("RocksDB " + what + " failed: " + e.getMessage(), e);
    }
}
