package dev.skeleton.storage.file;

import dev.skeleton.storage.Store;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Benchmark-only access to the file engine's checkpoint, which is how the engine compacts its files
 * (the newest checkpoint replaces the log before the previous one). The engine offers no public
 * call for it: checkpoints happen by themselves once enough was written. The persistent benchmarks
 * force them to measure the file size after compaction, as they call RocksDB's
 * {@code compactRange()} and MVStore's {@code compactFile}. This class sits in the engine's package
 * (on the class path only, where split packages are allowed) to reach the package-private
 * {@code FileStore.checkpoint()}; it is part of the benchmarks jar, never of the engine's bundle.
 */
public final class BenchmarkCheckpoints {

    private BenchmarkCheckpoints() {
    }

    /**
     * Makes a checkpoint of a file store now and waits for it.
     *
     * @param store a store opened by {@link FileEngine}
     * @throws UncheckedIOException if the checkpoint cannot be written
     * @throws ClassCastException   if the store is not a file store
     */
    public static void checkpoint(Store store) {
        try {
            ((FileStore) store).checkpoint();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes a checkpoint of a file store and compacts its page files after it, and waits for both.
     *
     * @param store a store of the file engine
     * @throws UncheckedIOException if either cannot be written
     */
    public static void compact(Store store) {
        try {
            ((FileStore) store).compact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
