package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process that {@link CrashTest} kills: opens (or creates) a store with {@code sync=always}
 * and small internal sizes, so that checkpoints and value files happen often, and writes with
 * several threads until it is killed. Before each operation it prints {@code BEGIN}, and once the
 * operation has returned (so is durable) {@code ACK}, each line flushed to a transcript file.
 *
 * <pre>
 * BEGIN thread seq SET key value-spec | DEL key | TX key,key,key value-spec | SAVE
 * ACK thread seq [version]
 * CONFLICT thread seq          (a transaction that was rolled back; not expected, keys are per thread)
 * </pre>
 * A value spec is {@code s:<text>} for a small value or {@code L:<seed>:<length>} for a large one
 * whose bytes are {@link #largeValue}.
 */
public final class CrashChild {

    static final String STORE = "crash";
    static final int THREADS = 3;
    static final int KEYS_PER_THREAD = 12;
    static final Tuning TUNING = new Tuning(64 * 1024, 256 * 1024, 4);

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
        Path path = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int round = Integer.parseInt(args[2]);
        FileEngine engine = new FileEngine(TUNING);
        Store store = path.toFile().exists()
                ? engine.open(STORE, path.toString())
                : engine.create(STORE, path.toString(), Config.of("sync", "always", "max_versions", 5));
        // Each line is written to the file with one write call, so what the child printed before it
        // died is all there, whatever happens to pipes at a kill.
        PrintStream out = new PrintStream(new FileOutputStream(args[3], true), false, StandardCharsets.UTF_8);
        println(out, "READY");
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> run(store, round, thread, new Random(seed * 31 + thread), out));
            worker.start();
        }
        Thread.sleep(Long.MAX_VALUE);
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
            } else if (choice < 97 || thread != 0) {
                transaction(store, round, thread, seq, random, out);
            } else {
                println(out, "BEGIN " + thread + " " + seq + " SAVE");
                long version = ((Versioned) store).saveVersion().version();
                println(out, "ACK " + thread + " " + seq + " " + version);
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
