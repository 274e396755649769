package dev.skeleton.storage.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters every large-store benchmark shares; its JMH states extend this class.
 * {@code -p count=1000000} makes a quick run, {@code -p target=file} measures one engine,
 * {@code -p cacheSize=67108864} passes the file engine a cache size (see
 * {@link LargeFileEngineTarget}). JMH reads {@code @Param} fields only in a {@code @State} class,
 * hence the annotation here; the subclasses are the states the benchmarks use.
 */
@State(Scope.Benchmark)
public abstract class LargeStoreParams {

    /** The heap of every large-store fork: a fraction of the data (1.16 GB raw at 10,000,000 entries). */
    static final String HEAP = "-Xmx256m";

    /**
     * Ends a fork whose heap runs out. Without it the fork hangs once the heap is gone: JMH's worker
     * thread dies in its own exception handler and the fork waits for it, ignoring even SIGTERM.
     */
    static final String EXIT_ON_OUT_OF_MEMORY = "-XX:+ExitOnOutOfMemoryError";

    /** Which store: see {@link LargeTarget#open}. */
    @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE})
    public String target;

    /** How many entries of {@link LargeData} the store holds. */
    @Param({"10000000"})
    public int count;

    /**
     * The file engine's {@code cache_size} in bytes; empty (the default) passes no such key, as an
     * engine that does not know it rejects it. Ignored by RocksDB and MVStore.
     */
    @Param({""})
    public String cacheSize;

    /** Ends the fork if its heap turns out too small for the engine (see {@link LargeGcWatchdog}). */
    @Setup(Level.Trial)
    public void watchGarbageCollection() {
        LargeGcWatchdog.start(String.format("%s, %,d keys", target, count));
    }
}
