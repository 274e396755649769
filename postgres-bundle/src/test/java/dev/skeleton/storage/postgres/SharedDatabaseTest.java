package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one database, as two processes (application nodes) would be: each with its own
 * pool, sharing stores by name, seeing each other's commits, and conflicting correctly.
 */
class SharedDatabaseTest {

    @TempDir
    Path directory;

    private TestDatabase database;
    private Store first;
    private Store second;

    @BeforeEach
    void twoEnginesOnOneStore() {
        TestDatabase.server();
        database = new TestDatabase();
        first = database.engine().create("shared", directory.resolve("node-1").toString(), Config.empty());
        second = database.engine().open("shared", directory.resolve("node-2").toString());
    }

    @AfterEach
    void closeEngines() {
        database.close();
    }

    @Test
    void eachEngineSeesTheOthersWritesAtOnce() {
        first.set(bytes("a"), bytes("1"));
        assertArrayEquals(bytes("1"), second.get(bytes("a")));

        second.delete(bytes("a"));
        assertFalse(first.has(bytes("a")));
    }

    @Test
    void aCommitOfOneEngineConflictsWithATransactionOfTheOtherThatReadTheKey() {
        first.set(bytes("balance"), bytes("100"));
        try (Transaction reader = ((Transactional) first).beginTx();
             Transaction writer = ((Transactional) second).beginTx()) {
            assertArrayEquals(bytes("100"), reader.get(bytes("balance")));
            writer.set(bytes("balance"), bytes("50"));
            writer.commit();

            // The snapshot still shows the old value ...
            assertArrayEquals(bytes("100"), reader.get(bytes("balance")));
            reader.set(bytes("audit"), bytes("saw 100"));
            // ... and the commit must not pretend the new one did not happen.
            StorageException conflict = assertThrows(StorageException.class, reader::commit);
            assertEquals(ErrorCode.TX_CONFLICT, conflict.code());
            assertFalse(reader.isActive());
        }
        assertArrayEquals(bytes("50"), first.get(bytes("balance")));
        assertFalse(second.has(bytes("audit")));
    }

    @Test
    void interleavedTransactionsOnDisjointKeysBothCommit() {
        try (Transaction one = ((Transactional) first).beginTx();
             Transaction two = ((Transactional) second).beginTx()) {
            one.set(bytes("x"), bytes("1"));
            two.set(bytes("y"), bytes("2"));
            // Each sees its own write only (probing the other's key would make it a read).
            assertTrue(one.has(bytes("x")));
            assertTrue(two.has(bytes("y")));
            two.commit();
            one.commit();
        }
        assertArrayEquals(bytes("1"), second.get(bytes("x")));
        assertArrayEquals(bytes("2"), first.get(bytes("y")));
    }

    @Test
    void aKeyInsertedByTheOtherEngineIntoAnIteratedRangeConflicts() {
        first.set(bytes("k1"), bytes("v"));
        try (Transaction scanner = ((Transactional) first).beginTx()) {
            scanner.iterate((key, value) -> true);
            second.set(bytes("k2"), bytes("phantom"));
            scanner.set(bytes("count"), bytes("1"));
            assertEquals(ErrorCode.TX_CONFLICT, assertThrows(StorageException.class, scanner::commit).code());
        }
    }

    @Test
    void aStoreCreatedByOneEngineExistsForTheOther() {
        assertEquals(ErrorCode.STORE_EXISTS, assertThrows(StorageException.class,
                () -> database.engine().create("shared", directory.resolve("node-3").toString(), Config.empty()))
                .code());
    }

    @Test
    void versionsSavedByOneEngineAreLoadedByTheOther() {
        first.set(bytes("a"), bytes("1"));
        long saved = ((Versioned) first).saveVersion().version();
        first.set(bytes("a"), bytes("2"));

        ((Versioned) second).loadVersion(saved);

        assertArrayEquals(bytes("1"), first.get(bytes("a")));
        assertEquals(saved, ((Versioned) first).currentVersion());
        assertEquals(saved + 1, ((Versioned) second).saveVersion().version());
    }

    @Test
    void aStoreDestroyedByOneEngineIsGoneForTheOther() {
        first.close();
        database.engine().destroy("shared", directory.resolve("node-1").toString());

        StorageException gone = assertThrows(StorageException.class, () -> second.get(bytes("a")));
        assertEquals(ErrorCode.STORE_NOT_FOUND, gone.code());
        assertTrue(gone.getMessage().contains("shared"), gone.getMessage());
    }

    @Test
    void destroyWaitsForAnotherEnginesOpenTransactionOnlyUntilTheTimeout() {
        PostgresEngine impatient = database.track(PostgresEngine.connect(
                database.settings().withConnectTimeoutMillis(300)));
        first.set(bytes("kept"), bytes("1"));
        try (Transaction reading = ((Transactional) second).beginTx()) {
            reading.get(bytes("kept"));
            first.close();

            StorageException busy = assertThrows(StorageException.class,
                    () -> impatient.destroy("shared", directory.resolve("node-1").toString()));

            assertEquals(ErrorCode.IO, busy.code());
            assertTrue(busy.getMessage().contains("in use by another process"), busy.getMessage());
            assertArrayEquals(bytes("1"), reading.get(bytes("kept")));
        }
        assertArrayEquals(bytes("1"), second.get(bytes("kept")));
        impatient.destroy("shared", directory.resolve("node-1").toString());
        assertEquals(ErrorCode.STORE_NOT_FOUND, assertThrows(StorageException.class,
                () -> second.get(bytes("kept"))).code());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
