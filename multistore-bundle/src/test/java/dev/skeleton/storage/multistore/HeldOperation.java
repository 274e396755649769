package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An operation on another thread, held inside the engine (in {@link PersistentTestEngine}'s
 * {@code beforeEachOperation} hook, so past the handle's checks but before the engine store looks
 * at its state) until the test has done what should race with it. Every wait is bounded, so a
 * broken multistore fails the test instead of hanging it.
 */
final class HeldOperation<T> implements AutoCloseable {

    private static final long LIMIT_SECONDS = 5;

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<T> result;

    /** Starts {@code operation}, holds the first engine operation it reaches and waits for it to get there. */
    HeldOperation(PersistentTestEngine engine, Callable<T> operation) throws InterruptedException {
        engine.beforeEachOperation = this::holdOnce;
        result = thread.submit(operation);
        assertTrue(arrived.await(LIMIT_SECONDS, TimeUnit.SECONDS), "the operation never reached the engine");
    }

    private void holdOnce() {
        if (!armed.compareAndSet(true, false)) {
            return;
        }
        arrived.countDown();
        try {
            released.await(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the operation go on and returns its result. */
    T release() throws Exception {
        released.countDown();
        try {
            return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Lets the operation go on and asserts that it fails with {@code code}. */
    StorageException releaseAndExpect(ErrorCode code) {
        Exception failure = assertThrows(Exception.class, this::release);
        StorageException e = assertInstanceOf(StorageException.class, failure);
        assertEquals(code, e.code(), e::getMessage);
        return e;
    }

    @Override
    public void close() {
        released.countDown();
        thread.shutdownNow();
    }
}
