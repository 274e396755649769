package dev.skeleton.storage.itests;

import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread that writes {@code w<n mod KEYS> = v<n>} to one {@link Store} object (the store's OSGi
 * service) as fast as the store takes it, until stopped: the load under which a store is moved.
 * Every write that returned is acknowledged, recorded as its key's last value; a write that throws
 * is an error (a move must show its writers a pause at most, never a failure), recorded and not
 * retried, so that an unknown outcome never counts as acknowledged.
 *
 * <p>Lock model: one thread writes; the account lives in concurrent collections and atomics that
 * the test reads at any time. {@link #stop()} joins the thread, so the account it returns misses no
 * acknowledged write.
 */
final class ServiceWriter implements Runnable {

    /** How many keys the writes cycle through, so that keys are both added and overwritten. */
    static final int KEYS = 500;
    private static final long STOP_WITHIN_MS = 10_000;
    private static final int MAX_ERRORS = 20;

    private final Store store;
    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ServiceWriter(Store store) {
        this.store = store;
        this.thread = new Thread(this, "move-test-writer");
        thread.setDaemon(true);
    }

    /** Starts writing to the store. */
    static ServiceWriter start(Store store) {
        ServiceWriter writer = new ServiceWriter(store);
        writer.thread.start();
        return writer;
    }

    @Override
    public void run() {
        for (long n = 0; running && errors.size() < MAX_ERRORS; n++) {
            String key = "w" + (n % KEYS);
            String value = "v" + n;
            try {
                store.set(utf8(key), utf8(value));
                acked.put(key, value);
                writes.incrementAndGet();
            } catch (RuntimeException e) {
                errors.add("set " + key + "=" + value + ": " + e);
            }
        }
    }

    /** Writes acknowledged so far. */
    long writes() {
        return writes.get();
    }

    /** Failures so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * Stops writing.
     *
     * @return every key written with its last acknowledged value
     * @throws AssertionError if the thread does not stop within {@value #STOP_WITHIN_MS} ms
     */
    Map<String, String> stop() throws InterruptedException {
        running = false;
        thread.join(STOP_WITHIN_MS);
        if (thread.isAlive()) {
            List<String> stack = new ArrayList<>();
            for (StackTraceElement frame : thread.getStackTrace()) {
                stack.add(frame.toString());
            }
            throw new AssertionError("the writer did not stop within " + STOP_WITHIN_MS + " ms, at " + stack);
        }
        return new TreeMap<>(acked);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
