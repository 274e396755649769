package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.file.FileEngine;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

/**
 * The other process of {@link TransferCrashTest}: a JVM of its own that opens a
 * {@link DefaultMultiStore} on a root with the memory and file engines registered (and the postgres
 * engine when {@link #PG_URL} is in its environment), runs one transfer and is killed by the test
 * somewhere in it.
 *
 * <p>Arguments: {@code ROOT NAME} and then one of
 * <ul>
 *   <li>{@code import DUMP ENGINE}: imports the dump into a new store {@code NAME} on ENGINE;</li>
 *   <li>{@code move ENGINE}: moves the store {@code NAME}, which the root's catalog lists, to ENGINE;</li>
 *   <li>{@code fill-move COUNT FROM TO}: makes {@code NAME} on FROM (a memory store, which only this
 *       process has) with the entries {@link #fill} writes, then moves it to TO.</li>
 * </ul>
 * Prints, one line each and flushed: {@code READY} as the transfer the test kills begins,
 * {@code PROGRESS entries} at each progress report, {@code DONE hash pauseMillis} once it returned.
 * Then it keeps the root until its standard input ends, so that a kill after the end still finds
 * the multistore open. A failure prints {@code FAILED code message} and exits 3.
 *
 * <p>With {@link #HALT_AT} in its environment ({@code write FILE} or {@code delete FILE}), the
 * child dies by itself, as a kill would ({@link Runtime#halt}: no shutdown hook, no finally block),
 * the moment the transfer first opens that file for writing (or renames onto it), or deletes it:
 * {@code write catalog.txt.tmp} is the catalog write, a transfer's point of no return;
 * {@code delete .transfers/NAME.intent} is the end of the transfer. It prints {@code HALT file}
 * first, or {@code NOHALT} where the runtime has no security manager to watch files with.
 */
public final class TransferCrashChild {

    /** Environment variables that name the PostgreSQL server and the schema of the postgres engine. */
    static final String PG_URL = "TRANSFER_CRASH_PG_URL";
    static final String PG_USER = "TRANSFER_CRASH_PG_USER";
    static final String PG_PASSWORD = "TRANSFER_CRASH_PG_PASSWORD";
    static final String PG_SCHEMA = "TRANSFER_CRASH_PG_SCHEMA";
    /** Environment variable: {@code write FILE} or {@code delete FILE}, where the child dies. */
    static final String HALT_AT = "TRANSFER_CRASH_HALT_AT";

    private TransferCrashChild() {
    }

    /**
     * Runs the child.
     *
     * @param args see the class comment
     * @throws Exception if waiting for cleanups is interrupted or standard input fails
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String name = args[1];
        PostgresEngine postgres = postgresFromEnvironment();
        try (DefaultMultiStore stores = open(root, postgres)) {
            awaitCleanups(stores);
            TransferReport report = run(stores, name, args);
            say("DONE " + HexFormat.of().formatHex(report.hash()) + " " + report.longestPause().toMillis());
            while (System.in.read() >= 0) {
                // Kept open until the parent closes our input or kills us.
            }
        } catch (StorageException e) {
            say("FAILED " + e.code() + " " + e.getMessage());
            System.exit(3);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /**
     * A multistore on the root with the engines of a restart: what the parent opens after the kill
     * too. The file engine does not force its writes to disk: a killed process leaves what it wrote
     * to the kernel, which a power cut would not (that is the file engine's own crash test).
     */
    static DefaultMultiStore open(Path root, PostgresEngine postgres) {
        DefaultMultiStore stores = new DefaultMultiStore(new MultiStoreConfig(root, FileEngine.NAME,
                Map.of(FileEngine.NAME, Config.of(Map.of("sync", "never")))));
        stores.registerEngine(new MemoryEngine());
        stores.registerEngine(new FileEngine());
        if (postgres != null) {
            stores.registerEngine(postgres);
        }
        return stores;
    }

    private static TransferReport run(DefaultMultiStore stores, String name, String[] args) {
        TransferListener progress = p -> say("PROGRESS " + p.entries());
        switch (args[2]) {
            case "import" -> {
                ready();
                return stores.importStore(Path.of(args[3]), name,
                        ImportOptions.defaults().onEngine(args[4]).reporting(progress));
            }
            case "move" -> {
                ready();
                return stores.moveStore(name, args[3], progress);
            }
            case "fill-move" -> {
                stores.createStore(name, args[4], Config.empty());
                fill(stores.getStore(name), Integer.parseInt(args[3]));
                ready();
                return stores.moveStore(name, args[5], progress);
            }
            default -> throw new IllegalArgumentException("no such mode: " + args[2]);
        }
    }

    /** The transfer begins: from here on the child may die at {@link #HALT_AT}. */
    private static void ready() {
        String haltAt = System.getenv(HALT_AT);
        if (haltAt != null) {
            String[] moment = haltAt.split(" ", 2);
            haltAt(moment[0].equals("delete"), Path.of(moment[1]).toAbsolutePath());
        }
        say("READY");
    }

    /**
     * Watches files with a security manager (which allows everything), to die at the first write
     * ({@code delete} false) or deletion of {@code file}.
     */
    @SuppressWarnings("removal")
    private static void haltAt(boolean delete, Path file) {
        SecurityManager hook = new SecurityManager() {
            @Override
            public void checkPermission(java.security.Permission permission) {
                // Everything is allowed: this manager only watches writes.
            }

            @Override
            public void checkPermission(java.security.Permission permission, Object context) {
                // Everything is allowed.
            }

            @Override
            public void checkWrite(String written) {
                if (!delete) {
                    haltAt(written);
                }
            }

            @Override
            public void checkDelete(String deleted) {
                if (delete) {
                    haltAt(deleted);
                }
            }

            private void haltAt(String touched) {
                if (Path.of(touched).toAbsolutePath().equals(file)) {
                    say("HALT " + touched);
                    Runtime.getRuntime().halt(137);
                }
            }
        };
        try {
            System.setSecurityManager(hook);
        } catch (UnsupportedOperationException e) {
            say("NOHALT");
        }
    }

    /**
     * Writes {@code count} entries, in transactions of 10,000: keys {@code key-0000000} on, values of
     * 8 to 80 bytes. The test's dumps hold the same.
     */
    static void fill(Store store, int count) {
        for (int from = 0; from < count; from += 10_000) {
            try (Transaction tx = ((Transactional) store).beginTx()) {
                for (int i = from; i < Math.min(count, from + 10_000); i++) {
                    tx.set(bytes(String.format("key-%07d", i)), bytes("value-" + i + "-" + "x".repeat(i % 64)));
                }
                tx.commit();
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What the last process left for an engine to destroy is gone before a transfer of the same name begins. */
    private static void awaitCleanups(DefaultMultiStore stores) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!stores.pendingCleanups().isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }

    private static PostgresEngine postgresFromEnvironment() {
        String url = System.getenv(PG_URL);
        if (url == null) {
            return null;
        }
        return PostgresEngine.connect(PostgresSettings.of(url, System.getenv(PG_USER), System.getenv(PG_PASSWORD))
                .withSchema(System.getenv(PG_SCHEMA)));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
