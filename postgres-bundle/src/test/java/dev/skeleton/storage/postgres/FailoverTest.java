package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers.Replication;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failover under one engine instance, on a pair of its own (the test kills the primary): a commit
 * cut off by the kill is reported as not confirmed; while no primary answers, writes fail with
 * {@code IO} on one line that names the hosts and never the password, and reads from the standby
 * go on; once the standby is promoted the same engine writes again, within a bounded time, and
 * everything it acknowledged before is there. Once the old primary rejoins as a standby, standby
 * reads go back to it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailoverTest {

    /** The most a write may take to succeed after the promotion (measured: see the report). */
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(15);

    @TempDir
    Path directory;

    private ReplicatedTestServers pair;
    private PostgresEngine engine;
    private PostgresEngine standbyReader;
    private String schema;

    @BeforeEach
    void start() {
        pair = TestPair.start(Replication.SYNCHRONOUS);
        schema = TestPair.freshSchema();
        PostgresSettings settings = TestPair.settings(pair, schema).withConnectTimeoutMillis(1000)
                .withSynchronousCommit("remote_apply");
        engine = PostgresEngine.connect(settings);
        standbyReader = PostgresEngine.connect(settings.withReadFrom(ReadFrom.STANDBY));
    }

    @AfterEach
    void stop() {
        try {
            engine.close();
            standbyReader.close();
        } finally {
            pair.close();
        }
    }

    @Test
    void theSameEngineWritesAgainAfterThePromotionAndTheCutCommitIsNotConfirmed() throws Exception {
        Store store = engine.create("s", path("s"), null);
        for (int i = 0; i < 20; i++) {
            store.set(bytes("k" + i), bytes("v" + i));
        }
        Store read = standbyReader.open("s", path("r"));
        pair.pauseStandbyReplay();
        // remote_apply: the commit waits for the paused standby to apply it, so the kill cuts it in flight.
        Transaction cut = ((Transactional) store).beginTx();
        cut.set(bytes("cut"), bytes("x"));
        CompletableFuture<Void> commit = CompletableFuture.runAsync(cut::commit);
        awaitCommitWaitingForStandby();
        pair.killPrimary();

        StorageException notConfirmed = assertThrows(StorageException.class, () -> unwrap(commit));
        assertOneLineIo(notConfirmed);
        assertTrue(notConfirmed.getMessage().contains("the commit could not be confirmed, it may or may not have "
                + "been applied"), notConfirmed.getMessage());

        assertOneLineIo(assertThrows(StorageException.class, () -> store.set(bytes("during"), bytes("d"))));
        assertOneLineIo(assertThrows(StorageException.class, () -> store.get(bytes("k1"))));
        assertEquals("v1", text(read.get(bytes("k1"))), "the standby still answers reads");

        pair.resumeStandbyReplay();
        pair.promoteStandby();
        long promoted = System.nanoTime();
        long firstWrite = firstSuccessfulWrite(store, promoted);
        System.err.printf("FailoverTest: first write %.0f ms after the promotion%n", (firstWrite - promoted) / 1e6);

        for (int i = 0; i < 20; i++) {
            assertEquals("v" + i, text(store.get(bytes("k" + i))), "acknowledged before the failover");
        }
        assertEquals("x", text(store.get(bytes("cut"))), "the standby had received the cut commit: it was applied");
        assertFalse(store.has(bytes("during")), "a write that failed was not applied");
        assertEquals("v1", text(read.get(bytes("k1"))), "reads go to the new primary while there is no standby");
    }

    /**
     * The old primary, rewound into a standby of the new one, serves standby reads again: the read
     * pool's connections (30 s lifetime) leave the new primary they were on while there was no
     * standby. Seen from outside by a paused replay: the standby answers the old value while the
     * primary already has the new one.
     */
    @Test
    void standbyReadsGoBackToTheOldPrimaryOnceItRejoinsAsAStandby() throws Exception {
        Store store = engine.create("s", path("s"), null);
        store.set(bytes("k"), bytes("before"));
        Store read = standbyReader.open("s", path("r"));
        assertEquals("before", text(read.get(bytes("k"))));
        pair.killPrimary();
        pair.promoteStandby();
        firstSuccessfulWrite(store, System.nanoTime());
        assertEquals("before", text(read.get(bytes("k"))), "read on the new primary: no standby");
        pair.rejoinOldPrimary();
        pair.awaitStandbyCaughtUp();
        pair.pauseStandbyReplay();
        // Not remote_apply: its commit would wait for the paused standby.
        try (PostgresEngine writer = PostgresEngine.connect(TestPair.settings(pair, schema).withSynchronousCommit("on"))) {
            writer.open("s", path("w")).set(bytes("k"), bytes("after"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"before".equals(text(read.get(bytes("k"))))) {
                assertTrue(System.nanoTime() < deadline, "standby reads did not return to the rejoined server within 60 s");
                Thread.sleep(200);
            }
        } finally {
            pair.resumeStandbyReplay();
        }
        assertEquals("after", text(store.get(bytes("k"))), "the primary has the new value");
    }

    /** Writes until a write succeeds; fails the test after the bound. */
    private static long firstSuccessfulWrite(Store store, long promoted) throws InterruptedException {
        while (true) {
            try {
                store.set(bytes("after"), bytes("a"));
                return System.nanoTime();
            } catch (StorageException e) {
                assertOneLineIo(e);
                assertTrue(System.nanoTime() - promoted < BOUND_NANOS, "no write within "
                        + TimeUnit.NANOSECONDS.toSeconds(BOUND_NANOS) + " s of the promotion: " + e.getMessage());
                Thread.sleep(20);
            }
        }
    }

    private void awaitCommitWaitingForStandby() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"1".equals(TestPair.query(pair, pair.primaryUrl(), "SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = 'skeleton-storage' AND wait_event = 'SyncRep'"))) {
            assertTrue(System.nanoTime() < deadline, "the commit did not wait for the standby within 10 s");
            Thread.sleep(20);
        }
    }

    /** An IO failure on one line that names both hosts and not the password. */
    static void assertOneLineIo(StorageException e) {
        assertEquals(ErrorCode.IO, e.code(), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:"), e.getMessage());
    }

    private static void unwrap(CompletableFuture<Void> future) throws Throwable {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private String path(String name) {
        return directory.resolve(name).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
