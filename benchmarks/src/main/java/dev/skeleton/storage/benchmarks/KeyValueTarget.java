package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.KeyValueVisitor;

/**
 * One key-value map under measurement: the memory engine's store or one of the JDK baselines,
 * behind the few operations the benchmarks need, so that every benchmark method is written once
 * and runs the same code against every target.
 *
 * <h2>Fairness</h2>
 * Every implementation keeps the {@link dev.skeleton.storage.Store} data contract, because a
 * baseline that skips work a store must do would flatter itself: the key and the value are copied
 * on the way in ({@link #set}), the value on the way out ({@link #get}), and the visitor of
 * {@link #iterate} and {@link OrderedTarget#range} receives copies of each key and value. Look-ups
 * ({@link #has}, {@link #delete}, {@link #get}) need no copy of the key, in a store or a map.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any number of threads at once; the benchmarks run with one and
 * with two threads.
 *
 * <h2>Dispatch</h2>
 * Each JMH fork holds exactly one implementation, so the interface calls are monomorphic and
 * inlined; running with {@code -f 0} (no fork) would mix targets in one JVM and bias the later ones.
 */
interface KeyValueTarget extends AutoCloseable {

    /** The {@code target} parameter value of the memory engine's store. */
    String MEMORY = "memory";
    /** The {@code target} parameter value of the {@link java.util.concurrent.ConcurrentSkipListMap} baseline. */
    String SKIP_LIST = "skiplist";
    /** The {@code target} parameter value of the {@link java.util.concurrent.ConcurrentHashMap} baseline. */
    String HASH_MAP = "hashmap";
    /** The memory engine's store through the multistore's handle, metrics on. */
    String HANDLE_METRICS = "handle-metrics";
    /** The memory engine's store through the multistore's handle, metrics off. */
    String HANDLE_NO_METRICS = "handle-no-metrics";

    /**
     * Creates an empty target.
     *
     * @param name {@link #MEMORY}, {@link #SKIP_LIST}, {@link #HASH_MAP}, {@link #HANDLE_METRICS} or
     *             {@link #HANDLE_NO_METRICS}
     * @return the new, empty target
     * @throws IllegalArgumentException for any other name
     */
    static KeyValueTarget create(String name) {
        return switch (name) {
            case MEMORY -> new MemoryTarget();
            case SKIP_LIST -> new SkipListTarget();
            case HASH_MAP -> new HashMapTarget();
            case HANDLE_METRICS -> new HandleTarget(true);
            case HANDLE_NO_METRICS -> new HandleTarget(false);
            default -> throw new IllegalArgumentException("unknown benchmark target " + name
                    + "; known: " + MEMORY + ", " + SKIP_LIST + ", " + HASH_MAP + ", " + HANDLE_METRICS + ", "
                    + HANDLE_NO_METRICS);
        };
    }

    /**
     * Reads a value.
     *
     * @param key the key
     * @return a copy of the value, or null if the key is absent
     */
    byte[] get(byte[] key);

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true if it has a value
     */
    boolean has(byte[] key);

    /**
     * Stores copies of a key and a value, replacing any value the key had.
     *
     * @param key   the key
     * @param value the value
     */
    void set(byte[] key, byte[] value);

    /**
     * Removes a key; nothing happens if it is absent.
     *
     * @param key the key
     */
    void delete(byte[] key);

    /**
     * Visits every entry (in ascending unsigned key order, except for the hash map, which has
     * none) until the visitor returns false.
     *
     * @param visitor receives copies of each key and value
     */
    void iterate(KeyValueVisitor visitor);

    /**
     * How many entries the target holds; for checks during setup, not measured.
     *
     * @return the number of keys
     */
    long size();

    /** Releases the target's data. */
    @Override
    void close();
}
