package dev.skeleton.storage.multistore;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Engine calls run outside the multistore's lock and off the caller's thread where the caller is
 * the engine registry (issue 15, defect 5): an engine whose {@code open} or {@code create} does
 * not answer (held by {@link HeldEngineCall}) stalls the calls for that one store only, while
 * every other store, the listings and the engine registry answer at once; {@code registerEngine}
 * returns at once and the stores reopen on a thread of the multistore. The races of such a slow
 * call with the engine leaving, being replaced, the store being deleted and the multistore
 * closing leave nothing open, nothing half-made and no data lost. Every wait is bounded.
 */
class EngineCallsOutsideTheLockTest extends MultiStoreTestSupport {

    /** What "at once" means here: far less than a held engine call, far more than any real operation. */
    private static final Duration PROMPT = Duration.ofSeconds(3);

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    private static <T> T promptly(ThrowingSupplier<T> call) {
        return assertTimeoutPreemptively(PROMPT, call, "must not wait for the engine call that is held");
    }

    private static void promptlyRun(Runnable call) {
        assertTimeoutPreemptively(PROMPT, call::run, "must not wait for the engine call that is held");
    }

    private <T> Future<T> onAnotherThread(Callable<T> call) {
        return callers.submit(call);
    }

    private static StorageException failureOf(Future<?> call) throws InterruptedException {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, SECONDS));
        return assertInstanceOf(StorageException.class, e.getCause());
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }

    /** A persistent store "s" holding k=v, closed, so that the next getStore opens it. */
    private void closedStoreWithData() {
        stores.createStore("s", PERSISTENT, null);
        stores.getStore("s").set(bytes("k"), bytes("v"));
        stores.closeAll();
    }

    @Test
    void whileOneStoreIsBeingOpenedEveryOtherStoreAndTheRegistryAnswerAtOnce() throws Exception {
        closedStoreWithData();
        stores.createStore("other", PERSISTENT, null);
        stores.closeAll();

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> slow = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();

            assertEquals(List.of("other", "s"), promptly(stores::listStores));
            assertEquals(PERSISTENT, promptly(() -> stores.storeInfo("s")).engine());
            promptlyRun(() -> stores.createStore("fresh", MEMORY, null));
            Store other = promptly(() -> stores.getStore("other"));
            promptlyRun(() -> other.set(bytes("k"), bytes("other")));
            promptlyRun(() -> stores.registerEngine(new PersistentTestEngine("second", disk)));
            promptlyRun(() -> stores.unregisterEngine("second"));
            assertEquals(List.of(MEMORY, PERSISTENT, PLAIN), promptly(stores::listEngines));
            assertFalse(slow.isDone(), "the store whose open is held is still being opened");

            open.release();
            Store handle = slow.get(10, SECONDS);
            assertEquals("v", text(handle.get(bytes("k"))));
            assertSame(handle, stores.getStore("s"));
        }
    }

    @Test
    void registerEngineReturnsAtOnceAndTheStoresReopenOnAThreadOfTheMultiStore() throws Exception {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        stores.unregisterEngine(PERSISTENT);
        PersistentTestEngine back = new PersistentTestEngine(disk);

        try (HeldEngineCall reopen = new HeldEngineCall(back, "open")) {
            promptlyRun(() -> stores.registerEngine(back));
            reopen.awaitHeld();

            assertNotSame(Thread.currentThread(), reopen.thread());
            assertTrue(reopen.thread().getName().startsWith("skeleton-multistore-reopen-"), reopen.thread().getName());
            assertTrue(reopen.thread().isDaemon());
            assertEquals(List.of("s"), promptly(stores::listStores));
            promptlyRun(() -> stores.createStore("m", MEMORY, null));
            promptlyRun(() -> stores.getStore("m").set(bytes("k"), bytes("m")));
            Future<byte[]> waiting = onAnotherThread(() -> handle.get(bytes("k")));
            Thread.sleep(100);
            assertFalse(waiting.isDone(), "an operation on the store waits for its reopen");

            reopen.release();
            assertEquals("v", text(waiting.get(10, SECONDS)), "the same handle works, on the same data");
        }
        assertEquals(1, back.opens.get());
        eventually(() -> listener.ofType(Type.STORE_OPENED).size() == 1, "the reopen is announced");
    }

    @Test
    void anEngineThatLeavesWhileAStoreIsBeingOpenedLeavesNothingOpenAndLosesNothing() throws Exception {
        closedStoreWithData();

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> opening = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();

            promptlyRun(() -> stores.unregisterEngine(PERSISTENT));
            open.release();

            assertEquals(ErrorCode.ENGINE_UNAVAILABLE, failureOf(opening).code());
        }
        assertFalse(disk.isOpen(pathOf("s")), "what the leaving engine opened was closed again");
        stores.registerEngine(new PersistentTestEngine(disk));
        assertEquals("v", text(stores.getStore("s").get(bytes("k"))));
    }

    @Test
    void anEngineReplacedWhileAStoreIsBeingOpenedOpensItWithTheNewInstance() throws Exception {
        closedStoreWithData();
        PersistentTestEngine replacement = new PersistentTestEngine(disk);

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> opening = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();
            promptlyRun(() -> stores.unregisterEngine(PERSISTENT));
            promptlyRun(() -> stores.registerEngine(replacement));

            open.release();
            Store handle = opening.get(10, SECONDS);

            assertEquals("v", text(handle.get(bytes("k"))));
            handle.set(bytes("k2"), bytes("new"));
        }
        assertEquals(1, replacement.opens.get(), "opened again by the engine that is there now");
        stores.closeAll();
        assertEquals("new", disk.valueOnDisk(pathOf("s"), "k2"), "writes went to the new instance's store");
    }

    @Test
    void aStoreCreatedWhileItsEngineLeavesIsDestroyedAgainAndNotRecorded() throws Exception {
        try (HeldEngineCall create = new HeldEngineCall(persistent, "create")) {
            Future<Void> creating = onAnotherThread(() -> {
                stores.createStore("s", PERSISTENT, null);
                return null;
            });
            create.awaitHeld();
            assertEquals(List.of(), promptly(stores::listStores), "not there before it is made");

            promptlyRun(() -> stores.unregisterEngine(PERSISTENT));
            create.release();

            StorageException e = failureOf(creating);
            assertEquals(ErrorCode.ENGINE_UNAVAILABLE, e.code());
            assertTrue(e.getMessage().contains("nothing was created"), e.getMessage());
        }
        assertFalse(stores.storeExists("s"));
        assertFalse(disk.exists(pathOf("s")), "destroyed again");
        assertEquals(List.of(), newMultiStore().listStores(), "not in the catalog");
    }

    @Test
    void aSecondGetStoreWaitsForTheOpenUnderWayAndGetsTheSameHandle() throws Exception {
        closedStoreWithData();

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> first = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();
            Future<Store> second = onAnotherThread(() -> stores.getStore("s"));
            Thread.sleep(100);
            assertFalse(second.isDone(), "waits for the open under way");

            open.release();

            assertSame(first.get(10, SECONDS), second.get(10, SECONDS));
        }
        assertEquals(1, persistent.opens.get(), "one open for both");
    }

    @Test
    void waitingForAnOpenThatDoesNotAnswerEndsWithEngineUnavailableAfterTheSettleTime() throws Exception {
        closedStoreWithData();
        stores.settleTime = Duration.ofMillis(200);

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> first = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();

            StorageException e = assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> stores.getStore("s"));
            assertTrue(e.getMessage().contains("store s being opened by engine " + PERSISTENT), e.getMessage());
            assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> stores.deleteStore("s"));

            open.release();
            assertEquals("v", text(first.get(10, SECONDS).get(bytes("k"))));
        }
    }

    @Test
    void deleteStoreWaitsForAnOpenUnderWayThenDeletes() throws Exception {
        closedStoreWithData();

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> opening = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();
            Future<Void> deleting = onAnotherThread(() -> {
                stores.deleteStore("s");
                return null;
            });
            Thread.sleep(100);
            assertFalse(deleting.isDone(), "the store is not destroyed while it is being opened");

            open.release();
            Store handle = opening.get(10, SECONDS);
            deleting.get(10, SECONDS);

            assertCode(ErrorCode.STORE_NOT_FOUND, () -> handle.get(bytes("k")));
        }
        assertFalse(stores.storeExists("s"));
        assertFalse(disk.exists(pathOf("s")));
    }

    @Test
    void closeAllStopsAReopenUnderWay() throws Exception {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        stores.unregisterEngine(PERSISTENT);
        PersistentTestEngine back = new PersistentTestEngine(disk);

        try (HeldEngineCall reopen = new HeldEngineCall(back, "open")) {
            stores.registerEngine(back);
            reopen.awaitHeld();

            promptlyRun(stores::closeAll);
            reopen.release();

            assertCode(ErrorCode.STORE_CLOSED, () -> handle.get(bytes("k")));
        }
        eventually(() -> !disk.isOpen(pathOf("s")), "the store the reopen made is closed again");
        assertSame(handle, stores.getStore("s"), "getStore reopens it");
        assertEquals("v", text(handle.get(bytes("k"))));
    }

    @Test
    void closeWaitsAtMostTheSettleTimeForAnEngineCallAndReleasesTheRoot() throws Exception {
        closedStoreWithData();
        stores.settleTime = Duration.ofMillis(300);

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> opening = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();

            promptlyRun(stores::close);
            DefaultMultiStore next = promptly(() -> newMultiStore());
            assertEquals(List.of("s"), next.listStores(), "the root is free for the next multistore");
            next.close();

            open.release();
            assertEquals(ErrorCode.STORE_CLOSED, failureOf(opening).code());
        }
        eventually(() -> !disk.isOpen(pathOf("s")), "what the engine opened after the close is closed again");
    }

    @Test
    void closeWaitsForAnEngineCallThatEndsInTimeSoThatNothingStaysOpen() throws Exception {
        closedStoreWithData();

        try (HeldEngineCall open = new HeldEngineCall(persistent, "open")) {
            Future<Store> opening = onAnotherThread(() -> stores.getStore("s"));
            open.awaitHeld();
            callers.submit(() -> {
                Thread.sleep(200);
                open.release();
                return null;
            });

            stores.close();

            assertFalse(disk.isOpen(pathOf("s")), "closed before close returned");
            assertEquals(ErrorCode.STORE_CLOSED, failureOf(opening).code());
        }
    }
    @Test
    void aSecondCreateOfTheSameNameWaitsForTheFirstAndFindsTheStore() throws Exception {
        try (HeldEngineCall create = new HeldEngineCall(persistent, "create")) {
            Future<Void> first = onAnotherThread(() -> {
                stores.createStore("s", PERSISTENT, null);
                return null;
            });
            create.awaitHeld();
            Future<Void> second = onAnotherThread(() -> {
                stores.createStore("s", MEMORY, null);
                return null;
            });
            Thread.sleep(100);
            assertFalse(second.isDone(), "waits for the creation under way");

            create.release();
            first.get(10, SECONDS);

            assertEquals(ErrorCode.STORE_EXISTS, failureOf(second).code());
        }
        assertEquals(PERSISTENT, stores.storeInfo("s").engine());
        assertEquals(1, persistent.creates.get());
    }

    @Test
    void aStoreCreatedWhileTheMultiStoreClosesIsDestroyedAgain() throws Exception {
        try (HeldEngineCall create = new HeldEngineCall(persistent, "create")) {
            Future<Void> creating = onAnotherThread(() -> {
                stores.createStore("s", PERSISTENT, null);
                return null;
            });
            create.awaitHeld();
            callers.submit(() -> {
                Thread.sleep(200);
                create.release();
                return null;
            });

            stores.close();

            assertEquals(ErrorCode.STORE_CLOSED, failureOf(creating).code());
        }
        assertFalse(disk.exists(pathOf("s")), "destroyed again");
        assertEquals(List.of(), newMultiStore().listStores());
    }

    @Test
    void anEngineThatComesBackWhileItsPreviousInstanceStillReopensTakesOverOnceThatEnds() throws Exception {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));
        stores.unregisterEngine(PERSISTENT);
        PersistentTestEngine first = new PersistentTestEngine(disk);
        PersistentTestEngine second = new PersistentTestEngine(disk);

        try (HeldEngineCall reopen = new HeldEngineCall(first, "open")) {
            stores.registerEngine(first);
            reopen.awaitHeld();
            promptlyRun(() -> stores.unregisterEngine(PERSISTENT));
            promptlyRun(() -> stores.registerEngine(second));

            reopen.release();
            eventually(() -> second.opens.get() == 1, "the engine that is there reopens the store");
        }
        assertEquals("v", text(handle.get(bytes("k"))), "the same handle, on the same data");
        handle.set(bytes("k2"), bytes("w"));
        stores.closeAll();
        assertEquals("w", disk.valueOnDisk(pathOf("s"), "k2"));
    }
}
