package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
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
 * A commit whose session ends while it is in flight, made deterministic on the shared pair: with
 * {@code synchronous_commit=remote_apply} and the standby's replay paused, a COMMIT waits for the
 * standby after the primary committed it locally; the session is then terminated. The engine must
 * say that the commit could not be confirmed (here it was in fact applied) and must not repeat it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnconfirmedCommitTest {

    @TempDir
    Path directory;

    private ReplicatedTestServers pair;
    private String schema;
    private PostgresEngine engine;
    private Store store;

    @BeforeEach
    void engine() {
        pair = TestPair.shared();
        schema = TestPair.freshSchema();
        engine = PostgresEngine.connect(TestPair.settings(pair, schema).withSynchronousCommit("remote_apply"));
        store = engine.create("s", directory.resolve("s").toString(), null);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aTransactionsCommitCutOffIsNotConfirmedAndNotRepeated() throws Exception {
        Transaction transaction = ((Transactional) store).beginTx();
        transaction.set(bytes("t"), bytes("1"));

        StorageException e = cutOff(transaction::commit);

        assertNotConfirmed(e, "committing a transaction on store s");
        assertEquals("1", new String(store.get(bytes("t")), UTF_8), "it was committed on the primary after all");
        assertEquals(1, changesOf("t"), "applied once");
    }

    @Test
    void aDirectWriteCutOffIsNotConfirmedAndNotRepeated() throws Exception {
        StorageException e = cutOff(() -> store.set(bytes("d"), bytes("1")));

        assertNotConfirmed(e, "writing key");
        assertEquals(1, changesOf("d"), "applied once, never retried");
    }

    /** Runs a commit, terminates its session while it waits for the paused standby, and returns its failure. */
    private StorageException cutOff(Runnable commit) throws Exception {
        pair.pauseStandbyReplay();
        try {
            CompletableFuture<Void> running = CompletableFuture.runAsync(commit);
            awaitAndTerminateWaitingCommit();
            return assertThrows(StorageException.class, () -> {
                try {
                    running.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException failed) {
                    throw failed.getCause();
                }
            });
        } finally {
            pair.resumeStandbyReplay();
        }
    }

    private void awaitAndTerminateWaitingCommit() throws Exception {
        String waiting = "FROM pg_stat_activity WHERE application_name = 'skeleton-storage' AND wait_event = 'SyncRep'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"1".equals(TestPair.query(pair, pair.primaryUrl(), "SELECT count(*) " + waiting))) {
            assertTrue(System.nanoTime() < deadline, "no commit waited for the standby within 10 s");
            Thread.sleep(20);
        }
        assertEquals("t", TestPair.query(pair, pair.primaryUrl(), "SELECT bool_and(pg_terminate_backend(pid)) "
                + waiting));
    }

    private long changesOf(String key) throws Exception {
        String id = TestPair.query(pair, pair.primaryUrl(), "SELECT id FROM " + schema
                + ".skeleton_stores WHERE name = 's'");
        return Long.parseLong(TestPair.query(pair, pair.primaryUrl(), "SELECT count(*) FROM " + schema + ".s_" + id
                + "_log WHERE key = '" + key + "'::bytea"));
    }

    private void assertNotConfirmed(StorageException e, String what) {
        FailoverTest.assertOneLineIo(e);
        assertTrue(e.getMessage().startsWith(what), e.getMessage());
        assertTrue(e.getMessage().contains("the commit could not be confirmed, it may or may not have been applied"),
                e.getMessage());
        // The backend ends without a word while it waits for the standby (so as not to say "committed" nor "failed").
        assertTrue(e.getMessage().contains("SQLState 08006"), e.getMessage());
        assertFalse(e.getMessage().contains(pair.password()), "no password");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
