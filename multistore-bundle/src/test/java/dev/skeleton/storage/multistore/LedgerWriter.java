package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A writer thread of {@link PostgresFailoverTest} that keeps a ledger of its own in a shared store,
 * one transaction per entry: it reads {@code NAME/count} (n), writes {@code n + 1} there and, under
 * {@code NAME/item/n+1}, a random id of this attempt. It remembers every attempt with its outcome:
 * acknowledged (the commit returned) or unconfirmed (the commit was called and threw: it may or may
 * not have been applied).
 *
 * <p>What {@link #verify} then finds on the last primary proves the claims: an acknowledged attempt
 * whose id is not the ledger's final entry at its index was lost; an entry whose id no attempt for
 * that index had, or a gap, would be an invented or misapplied write; an entry past the count would
 * be half a commit. A commit applied twice cannot show as a duplicate entry (the second would read a
 * count that moved and conflict), so any {@code TX_CONFLICT} at all, which a single writer per
 * ledger cannot cause, kills the writer and fails the test: it would mean a layer retried a commit.
 * Every failure must also be a clean one: {@code IO} or {@code ENGINE_UNAVAILABLE}, one line, no
 * password.
 */
final class LedgerWriter {

    private final String name;
    private final Store store;
    private final String password;
    private final Thread thread;
    /** Index to the attempts at it, in order, with their outcome: appended by the writer thread only. */
    private final Map<Long, List<Attempt>> attempts = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong unconfirmed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopped;
    private volatile Throwable death;
    private volatile String lastFailure = "none";

    private record Attempt(long id, boolean acknowledged) {
    }

    private LedgerWriter(String name, Store store, String password) {
        this.name = name;
        this.store = store;
        this.password = password;
        this.thread = new Thread(this::run, "ledger-writer-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts a writer of the ledger {@code name} through {@code store}, a handle of a transactional store. */
    static LedgerWriter start(String name, Store store, String password) {
        LedgerWriter writer = new LedgerWriter(name, store, password);
        writer.thread.start();
        return writer;
    }

    String name() {
        return name;
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long unconfirmed() {
        return unconfirmed.get();
    }

    long failed() {
        return failed.get();
    }

    boolean died() {
        return death != null;
    }

    Throwable failure() {
        return death;
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Stops the thread and waits for it; rethrows what killed it, if anything did. */
    void stop() {
        stopped = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError(name + " did not stop within 30 s (a hung operation?)");
        }
        if (death != null) {
            throw new AssertionError(name + " died", death);
        }
    }

    /**
     * Checks this writer's ledger as {@code ledger} has it.
     *
     * @param ledger the store, read directly (not through the engine under test's pools)
     * @param strict true when nothing acknowledged may be missing
     * @return how many acknowledged attempts are missing (zero when strict, else the test fails)
     */
    long verify(Store ledger, boolean strict) {
        long count = ledger.has(countKey()) ? decode(ledger.get(countKey())) : 0;
        if (ledger.has(itemKey(count + 1))) {
            throw new AssertionError(name + ": an entry past the count " + count + ": half a commit applied");
        }
        for (long index = 1; index <= count; index++) {
            if (!ledger.has(itemKey(index))) {
                throw new AssertionError(name + ": entry " + index + " of " + count + " is missing");
            }
            long id = decode(ledger.get(itemKey(index)));
            List<Attempt> tried = attempts.getOrDefault(index, List.of());
            if (tried.stream().noneMatch(attempt -> attempt.id() == id)) {
                throw new AssertionError(name + ": entry " + index + " holds " + id + ", which no attempt wrote");
            }
        }
        long lost = 0;
        for (Map.Entry<Long, List<Attempt>> at : attempts.entrySet()) {
            long index = at.getKey();
            long finalId = index <= count ? decode(ledger.get(itemKey(index))) : 0;
            for (Attempt attempt : at.getValue()) {
                if (attempt.acknowledged() && (index > count || attempt.id() != finalId)) {
                    lost++;
                }
            }
        }
        if (strict && lost > 0) {
            throw new AssertionError(name + ": " + lost + " acknowledged commits are missing (count " + count + ")");
        }
        return lost;
    }

    private void run() {
        try {
            while (!stopped) {
                writeOne();
            }
        } catch (Throwable e) {
            death = e;
        }
    }

    private void writeOne() throws InterruptedException {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        long index = -1;
        boolean committing = false;
        try (Transaction tx = ((Transactional) store).beginTx()) {
            index = (tx.has(countKey()) ? decode(tx.get(countKey())) : 0) + 1;
            tx.set(countKey(), encode(index));
            tx.set(itemKey(index), encode(id));
            committing = true;
            tx.commit();
            record(index, new Attempt(id, true));
            acknowledged.incrementAndGet();
        } catch (StorageException e) {
            if (e.code() == ErrorCode.TX_CONFLICT) {
                throw new AssertionError(name + ": a conflict, which one writer per ledger cannot cause", e);
            }
            if (e.code() != ErrorCode.IO && e.code() != ErrorCode.ENGINE_UNAVAILABLE) {
                throw new AssertionError(name + ": unexpected failure " + e.code(), e);
            }
            if (e.getMessage().contains("\n") || e.getMessage().contains(password)) {
                throw new AssertionError(name + ": a failure message that is not one line or shows the password", e);
            }
            failed.incrementAndGet();
            lastFailure = e.getMessage();
            if (committing) {
                record(index, new Attempt(id, false));
                unconfirmed.incrementAndGet();
            }
            Thread.sleep(10);
        }
    }

    private void record(long index, Attempt attempt) {
        attempts.computeIfAbsent(index, i -> new ArrayList<>()).add(attempt);
    }

    private byte[] countKey() {
        return (name + "/count").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] itemKey(long index) {
        return String.format("%s/item/%010d", name, index).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static long decode(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
