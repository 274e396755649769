package dev.skeleton.storage.benchmarks;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The data set of the operations only ordered targets have (ranges, atomic batches): the memory
 * store and the skip list, at each size, shared by all benchmark threads.
 */
@State(Scope.Benchmark)
public class OrderedTargets extends DataSet {

    /** How many entries the target holds. */
    @Param({"1000", "1000000"})
    public int keys;

    /** Which map: see {@link KeyValueTarget#create(String)}; ordered ones only. */
    @Param({KeyValueTarget.MEMORY, KeyValueTarget.SKIP_LIST})
    public String target;

    /** {@link #map} as an ordered one. */
    OrderedTarget ordered;
    /** The stored keys in ascending unsigned order, to start ranges that hold enough keys. */
    private byte[][] sortedKeys;

    /** Fills the target, once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        fill(keys, target);
        if (!(map instanceof OrderedTarget o)) {
            throw new IllegalArgumentException("target " + target + " is not ordered");
        }
        ordered = o;
        sortedKeys = storedKeys.clone();
        Arrays.sort(sortedKeys, Arrays::compareUnsigned);
    }

    /** Drops the target. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ordered = null;
        release();
    }

    /**
     * A stored key, drawn uniformly among those followed by at least {@code count - 1} more.
     *
     * @param count the keys a range from it should find
     * @return the first key of such a range
     */
    byte[] rangeStart(int count) {
        return sortedKeys[ThreadLocalRandom.current().nextInt(sortedKeys.length - count + 1)];
    }
}
