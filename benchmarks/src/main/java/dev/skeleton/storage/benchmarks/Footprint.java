package dev.skeleton.storage.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Heap bytes per entry of each target holding the same {@link RandomData} entries, printed side by
 * side: the memory store against the skip list (the target is at most 1.5 times the skip list) and
 * the hash map. Not a JMH benchmark: a plain {@code main}, run once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.Footprint [entries [target...]]
 * </pre>
 * Entries default to 1,000,000; targets to all three, measured one after the other in one JVM.
 *
 * <h2>Method</h2>
 * For each target: collect garbage until the used heap stops shrinking, read it, fill the target
 * with {@code set} (keys generated one by one and not kept, so only what the target holds stays
 * reachable), collect again, read again, and divide the difference by the number of entries. The
 * target is kept reachable until after the second reading, then dropped before the next one.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li>The figure depends on the JVM: compressed references and headers (heaps under 32 GB, the
 *       default here) make references 4 bytes and array headers 16; a larger heap or
 *       {@code -XX:-UseCompressedOops} raises every target's figure.</li>
 *   <li>It counts everything the target retains, the 16 + 100 payload bytes (152 bytes as two
 *       arrays) included: compare targets, not absolute numbers to a payload of 116 bytes. It
 *       includes structure built by inserting in random order (node fill, skip-list towers, hash
 *       table slack after resizes), not a bulk-loaded best case.</li>
 *   <li>The memory store holds no saved versions here; each version keeps the nodes that changed
 *       after it, which this probe does not measure.</li>
 *   <li>"Used heap after System.gc()" is an estimate: the JVM may not collect fully, and other
 *       threads (JIT, management) allocate a little. Run it with nothing else in the JVM and
 *       with a million entries, where such noise is well under a byte per entry; run it twice if
 *       a figure looks odd. For an exact object-graph census use JOL instead.</li>
 * </ul>
 */
public final class Footprint {

    private static final int DEFAULT_ENTRIES = 1_000_000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Footprint() {
    }

    /**
     * Measures and prints bytes per entry.
     *
     * @param args optional: the number of entries, then target names
     * @throws InterruptedException if interrupted while letting the collector settle
     */
    public static void main(String[] args) throws InterruptedException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ENTRIES;
        List<String> targets = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of(KeyValueTarget.MEMORY, KeyValueTarget.SKIP_LIST, KeyValueTarget.HASH_MAP);
        System.out.printf("Heap per entry, %,d entries of %d-byte keys and %d-byte values (%s %s)%n",
                entries, RandomData.KEY_LENGTH, RandomData.VALUE_LENGTH,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));

        double[] perEntry = new double[targets.size()];
        for (int i = 0; i < perEntry.length; i++) {
            perEntry[i] = bytesPerEntry(targets.get(i), entries);
            System.out.printf("%-10s %8.1f bytes/entry%n", targets.get(i), perEntry[i]);
        }
        printRatio(targets, perEntry);
    }

    private static double bytesPerEntry(String targetName, int entries) throws InterruptedException {
        long before = settledHeapUsed();
        KeyValueTarget target = KeyValueTarget.create(targetName);
        fill(target, entries);
        long after = settledHeapUsed();
        if (target.size() != entries) {
            throw new IllegalStateException(targetName + " holds " + target.size() + " of " + entries);
        }
        Reference.reachabilityFence(target);
        target.close();
        return (double) (after - before) / entries;
    }

    private static void fill(KeyValueTarget target, int entries) {
        SplittableRandom random = RandomData.generator();
        byte[] value = RandomData.value();
        for (int i = 0; i < entries; i++) {
            target.set(RandomData.nextKey(random), value);
        }
    }

    /** Used heap after collections, once a collection no longer frees more than 0.1 % of it. */
    private static long settledHeapUsed() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            Thread.sleep(100);
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (used != Long.MAX_VALUE && used - now <= used / 1000) {
                return Math.min(used, now);
            }
            used = Math.min(used, now);
        }
        return used;
    }

    private static void printRatio(List<String> targets, double[] perEntry) {
        int memory = targets.indexOf(KeyValueTarget.MEMORY);
        int skipList = targets.indexOf(KeyValueTarget.SKIP_LIST);
        if (memory < 0 || skipList < 0) {
            return;
        }
        System.out.printf("memory / skiplist = %.2f (target: at most 1.50)%n",
                perEntry[memory] / perEntry[skipList]);
    }
}
