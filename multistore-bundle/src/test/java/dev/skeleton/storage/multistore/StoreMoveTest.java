package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.Versioned;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Moves of a store between the real memory and file engines while it is in use. */
class StoreMoveTest extends TransferTestSupport {

    @Test
    void aStoreMovesToAnotherEngineKeepingItsNameHandleAndContent() {
        Store handle = filled("users", FILE, 2_000);
        byte[] hash = hashOf(handle);
        TransferReport report = stores.moveStore("users", MEMORY, TransferListener.NONE);
        assertEquals(MEMORY, stores.storeInfo("users").engine());
        assertEquals(root.resolve("users").toString(), stores.storeInfo("users").path());
        assertSame(handle, stores.getStore("users"));
        assertArrayEquals(hash, hashOf(handle));
        assertArrayEquals(hash, report.hash());
        assertEquals(FILE, report.sourceEngine());
        assertEquals(MEMORY, report.targetEngine());
        assertFalse(Files.exists(root.resolve("users")), "the file engine's copy is destroyed");
        assertFalse(Files.exists(root.resolve(Intents.FOLDER).resolve("users.intent")));
        handle.set(bytes("after"), bytes("move"));
        assertArrayEquals(bytes("move"), handle.get(bytes("after")));
        assertEquals(1, listener.ofType(StorageEvent.Type.STORE_MOVED).size());

        stores.moveStore("users", FILE, TransferListener.NONE);
        assertEquals(FILE, stores.storeInfo("users").engine());
        assertTrue(Files.isDirectory(root.resolve("users")), "the file store is at the store's path");
        restart();
        Store reopened = stores.getStore("users");
        assertEquals(2_001, countOf(reopened));
        assertArrayEquals(bytes("move"), reopened.get(bytes("after")));
    }

    @Test
    void fourWritersThroughHandlesLoseNothingAndApplyNothingTwiceAcrossMovesBackAndForth() throws Exception {
        stores.createStore("busy", FILE, Config.empty());
        Store handle = stores.getStore("busy");
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
        AtomicLong[] counted = new AtomicLong[4];
        List<Thread> writers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            counted[w] = new AtomicLong();
            Thread thread = new Thread(() -> {
                try {
                    write(handle, writer, stop, acknowledged, counted[writer]);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            thread.start();
            writers.add(thread);
        }
        Duration longest = Duration.ZERO;
        try {
            Thread.sleep(200);
            for (String engine : List.of(MEMORY, FILE, MEMORY, FILE)) {
                TransferReport report = stores.moveStore("busy", engine, TransferListener.NONE);
                longest = longest.compareTo(report.longestPause()) < 0 ? report.longestPause() : longest;
                Thread.sleep(100);
            }
        } finally {
            stop.set(true);
            for (Thread thread : writers) {
                thread.join();
            }
        }
        assertEquals(List.of(), failures);
        acknowledged.forEach((key, value) -> assertArrayEquals(value, handle.get(bytes(key)), key));
        for (int w = 0; w < 4; w++) {
            // Each commit added one to the writer's counter: as many as were acknowledged, none twice.
            assertEquals(counted[w].get(), ByteBuffer.wrap(handle.get(bytes("counter-" + w))).getLong(), "writer " + w);
        }
        assertTrue(longest.compareTo(Duration.ofSeconds(5)) < 0, "longest pause " + longest);
    }

    /** Plain sets of new keys and counter increments in transactions, each recorded once acknowledged. */
    private static void write(Store handle, int writer, AtomicBoolean stop, Map<String, byte[]> acknowledged,
                              AtomicLong counted) {
        byte[] counter = bytes("counter-" + writer);
        handle.set(counter, ByteBuffer.allocate(8).putLong(0).array());
        for (long i = 0; !stop.get(); i++) {
            String key = "w" + writer + "-" + i;
            byte[] value = bytes("v" + i);
            handle.set(bytes(key), value);
            acknowledged.put(key, value);
            try (Transaction tx = ((Transactional) handle).beginTx()) {
                long now = ByteBuffer.wrap(tx.get(counter)).getLong();
                tx.set(counter, ByteBuffer.allocate(8).putLong(now + 1).array());
                tx.commit();
                counted.incrementAndGet();
            } catch (StorageException e) {
                // A transaction open across the switch ends with ENGINE_UNAVAILABLE: nothing applied.
                if (e.code() != ErrorCode.ENGINE_UNAVAILABLE && e.code() != ErrorCode.TX_CONFLICT) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aMoveStoppedByItsListenerLeavesTheStoreWhereItWas() {
        Store handle = filled("stay", FILE, 70_000 / 10);
        byte[] hash = hashOf(handle);
        assertCode(ErrorCode.IO, () -> stores.moveStore("stay", MEMORY, progress -> {
            throw new StorageException(ErrorCode.IO, "stopped");
        }));
        assertEquals(FILE, stores.storeInfo("stay").engine());
        assertArrayEquals(hash, hashOf(handle));
        handle.set(bytes("still"), bytes("works"));
        assertFalse(Files.exists(root.resolve(Intents.FOLDER).resolve("stay.intent")));
        assertTrue(stores.pendingCleanups().isEmpty());
        stores.moveStore("stay", MEMORY, TransferListener.NONE);
        assertEquals(MEMORY, stores.storeInfo("stay").engine());
    }

    @Test
    void aMoveToAFileStoreThatIsStoppedLeavesNoStagingBehind() {
        Store handle = filled("frommemory", MEMORY, 7_000);
        assertCode(ErrorCode.IO, () -> stores.moveStore("frommemory", FILE, progress -> {
            throw new IllegalStateException("listener broke");
        }));
        assertEquals(MEMORY, stores.storeInfo("frommemory").engine());
        assertEquals(7_000, countOf(handle));
        assertFalse(Files.exists(root.resolve(Intents.FOLDER).resolve("frommemory")));
    }

    @Test
    void aLoadVersionDuringTheMoveStopsIt() {
        Store handle = filled("loaded", FILE, 7_000);
        ((Versioned) handle).saveVersion();
        handle.set(bytes("new"), bytes("data"));
        assertCode(ErrorCode.TX_CONFLICT, () -> stores.moveStore("loaded", MEMORY, progress ->
                ((Versioned) handle).loadVersion(1)));
        assertEquals(FILE, stores.storeInfo("loaded").engine());
        assertFalse(handle.has(bytes("new")));
    }

    @Test
    void aListenerThatWritesWhenTheSwitchEndsATransactionDoesNotHoldTheMoveUp() {
        Store handle = filled("listened", FILE, 100);
        Transaction open = ((Transactional) handle).beginTx();
        open.set(bytes("never"), bytes("applied"));
        stores.addListener(event -> {
            if (event.type() == StorageEvent.Type.TX_ROLLED_BACK && "listened".equals(event.storeName())) {
                handle.set(bytes("heard"), bytes("rollback"));
            }
        });
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> stores.moveStore("listened", MEMORY, TransferListener.NONE));
        assertArrayEquals(bytes("rollback"), handle.get(bytes("heard")));
        assertFalse(handle.has(bytes("never")));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, open::commit);
    }

    @Test
    void badMovesAreRefusedAndChangeNothing() {
        filled("here", FILE, 10);
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.moveStore("here", FILE, TransferListener.NONE));
        assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.moveStore("here", "nosuch", TransferListener.NONE));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.moveStore("nothere", MEMORY, TransferListener.NONE));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.moveStore("here", MEMORY, null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.moveStore("a/b", MEMORY, TransferListener.NONE));
        assertEquals(FILE, stores.storeInfo("here").engine());
        assertEquals(10, countOf(stores.getStore("here")));
    }

    @Test
    void aCrashDuringTheCopyOfAMoveToAFileStoreDestroysTheStagedCopyOnRestart() throws Exception {
        stores.close();
        // What a process killed while it copied a memory store to the file engine leaves: an intent
        // and the staged file store, not in the catalog (the memory store itself died with it).
        Intents intents = new Intents(root);
        intents.write(new Intent("crashed", Intent.Kind.MOVE, MEMORY, false, FILE, true));
        new dev.skeleton.storage.file.FileEngine().create("crashed", intents.staging("crashed").toString(),
                Config.empty()).close();
        stores = open();
        waitForCleanups();
        assertFalse(Files.exists(intents.staging("crashed")));
        assertTrue(intents.read().isEmpty());
        assertFalse(stores.storeExists("crashed"));
        stores.createStore("crashed", FILE, Config.empty());
    }

    @Test
    void aCrashAfterTheSwitchKeepsTheNewPlaceAndDestroysTheOldCopy() throws Exception {
        filled("switched", MEMORY, 10);
        stores.close();
        // Killed after the catalog recorded the new engine (file), before the old copy's
        // directory was destroyed: here an old file store renamed aside as a move does.
        Intents intents = new Intents(root);
        new dev.skeleton.storage.file.FileEngine().create("switched", intents.retired("switched").toString(),
                Config.empty()).close();
        intents.write(new Intent("switched", Intent.Kind.MOVE, FILE, true, MEMORY, false));
        stores = open();
        waitForCleanups();
        assertFalse(Files.exists(intents.retired("switched")));
        assertTrue(intents.read().isEmpty());
    }

    @Test
    void aCrashAfterTheRenamesButBeforeTheCatalogPutsTheOldStoreBack() throws Exception {
        Store handle = filled("halfway", FILE, 50);
        byte[] hash = hashOf(handle);
        stores.close();
        // The old directory renamed aside, the new (memory: none) not committed.
        Intents intents = new Intents(root);
        intents.write(new Intent("halfway", Intent.Kind.MOVE, FILE, true, MEMORY, false));
        Files.createDirectories(intents.retired("halfway").getParent());
        Files.move(root.resolve("halfway"), intents.retired("halfway"));
        stores = open();
        assertEquals(FILE, stores.storeInfo("halfway").engine());
        assertArrayEquals(hash, hashOf(stores.getStore("halfway")));
        assertTrue(intents.read().isEmpty());
    }

    private void waitForCleanups() throws InterruptedException {
        for (int i = 0; i < 200 && !stores.pendingCleanups().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertEquals(java.util.Set.of(), stores.pendingCleanups());
    }
}
