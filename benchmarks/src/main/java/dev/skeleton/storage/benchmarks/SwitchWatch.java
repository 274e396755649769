package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.MultiStore;

/**
 * Notices when a store being moved has switched to its new engine: a thread asks the multistore
 * for the store's engine ({@code storeInfo}, which waits for no operation on the store) every
 * {@value #POLL_MILLIS} ms and runs a callback the first time the answer is the new engine. The
 * catalog records the new engine at the move's point of no return, inside the pause in which
 * writers are held; so the moment seen is that pause, give or take the poll interval.
 *
 * <p>Thread safety: the callback runs on the watching thread, at most once; {@link #close()} stops
 * and joins it, so that after close the callback has run or never will.
 */
final class SwitchWatch implements AutoCloseable {

    static final long POLL_MILLIS = 1;

    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean seen;

    /**
     * Starts watching.
     *
     * @param stores   the multistore
     * @param name     the store being moved
     * @param engine   the engine it moves to
     * @param onSwitch what to do once it is there
     */
    SwitchWatch(MultiStore stores, String name, String engine, Runnable onSwitch) {
        thread = new Thread(() -> {
            while (!stopped) {
                if (engine.equals(stores.storeInfo(name).engine())) {
                    seen = true;
                    onSwitch.run();
                    return;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "switch-watch-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether the switch was seen (valid after {@link #close()}).
     *
     * @return true if the callback ran
     */
    boolean seen() {
        return seen;
    }

    /** Stops and joins the watching thread. */
    @Override
    public void close() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
