package dev.skeleton.storage.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The data set of the operations every target has: the memory store and both baselines, at each
 * size, shared by all benchmark threads.
 */
@State(Scope.Benchmark)
public class AllTargets extends DataSet {

    /** How many entries the target holds. */
    @Param({"1000", "1000000"})
    public int keys;

    /** Which map: see {@link KeyValueTarget#create(String)}. */
    @Param({KeyValueTarget.MEMORY, KeyValueTarget.SKIP_LIST, KeyValueTarget.HASH_MAP})
    public String target;

    /** Fills the target, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        fill(keys, target);
    }

    /** Drops the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
        release();
    }
}
