package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server stops and starts again while writers and transactions run, on a private server of
 * this test: failures are {@code IO} naming the server (never the password), the engine recovers
 * by itself, and every acknowledged write is there afterwards.
 */
class ServerRestartTest {

    private static final int WRITERS = 4;

    @TempDir
    Path directory;

    private PostgresTestServer server;
    private PostgresEngine engine;

    @BeforeEach
    void privateServer() {
        TestDatabase.server();
        Optional<PostgresTestServer> started = PostgresTestServer.startNew();
        assumeTrue(started.isPresent(), PostgresTestServer::unavailableReason);
        server = started.get();
        engine = PostgresEngine.connect(PostgresSettings.of(server.url(), server.user(), server.password())
                .withConnectTimeoutMillis(1000));
    }

    @AfterEach
    void stopServer() {
        engine.close();
        server.close();
    }

    @Test
    void writesDuringARestartFailWithIoAndEveryAcknowledgedWriteSurvives() throws Exception {
        Store store = engine.create("restarted", directory.resolve("restarted").toString(), Config.empty());
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<StorageException> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new java.util.ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String key = "w" + writer + "-" + (i % 50);
                    String value = "v" + i;
                    try {
                        if (i % 3 == 0) {
                            try (Transaction transaction = ((Transactional) store).beginTx()) {
                                transaction.set(bytes(key), bytes(value));
                                transaction.commit();
                            }
                        } else {
                            store.set(bytes(key), bytes(value));
                        }
                        acknowledged.put(key, value);
                    } catch (StorageException e) {
                        failures.add(e);
                        pause();
                    }
                }
            }, "writer-" + w);
            thread.start();
            writers.add(thread);
        }
        TimeUnit.MILLISECONDS.sleep(500);
        int before = acknowledged.size();
        server.stop();
        TimeUnit.MILLISECONDS.sleep(1500);
        server.start();
        TimeUnit.MILLISECONDS.sleep(2500);
        running.set(false);
        for (Thread writer : writers) {
            writer.join(30_000);
        }

        assertTrue(before > 0, "writes went through before the restart");
        assertFalse(failures.isEmpty(), "writes failed while the server was down");
        for (StorageException failure : failures) {
            assertEquals(ErrorCode.IO, failure.code(), failure.toString());
            assertTrue(failure.getMessage().contains("127.0.0.1"), failure.getMessage());
            assertFalse(failure.getMessage().contains(server.password()), "no password in " + failure.getMessage());
        }
        // After the restart the same store object works again, and holds every acknowledged write:
        // a key's last acknowledged value, since a failed write after it changed nothing.
        store.set(bytes("after"), bytes("restart"));
        for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
            assertArrayEquals(bytes(entry.getValue()), store.get(bytes(entry.getKey())), entry.getKey());
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
