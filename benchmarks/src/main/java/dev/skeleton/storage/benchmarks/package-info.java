/**
 * JMH benchmarks of the memory engine against two baselines, of the file engine against RocksDB
 * and H2's MVStore at equal durability (see "The file engine" below), of the postgres engine
 * against plain JDBC sending the same SQL (see "The postgres engine" below), and of the
 * multistore's exports, imports and moves against plain file writes and the file engine's own bulk
 * load (see "Exports, imports and moves" below).
 *
 * <h2>The memory engine</h2>
 * The memory engine is measured against two baselines in the same run: a
 * {@link java.util.concurrent.ConcurrentSkipListMap} in unsigned byte order (the ordered in-memory
 * standard) and a {@link java.util.concurrent.ConcurrentHashMap} (the unordered limit), both doing
 * the copies the store contract demands (see {@code KeyValueTarget}).
 *
 * <h3>What is measured</h3>
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
 * Targets (the README's performance section says where they stand): at 1,000 and 1,000,000 keys,
 * {@code set} and {@code deleteThenReinsert} at least 1.5 times the skip list's throughput, with
 * at most twice its bytes allocated per {@code set} ({@code -prof gc}); {@code get} at least the
 * hash map's at 1,000 keys and 0.8 times it at 1,000,000; {@code range100} and {@code iterate} at
 * least the skip list's; {@code saveVersion} under 2 ms; two writers at least 1.3 times one; bytes
 * per entry at most 1.5 times the skip list's.
 *
 * <h3>How to run</h3>
 * From the repository root, on an otherwise idle machine (the figures of a busy one are noise);
 * {@code -e 'Persistent|Postgres|Large|Transfer'} leaves out the file-engine, the postgres, the
 * large-store and the transfer benchmarks, which have commands of their own:
 * <pre>
 * mvn -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar -t 1 -e 'Persistent|Postgres|Large|Transfer' -rf json -rff benchmarks/target/jmh-1-thread.json
 * java -jar benchmarks/target/benchmarks.jar -t 2 -e 'Persistent|Postgres|Large|Transfer|SaveVersion' -rf json -rff benchmarks/target/jmh-2-threads.json
 * java -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.Footprint
 * </pre>
 * Each benchmark and parameter combination runs in its own JVM ({@code @Fork(1)}, 4 GB fixed
 * heap, touched at start with {@code -XX:+AlwaysPreTouch}), 2 warm-up and 3 measured iterations of 1 s: 42 JVMs for one thread, 38 for two (no
 * {@code saveVersion}). Every JVM also holds a {@link dev.skeleton.storage.benchmarks.Ballast}, a
 * skip list of copies of the data set, as an application holds other data. The heap is touched at
 * start because a running application's heap has been: without it, a fork's first pass through a
 * young generation of gigabytes takes a page fault every 4 KB, and in 5 s of measurement the
 * targets that allocate most (copy-on-write above all) were measured mostly through those faults
 * (4 to 6 times slower at 1,000 keys on the reference machine). A JVM at 1,000 keys takes about 7 s, one at 1,000,000 keys about 10 s
 * (filling a million entries takes 1.5 to 5 s of it), so each of the two runs takes about
 * 6 minutes on the 2-core reference machine, and the footprint probe about 10 s. Narrow a run
 * with the usual JMH options, for example {@code -p keys=1000000 -p target=memory,skiplist PointBenchmark.get}, and
 * list the benchmarks with {@code -l}. Never run with {@code -f 0}: targets would then share one
 * JVM and its JIT profile, and the later ones would be measured through megamorphic calls.
 *
 * <p>A smoke test that every benchmark runs for every target (about 20 s; its figures mean
 * nothing, there is no warm-up):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar -e 'Persistent|Postgres|Large|Transfer' -f 1 -wi 0 -i 1 -r 200ms -p keys=1000 -t 1
 * </pre>
 *
 * <h2>The file engine against RocksDB and MVStore</h2>
 * The file engine ({@code file}), RocksDB 10.10.1 ({@code rocksdb}, {@code org.rocksdb:rocksdbjni},
 * natives from its jar) and H2 2.3.232's MVStore ({@code mvstore}, {@code com.h2database:h2-mvstore})
 * behind {@link dev.skeleton.storage.benchmarks.PersistentTarget}, parameter {@code -p engine=...}.
 * Every measurement gives all engines the same durability, exactly as that interface's comment
 * tabulates: <em>synced</em> is the file engine's {@code sync=always}, RocksDB's
 * {@code WriteOptions.setSync(true)}, MVStore's {@code commit()} then {@code sync()};
 * <em>unsynced</em> is {@code sync=never}, {@code setSync(false)}, {@code commit()} alone (written to
 * the operating system, safe from a process crash, not from power loss). Compression is off in all
 * three; keys of 16 random bytes, values of 100 bytes (loaded values all different). Each store
 * lives in a new directory under {@code benchmarks/target/bench-data} (or
 * {@code -Dskeleton.bench.dir=...}; put it on the disk to measure) and is deleted by the
 * tear-down.
 * <ul>
 *   <li>{@link dev.skeleton.storage.benchmarks.PersistentCommitBenchmark}: {@code durable} and
 *       {@code unsynced} commits of one write (an overwrite among 100,000 keys), commits/s; run
 *       with {@code -t 1} and, for group commit, {@code -t 8};</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.PersistentLoadBenchmark}: {@code load}, 1,000,000
 *       new keys into an empty store in atomic commits of 1,000, unsynced and synced, ms per
 *       load;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.PersistentGetBenchmark}: {@code get} of a random
 *       key of 1,000,000 after closing and reopening the store, ops/&micro;s;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.PersistentReopenBenchmark}: {@code reopen} of a
 *       store of 1,000,000 keys, ms per open;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.PersistentLargeValueBenchmark}: {@code write}
 *       (durably) and {@code read} one 64 MiB value, ms per value, with {@code rawfile} (a plain
 *       file, forced) as the disk's own speed;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.PersistentFootprint}: bytes on disk of 1,000,000
 *       entries as loaded and after each engine's compaction, against the raw 116,000,000 bytes, a
 *       plain {@code main}.</li>
 * </ul>
 * Targets, as ratios within one run: durable commits with one writer at least 1.0 times RocksDB's,
 * with 8 writers at least 4 times the file engine's own one-writer rate; unsynced commits and the
 * bulk load (each sync mode) at least 1.2 times RocksDB's; random gets at least 2 times RocksDB's;
 * bytes after compaction at most 1.3 times the raw data; reopening 1,000,000 keys under 1 s; the
 * 64 MiB value written and read at the speed of {@code rawfile}.
 *
 * <h3>How to run</h3>
 * After the {@code mvn} build above, from the repository root, on an otherwise idle machine:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Persistent -t 1 -rf json -rff benchmarks/target/jmh-persistent-1-thread.json
 * java -jar benchmarks/target/benchmarks.jar PersistentCommitBenchmark.durable -t 8 -rf json -rff benchmarks/target/jmh-persistent-8-threads.json
 * java -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.PersistentFootprint
 * </pre>
 * The first runs 25 JVMs ({@code @Fork(1)} each): 6 for commits (2 warm-up iterations of 1 s,
 * 3 measured of 2 s, after loading 100,000 keys), 6 for the bulk load (1 warm-up and 3 measured
 * loads), 3 for gets (2 + 3 iterations of 1 s after loading 1,000,000 keys), 3 for reopens (1 + 5
 * opens) and 8 for the large value (1 + 3 shots); estimated 6 to 8 minutes on the 2-core
 * reference machine, most of it loading 1,000,000 keys. The second runs 3 JVMs, about 40 s; the
 * footprint probe about a minute. Only the commit benchmarks are meant for {@code -t 8}; the
 * others are single-threaded measures. The figures of a run are printed as "# Loaded ...",
 * "# Reopened ..." and "# ... on disk" lines too.
 *
 * <p>A smoke test that every persistent benchmark runs for every engine (about 30 s, and the
 * figures mean nothing: no warm-up, 10,000 keys):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Persistent -f 1 -wi 0 -i 1 -r 200ms -p keys=10000 -t 1
 * java -jar benchmarks/target/benchmarks.jar PersistentCommitBenchmark.durable -f 1 -wi 0 -i 1 -r 500ms -p keys=10000 -t 8
 * java -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.PersistentFootprint 10000
 * </pre>
 *
 * <h2>The postgres engine against plain JDBC</h2>
 * {@link dev.skeleton.storage.benchmarks.PostgresBenchmark}: the postgres engine ({@code postgres})
 * against a baseline ({@code jdbc}) that keeps the same tables and sends the server the same SQL
 * statements over the PostgreSQL driver's own connections, one per thread, with its prepared
 * statements reused, and without a pool or any engine code ({@code -p target=...}; exactly what
 * each sends is tabulated in {@code PostgresTarget}). The engine's overhead is its time per
 * operation over the baseline's, less one; the target is under 20% for each operation. Keys of
 * 16 random bytes, values of 100 bytes; every JMH fork starts a throw-away PostgreSQL server of its
 * own from the machine's binaries ({@code PostgresTestServer}, or the server {@code SKELETON_PG_URL}
 * names), with {@code fsync=on}, and keeps its tables in a schema of its own.
 * <ul>
 *   <li>{@code commit}: one write (a random key of 100,000 overwritten) as one commit, for the
 *       engine a direct {@code set}; with {@code synchronousCommit=on} (the server's default:
 *       durable on return, the disk sets the pace) and {@code off} (the sessions' own setting, for
 *       both targets: round trips and work only), &micro;s per commit;</li>
 *   <li>{@code load}: 10,000 new keys into an empty store in one transaction, for the engine
 *       {@code beginTx}, the sets and {@code commit}, ms per load (the store is made and dropped
 *       around each invocation, untimed);</li>
 *   <li>{@code get}: a random key of 100,000, &micro;s per get;</li>
 *   <li>{@code range100}: the 100 entries between two stored keys 100 apart, for the engine
 *       {@code iterateRange}, &micro;s per range.</li>
 * </ul>
 *
 * <h3>How to run</h3>
 * After the {@code mvn} build above, from the repository root, on an otherwise idle machine with
 * PostgreSQL's server installed ({@code initdb} and {@code pg_ctl}: the Debian package
 * {@code postgresql}), with one thread:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Postgres -t 1 -rf json -rff benchmarks/target/jmh-postgres.json
 * </pre>
 * 10 JVMs ({@code @Fork(1)} each, 1 GB heap), 2 warm-up iterations of 2 s and 3 measured of 3 s
 * (the same as {@code -f 1 -wi 2 -w 2s -i 3 -r 3s}); each JVM starts its server (1 to 3 s) and,
 * but for the load, fills 100,000 keys (3 to 9 s): about 3.5 minutes on the 2-core reference
 * machine. A fork's output says which server and settings it measured ("# postgres engine, ...
 * fsync on, synchronous_commit on") and how long the fill took. The durable commits measure the
 * disk as much as the engine: on a shared disk their ratio is noise, and the {@code off} row is
 * the one that shows the engine's own cost. Without a server binary every postgres benchmark
 * fails at its set-up, saying what to install.
 *
 * <p>A smoke test (about 50 s, the figures mean nothing):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar Postgres -f 1 -wi 0 -i 1 -r 1s -p keys=10000 -t 1
 * </pre>
 *
 * <h2>Exports, imports and moves</h2>
 * The multistore's transfers ({@code MultiStore.exportStore}, {@code importStore},
 * {@code moveStore}; {@code multistore-bundle/DUMP-FORMAT.md}), each against a baseline in the same
 * run, on the data of the file-engine benchmarks (keys of 16 random bytes, 1,000,000 distinct
 * values of 100 bytes, {@code -p keys=...}); single shots, one fork each, 4 GB heaps touched at
 * start (the heap-bounded one aside), stores under {@code BenchDirectories}. JMH's score is
 * milliseconds per shot; the rates and the writers' figures are printed by each fork as
 * "# ... shot" lines and summed up at its end ("# export, 5 measured shots: mean ...",
 * "# moves, 5 measured: ..."), because JMH adds secondary results up over the iterations.
 * <ul>
 *   <li>{@link dev.skeleton.storage.benchmarks.TransferExportBenchmark}: {@code export} of a file
 *       store (the file engine's defaults) to a dump, against {@code plainFile}, the same entries
 *       sorted in memory and written with the same framing (132 bytes an entry) to one file through
 *       one {@code BufferedOutputStream} and forced, as the dump is ({@code plainFileUnforced}: not
 *       forced); entries/s and MB/s of the file. Two more references split the export's time:
 *       {@code readStore} (the store read as the export reads it, nothing done with the entries)
 *       and {@code contentHash} (the content hash that every dump carries, over the entries in
 *       memory);</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.TransferImportBenchmark}: {@code importStore} of
 *       that dump into a new file store, against {@code bulkLoad}, the file engine's own load of the
 *       same entries into a new store as {@code PersistentLoadBenchmark} loads (commits of 1,000,
 *       random key order; {@code bulkLoadSorted}: in key order, as a dump is), with the same store
 *       configuration ({@code -p sync=default,never}: the engine's default {@code interval}, which
 *       does not force per commit, and {@code never}); entries/s and MB/s of keys and values;</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.TransferMoveBenchmark}: {@code move} of a file store
 *       to the memory engine while 4 threads ({@code -p writers=...}) overwrite random keys of it
 *       through its handle; the move's time, its reported longest pause, the longest single write
 *       begun during it (and before it, for reference), the writers' throughput before it, while
 *       it copies, after its switch and after it, and their timeline (each shot's lines
 *       "# move shot ...", "#   writers ...", "#   writes/s per 500 ms: ...");</li>
 *   <li>{@link dev.skeleton.storage.benchmarks.TransferHeapBenchmark}: export and import of a
 *       postgres store of 2,000,000 entries ({@code -p count=...}; 232 MB of keys and values) in a
 *       JVM of 128 MiB heap, one shot; the proof is that it completes (the fork ends on an
 *       {@code OutOfMemoryError}, or when garbage collection takes over), and its secondary results
 *       give each step's time and heap: the peak used (garbage included) and the peak right after a
 *       collection (what the step kept). The server is found or started as for the postgres
 *       benchmarks; without one the benchmark fails at its set-up saying what to install.</li>
 * </ul>
 * Targets: an export at least half the rate of the forced plain file; an import at least as fast
 * as the bulk load of the same configuration; export and import of the postgres store done in
 * 128 MiB. The move has no figure to reach: what it shows is the pause its writers see and the
 * throughput they keep, and no write may fail.
 *
 * <h3>How to run</h3>
 * After the {@code mvn} build above, from the repository root, on an otherwise idle machine (the
 * heap-bounded benchmark also needs PostgreSQL's server, as the postgres benchmarks do):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'Transfer(Export|Import|Move)' -t 1 -rf json -rff benchmarks/target/jmh-transfer.json
 * java -jar benchmarks/target/benchmarks.jar TransferHeap -t 1 -rf json -rff benchmarks/target/jmh-transfer-heap.json
 * </pre>
 * The first runs 12 JVMs: 5 for the export and its references (3 warm-up and 5 measured shots;
 * the forks on the store load it first, some 10 s), 6 for the import (the same shots; the
 * import's forks make their dump first) and 1 for the move (1 warm-up and 5 measured moves, each
 * after loading a new store and 15 s of writers; 45 to 60 s a move); 13 to 17 minutes on the
 * 2-core reference machine. The second runs one JVM, about 2 minutes at 2,000,000 entries, one
 * of them filling the postgres store; {@code -p count=1000000,4000000} shows that the heap the
 * transfers need does not grow with the store (5 minutes). Narrow a run with the usual
 * options, e.g. {@code TransferImportBenchmark -p sync=default}.
 *
 * <p>A smoke test (about 5 minutes, the figures mean nothing: 10,000 and 20,000 entries):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'Transfer(Export|Import|Move)' -f 1 -wi 0 -i 1 -p keys=10000 -t 1
 * java -jar benchmarks/target/benchmarks.jar TransferHeap -p count=20000 -t 1
 * </pre>
 */
package dev.skeleton.storage.benchmarks;
