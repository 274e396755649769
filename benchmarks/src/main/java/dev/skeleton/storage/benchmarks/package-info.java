/**
 * JMH benchmarks of the memory engine against two baselines measured in the same run: a
 * {@link java.util.concurrent.ConcurrentSkipListMap} in unsigned byte order (the ordered in-memory
 * standard) and a {@link java.util.concurrent.ConcurrentHashMap} (the unordered limit), both doing
 * the copies the store contract demands (see {@code KeyValueTarget}).
 *
 * <h2>What is measured</h2>
 * Keys of 16 random bytes (fixed seed), values of 100 bytes; 1,000 and 1,000,000 entries
 * ({@code -p keys=...}); targets {@code memory}, {@code skiplist}, {@code hashmap}
 * ({@code -p target=...}).
 * <ul>
 *   <li>{@link dev.skeleton.storage.benchmarks.PointBenchmark}: {@code get}, {@code has},
 *       {@code set} (overwrite), {@code deleteThenReinsert} on random existing keys, ops/&micro;s,
 *       all three targets;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.IterateBenchmark}: {@code iterate}, one full pass,
 *       &micro;s per pass, all three targets;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.OrderedBenchmark}: {@code range100} (100 keys up
 *       from a random existing key) and {@code txCommit10} (10 writes in one transaction; for the
 *       skip list 10 puts), ops/ms, memory and skip list; {@code txCommit10:conflicts} counts the
 *       retried commits;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.SaveVersionBenchmark}: {@code saveVersion} after
 *       1,000 changes (for the skip list a full copy), ms per snapshot, memory and skip list, one
 *       thread only;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.Footprint}: heap bytes per entry at 1,000,000
 *       entries, a plain {@code main}.</li>
 * </ul>
 * Targets at 1,000,000 keys, one thread: {@code get} and {@code has} at least 1.5 times the skip
 * list's throughput; {@code set} and {@code deleteThenReinsert} at least 1.0 times; {@code saveVersion}
 * under 5 ms; bytes per entry at most 1.5 times the skip list's.
 *
 * <h2>How to run</h2>
 * From the repository root, on an otherwise idle machine (the figures of a busy one are noise):
 * <pre>
 * mvn -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar -t 1 -rf json -rff benchmarks/target/jmh-1-thread.json
 * java -jar benchmarks/target/benchmarks.jar -t 2 -e SaveVersion -rf json -rff benchmarks/target/jmh-2-threads.json
 * java -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.Footprint
 * </pre>
 * Each benchmark and parameter combination runs in its own JVM ({@code @Fork(1)}, 4 GB fixed
 * heap), 2 warm-up and 3 measured iterations of 1 s: 42 JVMs for one thread, 38 for two (no
 * {@code saveVersion}). A JVM at 1,000 keys takes about 7 s, one at 1,000,000 keys about 10 s
 * (filling a million entries takes 1.5 to 5 s of it), so each of the two runs takes about
 * 6 minutes on the 2-core reference machine, and the footprint probe about 10 s. Narrow a run
 * with the usual JMH options, for example {@code -p keys=1000000 -p target=memory,skiplist PointBenchmark.get}, and
 * list the benchmarks with {@code -l}. Never run with {@code -f 0}: targets would then share one
 * JVM and its JIT profile, and the later ones would be measured through megamorphic calls.
 *
 * <p>A smoke test that every benchmark runs for every target (about 20 s; its figures mean
 * nothing, there is no warm-up):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -f 1 -wi 0 -i 1 -r 200ms -p keys=1000 -t 1
 * </pre>
 */
package dev.skeleton.storage.benchmarks;
