package dev.skeleton.storage.multistore.osgi;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors the components run their engine-calling work on, off the Declarative Services
 * thread.
 *
 * <p>Their threads are daemon threads named after their job, end after {@value #IDLE_SECONDS}
 * seconds without work, and carry this bundle's class loader as their context class loader, not
 * the creating thread's: an idle pool then pins no other bundle's class loader (an engine bundle
 * updated meanwhile must be collectable), and the components shut their executors down when they
 * are deactivated. Stateless; thread-safe.
 */
final class DaemonThreads {

    /**
     * Short, because an engine may leave thread-locals on a thread it ran on (a serializer cache),
     * which keep its classes, and so an updated engine bundle's old class loader, alive as long as
     * the thread lives.
     */
    static final int IDLE_SECONDS = 5;

    private static final AtomicInteger COUNT = new AtomicInteger();

    private DaemonThreads() {
    }

    /** As many threads as there is work: one slow store's work never waits behind another's. */
    static ExecutorService asNeeded(String job) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                work -> thread(job, work));
    }

    /** One thread at most, so the work runs in the order it was given. */
    static ExecutorService oneAtATime(String job) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> thread(job, work));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static Thread thread(String job, Runnable work) {
        Thread thread = new Thread(work, "skeleton-" + job + "-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(DaemonThreads.class.getClassLoader());
        return thread;
    }
}
