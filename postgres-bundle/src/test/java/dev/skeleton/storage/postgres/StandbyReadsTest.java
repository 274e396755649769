package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code read_from} sends reads, on a primary with a streaming standby: with
 * {@code standby} plain reads and read-only transactions really run on the standby (they do not see
 * what its paused replay has not applied, while reads of an engine reading from the primary do),
 * a read-only transaction keeps its snapshot there while replay applies newer commits, and a store
 * the standby does not know yet is read on the primary instead.
 */
class StandbyReadsTest {

    private static final byte[] KEY = bytes("k");

    @TempDir
    Path directory;

    private final List<PostgresEngine> engines = new ArrayList<>();
    private ReplicatedTestServers pair;
    private String schema;
    private PostgresEngine writer;
    private PostgresEngine reader;

    @BeforeEach
    void engines() {
        pair = TestPair.shared();
        schema = TestPair.freshSchema();
        writer = engine(ReadFrom.PRIMARY);
        reader = engine(ReadFrom.STANDBY);
    }

    @AfterEach
    void close() {
        engines.forEach(PostgresEngine::close);
    }

    @Test
    void plainReadsFromTheStandbyShowWhatItsReplayApplied() throws Exception {
        Store written = writer.create("s", path("w"), null);
        written.set(KEY, bytes("v1"));
        pair.awaitStandbyCaughtUp();
        Store read = reader.open("s", path("r"));
        assertEquals("v1", text(read.get(KEY)));

        pauseReplay();
        try {
            written.set(KEY, bytes("v2"));
            written.set(bytes("new"), bytes("n"));

            assertEquals("v1", text(read.get(KEY)), "the standby has not applied v2");
            assertFalse(read.has(bytes("new")));
            assertEquals(List.of("k=v1"), entries(read));
            assertEquals("v2", text(written.get(KEY)), "the primary has");
        } finally {
            pair.resumeStandbyReplay();
        }
        pair.awaitStandbyCaughtUp();
        assertEquals("v2", text(read.get(KEY)));
        assertEquals(List.of("k=v2", "new=n"), entries(read));
    }

    @Test
    void aReadOnlyTransactionOnTheStandbyKeepsItsSnapshotWhileReplayGoesOn() throws Exception {
        Store written = writer.create("s", path("w"), null);
        written.set(KEY, bytes("v1"));
        pair.awaitStandbyCaughtUp();
        Store read = reader.open("s", path("r"));

        try (Transaction snapshot = ((Transactional) read).beginReadOnlyTx()) {
            assertEquals("v1", text(snapshot.get(KEY)));
            assertEquals("1", TestPair.query(pair, pair.standbyUrl(), "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'skeleton-storage' AND state = 'idle in transaction'"),
                    "the transaction is open on the standby");

            written.set(KEY, bytes("v2"));
            written.set(bytes("new"), bytes("n"));
            pair.awaitStandbyCaughtUp();

            assertEquals("v2", text(read.get(KEY)), "a plain read on the standby sees the replayed commit");
            assertEquals("v1", text(snapshot.get(KEY)), "the transaction does not");
            assertFalse(snapshot.has(bytes("new")));
            assertEquals(List.of("k=v1"), entries(snapshot));
            snapshot.commit();
        }
    }

    @Test
    void aStoreTheStandbyDoesNotKnowYetIsReadOnThePrimary() throws Exception {
        pauseReplay();
        try {
            Store written = writer.create("fresh", path("w"), null);
            written.set(KEY, bytes("v"));
            Store read = reader.open("fresh", path("r"));

            assertEquals("v", text(read.get(KEY)));
            assertTrue(read.has(KEY));
            assertEquals(List.of("k=v"), entries(read));
            try (Transaction snapshot = ((Transactional) read).beginReadOnlyTx()) {
                assertEquals("v", text(snapshot.get(KEY)));
            }
        } finally {
            pair.resumeStandbyReplay();
        }
    }

    @Test
    void readFromAnyReadsWhatWasWritten() {
        Store written = writer.create("s", path("w"), null);
        written.set(KEY, bytes("v"));
        pair.awaitStandbyCaughtUp();
        Store read = engine(ReadFrom.ANY).open("s", path("a"));
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(bytes("v"), read.get(KEY));
        }
    }

    private PostgresEngine engine(ReadFrom readFrom) {
        PostgresEngine engine = PostgresEngine.connect(TestPair.settings(pair, schema).withReadFrom(readFrom));
        engines.add(engine);
        return engine;
    }

    /** Pauses the standby's replay and waits until it is paused, so that nothing written after is applied. */
    private void pauseReplay() throws Exception {
        pair.pauseStandbyReplay();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"paused".equals(TestPair.query(pair, pair.standbyUrl(), "SELECT pg_get_wal_replay_pause_state()"))) {
            assertTrue(System.nanoTime() < deadline, "the standby's replay did not pause within 10 s");
            Thread.sleep(20);
        }
    }

    private String path(String name) {
        return directory.resolve(name).toString();
    }

    private static List<String> entries(Store store) {
        List<String> entries = new ArrayList<>();
        store.iterate((key, value) -> entries.add(text(key) + "=" + text(value)));
        return entries;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
