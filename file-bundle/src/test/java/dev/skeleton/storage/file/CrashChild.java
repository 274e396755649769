package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Permission;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The process that {@link CrashTest} kills: opens (or creates) a store with {@code sync=always}
 * and small internal sizes, so that checkpoints and value files happen often, and writes with
 * several threads until it is killed. Before each operation it prints {@code BEGIN}, and once the
 * operation has returned (so is durable) {@code ACK}, each line flushed to a transcript file.
 *
 * <pre>
 * BEGIN thread seq SET key value-spec | DEL key | TX key,key,key value-spec | SAVE
 * ACK thread seq [version hash]      (after a SAVE: the number and content hash saveVersion returned)
 * CONFLICT thread seq          (a transaction that was rolled back; not expected, keys are per thread)
 * HALT file                    (the child dies just before deleting that file: see haltAtDelete)
 * NOHALT                       (this runtime has no security manager, so it cannot die that way)
 * </pre>
 * A value spec is {@code s:<text>} for a small value or {@code L:<seed>:<length>} for a large one
 * whose bytes are {@link #largeValue}.
 *
 * <p>In two rounds out of three the child dies by itself in the middle of deleting files, usually
 * before the test kills it: see {@link #haltAtDelete}. {@code HALT} may then come before
 * {@code READY}, when the child died while opening the store.
 */
public final class CrashChild {

    static final String STORE = "crash";
    static final int THREADS = 3;
    static final int KEYS_PER_THREAD = 12;
    /** Small sizes, so that checkpoints and compactions (page files of 64 KiB) happen between the kills. */
    static final Tuning TUNING = new Tuning(64 * 1024, 256 * 1024, 4, 64 * 1024, true);
    /** The store's {@code max_versions}: small, so that saves prune often. */
    static final int MAX_VERSIONS = 5;
    /** Thread 0 saves a version when its draw out of 100 is at least this (one operation in ten). */
    private static final int SAVE_FROM = 90;
    /**
     * The checkpoints and log segments, whose deletion once a newer checkpoint supersedes them some
     * rounds die in the middle of. (The paged format keeps versions in the log and checkpoints, so
     * rounds that waited for a version file to be deleted never died that way; rounds over every
     * store file mostly die deleting a value file.)
     */
    private static final Pattern SUPERSEDED_FILE = Pattern.compile("(log|checkpoint)-\\d+");
    /** Every numbered file of a store (not the temporary ones). */
    private static final Pattern STORE_FILE = Pattern.compile("(version|value|log|checkpoint)-\\d+");

    private CrashChild() {
    }

    /**
     * Runs until killed.
     *
     * @param args the store's directory, a random seed, the round (which makes values unique) and the
     *             file to print to
     * @throws Exception never expected
     */
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]).toAbsolutePath();
        long seed = Long.parseLong(args[1]);
        int round = Integer.parseInt(args[2]);
        // Each line is written to the file with one write call, so what the child printed before it
        // died is all there, whatever happens to pipes at a kill.
        PrintStream out = new PrintStream(new FileOutputStream(args[3], true), false, StandardCharsets.UTF_8);
        Random random = new Random(seed);
        if (round % 3 != 0) {
            haltAtDelete(path, round % 3 == 1 ? SUPERSEDED_FILE : STORE_FILE, 1 + random.nextInt(15), out);
        }
        FileEngine engine = new FileEngine(TUNING);
        Store store = path.toFile().exists()
                ? engine.open(STORE, path.toString())
                : engine.create(STORE, path.toString(), Config.of("sync", "always", "max_versions", MAX_VERSIONS));
        println(out, "READY");
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> run(store, round, thread, new Random(seed * 31 + thread), out));
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Makes this process die, as at a kill, just before it deletes the {@code nth} file of the store
     * whose name matches {@code names} (at open, while pruning versions, while collecting value
     * files or superseded checkpoints and segments): a kill timed by the clock almost never lands
     * in the middle of those few microseconds. The file system calls {@code checkDelete} of the
     * security manager before each deletion; the hook prints {@code HALT <file>} and halts the JVM,
     * which runs nothing more and leaves the files exactly as a kill would. A runtime without
     * security managers prints {@code NOHALT} and is simply killed later.
     */
    @SuppressWarnings("removal")
    private static void haltAtDelete(Path store, Pattern names, int nth, PrintStream out) {
        AtomicInteger deletes = new AtomicInteger();
        SecurityManager hook = new SecurityManager() {
            @Override
            public void checkPermission(Permission permission) {
                // Everything is allowed: this manager only watches deletions.
            }

            @Override
            public void checkPermission(Permission permission, Object context) {
                // Everything is allowed.
            }

            @Override
            public void checkDelete(String file) {
                Path deleted = Path.of(file).toAbsolutePath();
                if (store.equals(deleted.getParent()) && names.matcher(deleted.getFileName().toString()).matches()
                        && deletes.incrementAndGet() == nth) {
                    println(out, "HALT " + deleted.getFileName());
                    Runtime.getRuntime().halt(137);
                }
            }
        };
        try {
            System.setSecurityManager(hook);
        } catch (UnsupportedOperationException e) {
            println(out, "NOHALT");
        }
    }

    private static void run(Store store, int round, int thread, Random random, PrintStream out) {
        for (long seq = 1; ; seq++) {
            int choice = random.nextInt(100);
            String key = key(thread, random.nextInt(KEYS_PER_THREAD));
            if (choice < 50) {
                String value = valueSpec(round, thread, seq, random);
                println(out, "BEGIN " + thread + " " + seq + " SET " + key + " " + value);
                store.set(bytes(key), valueOf(value));
                println(out, "ACK " + thread + " " + seq);
            } else if (choice < 65) {
                println(out, "BEGIN " + thread + " " + seq + " DEL " + key);
                store.delete(bytes(key));
                println(out, "ACK " + thread + " " + seq);
            } else if (choice < SAVE_FROM || thread != 0) {
                transaction(store, round, thread, seq, random, out);
            } else {
                println(out, "BEGIN " + thread + " " + seq + " SAVE");
                VersionInfo saved = ((Versioned) store).saveVersion();
                println(out, "ACK " + thread + " " + seq + " " + saved.version() + " " + saved.hashHex());
            }
        }
    }

    private static void transaction(Store store, int round, int thread, long seq, Random random, PrintStream out) {
        String[] keys = {key(thread, random.nextInt(KEYS_PER_THREAD)), key(thread, random.nextInt(KEYS_PER_THREAD)),
                key(thread, random.nextInt(KEYS_PER_THREAD))};
        String value = valueSpec(round, thread, seq, random);
        println(out, "BEGIN " + thread + " " + seq + " TX " + String.join(",", keys) + " " + value);
        try (Transaction tx = ((Transactional) store).beginTx()) {
            for (String key : keys) {
                tx.set(bytes(key), valueOf(value));
            }
            tx.commit();
            println(out, "ACK " + thread + " " + seq);
        } catch (StorageException e) {
            if (e.code() != ErrorCode.TX_CONFLICT) {
                throw e;
            }
            println(out, "CONFLICT " + thread + " " + seq);
        }
    }

    private static String valueSpec(int round, int thread, long seq, Random random) {
        if (random.nextInt(20) == 0) {
            return "L:" + ((round * 10L + thread) * 1_000_000L + seq) + ":" + (64 * 1024 + random.nextInt(200_000));
        }
        return "s:" + round + "." + thread + "-" + seq;
    }

    static String key(int thread, int index) {
        return "t" + thread + "-k" + index;
    }

    static byte[] valueOf(String spec) {
        if (spec.startsWith("s:")) {
            return bytes(spec.substring(2));
        }
        String[] parts = spec.split(":");
        return largeValue(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
    }

    /** The bytes of a large value, reproducible from its seed. */
    static byte[] largeValue(long seed, int length) {
        byte[] value = new byte[length];
        new Random(seed).nextBytes(value);
        return value;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void println(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
