package dev.skeleton.storage.itests.writer;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A writer that never stops writing while the engine of its store comes and goes: it waits for the
 * store {@value #STORE} to exist, takes one handle with {@code MultiStore.getStore}, and then writes
 * {@code k<n mod 64> = v<n>} through that handle in a loop. A write that fails with
 * ENGINE_UNAVAILABLE is retried (same key, same value) until it is acknowledged; any other failure is
 * recorded as an error and retried too. Every acknowledged write is recorded as the key's last
 * acknowledged value: the store must hold exactly that afterwards.
 *
 * <p>{@link #get()} reports progress; {@link #call()} stops the loop, waits for the thread, and
 * reports the final account: {@code acked} (key to last acknowledged value), {@code writes},
 * {@code retries} (ENGINE_UNAVAILABLE seen) and {@code errors} (any other failure).
 *
 * <p>Lock model: one writer thread writes; the account is in concurrent collections and atomics that
 * the test may read at any time. {@link #call()} joins the thread before it reads {@code acked}, so
 * no acknowledged write is missing from the final account.
 */
public final class AcknowledgedWriter implements Runnable, Supplier<Map<String, Object>>, Callable<Map<String, Object>> {

    /** The store the writer writes to; it starts once the store exists. */
    public static final String STORE = "hot";

    private static final int KEYS = 64;
    private static final long WAIT_MS = 10_000;
    private static final int MAX_ERRORS = 20;

    private final BundleContext context;
    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    AcknowledgedWriter(BundleContext context) {
        this.context = context;
        this.thread = new Thread(this, "hot-swap-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        ServiceTracker<MultiStore, MultiStore> tracker = new ServiceTracker<>(context, MultiStore.class, null);
        tracker.open();
        try {
            MultiStore stores = tracker.waitForService(WAIT_MS);
            if (stores == null) {
                error("no MultiStore service within " + WAIT_MS + " ms");
                return;
            }
            Store store = awaitStore(stores);
            for (long n = 0; running && store != null; n++) {
                writeUntilAcknowledged(store, "k" + (n % KEYS), "v" + n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tracker.close();
        }
    }

    /** Waits for the store to exist, then takes its handle (retrying while its engine is away). */
    private Store awaitStore(MultiStore stores) throws InterruptedException {
        while (running) {
            try {
                if (stores.storeExists(STORE)) {
                    return stores.getStore(STORE);
                }
            } catch (StorageException e) {
                if (e.code() != ErrorCode.ENGINE_UNAVAILABLE) {
                    error("getStore " + STORE + ": " + e.code() + " " + e.getMessage());
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    private void writeUntilAcknowledged(Store store, String key, String value) throws InterruptedException {
        while (running) {
            try {
                store.set(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
                acked.put(key, value);
                writes.incrementAndGet();
                return;
            } catch (StorageException e) {
                if (e.code() == ErrorCode.ENGINE_UNAVAILABLE) {
                    retries.incrementAndGet();
                } else {
                    error("set " + key + "=" + value + ": " + e.code() + " " + e.getMessage());
                }
            } catch (RuntimeException e) {
                error("set " + key + "=" + value + ": " + e);
            }
            Thread.sleep(2);
        }
    }

    private void error(String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(message);
        }
    }

    /** Progress so far: {@code writes}, {@code retries}, {@code errors}. */
    @Override
    public Map<String, Object> get() {
        return Map.of("writes", writes.get(), "retries", retries.get(), "errors", List.copyOf(errors));
    }

    /** Stops writing and returns the final account, {@code acked} included. */
    @Override
    public Map<String, Object> call() {
        running = false;
        try {
            thread.join(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> all = new ArrayList<>(errors);
        if (thread.isAlive()) {
            all.add("the writer thread did not stop within " + WAIT_MS + " ms");
        }
        return Map.of("acked", new TreeMap<>(acked), "writes", writes.get(), "retries", retries.get(), "errors", all);
    }
}
