package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds the next engine call of one kind ({@code create}, {@code open} or {@code destroy}) of a
 * {@link PersistentTestEngine} until the test releases it, as a database server that does not
 * answer would: through the engine's {@code beforeEngineCall} hook, so before the engine does
 * anything. Records the thread it held. Every wait is bounded, so a broken multistore fails the
 * test instead of hanging it.
 */
final class HeldEngineCall implements AutoCloseable {

    private static final long LIMIT_SECONDS = 10;

    private final String call;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private volatile Thread held;

    /** Arms the engine: its next {@code call} waits until {@link #release()}. */
    HeldEngineCall(PersistentTestEngine engine, String call) {
        this.call = call;
        engine.beforeEngineCall = this::holdOnce;
    }

    private void holdOnce(String name) {
        if (!name.equals(call) || !armed.compareAndSet(true, false)) {
            return;
        }
        held = Thread.currentThread();
        arrived.countDown();
        try {
            released.await(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the call is held, and fails the test if it never comes. */
    HeldEngineCall awaitHeld() throws InterruptedException {
        assertTrue(arrived.await(LIMIT_SECONDS, TimeUnit.SECONDS), "the engine's " + call + " was never called");
        return this;
    }

    /** The thread the engine call runs on. */
    Thread thread() {
        return held;
    }

    /** Lets the engine call go on. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
    }
}
