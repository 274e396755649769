package dev.skeleton.storage.itests;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.itests.fileengine.LineFileEngine;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A persistent engine, named {@value #NAME}, that behaves like the postgres engine with a server
 * that does not answer: once {@link #arm() armed}, {@link #open} blocks until the test
 * {@link #release() releases} it. The data is kept by a {@link LineFileEngine} (files under the
 * store's path), so it outlives the engine's service registration as a server's tables would.
 *
 * <p>An open blocks at most {@value #LONGEST_BLOCK_MS} ms and then fails with IO, so that a test that
 * forgets to release it still ends.
 *
 * <p>Thread safety: the gate and the "entered" latch are replaced together by {@link #arm()}, which
 * the test calls while no open is in progress; everything else is the thread-safe
 * {@link LineFileEngine}.
 */
final class GatedEngine implements Engine {

    /** The engine's name. */
    static final String NAME = "slow";

    private static final long LONGEST_BLOCK_MS = 30_000;

    private final LineFileEngine data = new LineFileEngine();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);

    /** From now on, {@link #open} blocks until {@link #release()}. */
    void arm() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    /** Lets every blocked and future open through. */
    void release() {
        gate.countDown();
    }

    /** Waits until an open has started (and is blocked, if armed). */
    boolean awaitOpenStarted(long millis) throws InterruptedException {
        return entered.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        return data.create(name, path, config);
    }

    @Override
    public Store open(String name, String path) {
        entered.countDown();
        try {
            if (!gate.await(LONGEST_BLOCK_MS, TimeUnit.MILLISECONDS)) {
                throw new StorageException(ErrorCode.IO, "engine " + NAME + ": no answer within "
                        + LONGEST_BLOCK_MS + " ms opening store " + name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorCode.IO, "engine " + NAME + ": interrupted opening store " + name, e);
        }
        return data.open(name, path);
    }

    @Override
    public void destroy(String name, String path) {
        data.destroy(name, path);
    }

    @Override
    public Capabilities capabilities() {
        return data.capabilities();
    }
}
