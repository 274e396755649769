package dev.skeleton.storage.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Ends a large-store JVM whose heap is as good as gone. G1 throws no {@link OutOfMemoryError}
 * while each collection still frees a little, so an engine that needs slightly more than the
 * 256 MiB heap does not fail: its JVM collects garbage nearly all the time, for as long as JMH lets
 * it (an hour for a load), and ignores {@code SIGTERM} meanwhile. {@code -XX:+ExitOnOutOfMemoryError}
 * covers only the error itself, hence this.
 *
 * <p>A daemon thread samples the collectors' accumulated time every {@value #PERIOD_MS} ms. When
 * they took more than {@value #LIMIT} of the wall time of the last
 * {@value #WINDOW_PERIODS} samples, it prints why and halts the JVM with exit code
 * {@value #EXIT_CODE}, the code of {@code -XX:+ExitOnOutOfMemoryError}: JMH then reports the fork as
 * failed and goes on with the next. An engine that runs, even slowly, never comes near that share.
 *
 * <p>Thread safety: {@link #start} may be called from any thread, any number of times; the first
 * call starts the one watchdog of the JVM.
 */
final class LargeGcWatchdog {

    private static final long PERIOD_MS = 5_000;
    private static final int WINDOW_PERIODS = 6;
    private static final double LIMIT = 0.9;
    private static final int EXIT_CODE = 3;

    private static boolean started;

    private LargeGcWatchdog() {
    }

    /**
     * Starts watching this JVM, once.
     *
     * @param what what the JVM runs, for the message, e.g. "file, 10,000,000 keys"
     */
    static synchronized void start(String what) {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(() -> watch(what), "large-gc-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(String what) {
        long[] wallMillis = new long[WINDOW_PERIODS + 1];
        long[] gcMillis = new long[WINDOW_PERIODS + 1];
        for (long sample = 0; ; sample++) {
            int slot = (int) (sample % wallMillis.length);
            wallMillis[slot] = System.nanoTime() / 1_000_000;
            gcMillis[slot] = collectionMillis();
            if (sample >= WINDOW_PERIODS) {
                int oldest = (int) ((sample + 1) % wallMillis.length);
                double share = (double) (gcMillis[slot] - gcMillis[oldest]) / (wallMillis[slot] - wallMillis[oldest]);
                if (share > LIMIT) {
                    halt(what, share);
                }
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long collectionMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static void halt(String what, double share) {
        String message = String.format("# %s: garbage collection took %.0f%% of the last %d s; the heap is too small,"
                + " ending the JVM", what, share * 100, WINDOW_PERIODS * PERIOD_MS / 1000);
        System.out.println(message);
        System.out.flush();
        System.err.println(message);
        System.err.flush();
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
