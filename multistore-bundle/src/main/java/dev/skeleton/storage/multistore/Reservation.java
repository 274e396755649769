package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Engine;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A store name taken while an engine works on that store outside the multistore's lock: opening,
 * reopening, creating, closing or destroying it.
 *
 * <p>Engine calls may take long (a database that does not answer), so the multistore makes none
 * under its lock. Instead it reserves the store's name under the lock, calls the engine without
 * it, and settles the outcome under the lock again. While a name is reserved, no other operation
 * on that store starts: {@code getStore}, {@code createStore}, {@code deleteStore}, a reopen and a
 * handle that finds no engine store {@linkplain #await wait} for the reservation to end and then
 * look again. Operations on other stores, listings and the engine registry never wait for it.
 *
 * <p>A reservation has an owner, the thread that makes the engine call and then delivers the
 * events of the outcome while the name is still reserved (so that an operation that waited for it
 * reports after it); that thread is never made to wait for its own reservation, so a listener may
 * call back on the same store.
 *
 * <p>Thread safety: the multistore maps names to reservations under its lock; {@link #finish()},
 * {@link #await} and the owner are safe from any thread, and {@code finish} is idempotent.
 */
final class Reservation {

    /** What the engine is doing with the store. */
    enum Kind {
        OPEN("opened"), REOPEN("reopened"), CREATE("created"), CLOSE("closed"), DESTROY("destroyed"), MOVE("moved");

        private final String participle;

        Kind(String participle) {
            this.participle = participle;
        }

        /** As in "store s is being opened". */
        String participle() {
            return participle;
        }
    }

    private final String name;
    private final Engine engine;
    private final String engineName;
    private final Kind kind;
    private final CountDownLatch finished = new CountDownLatch(1);
    /** The thread doing the engine call and delivering its events. */
    private volatile Thread owner = Thread.currentThread();

    Reservation(String name, Engine engine, String engineName, Kind kind) {
        this.name = name;
        this.engine = engine;
        this.engineName = engineName;
        this.kind = kind;
    }

    String name() {
        return name;
    }

    /** The engine instance at work; null for a close whose engine has left already. */
    Engine engine() {
        return engine;
    }

    String engineName() {
        return engineName;
    }

    Kind kind() {
        return kind;
    }

    /** Leaves the engine call to a thread that will {@link #claim()} it; until then no thread owns it. */
    Reservation forBackground() {
        owner = null;
        return this;
    }

    /** The calling thread takes over the engine call (a reservation made for a background thread). */
    void claim() {
        owner = Thread.currentThread();
    }

    /** Whether the calling thread does the engine call: it must never wait for itself. */
    boolean isOwnedByCurrentThread() {
        return owner == Thread.currentThread();
    }

    /** Wakes every waiter; the multistore has removed the reservation from its map by then. */
    void finish() {
        finished.countDown();
    }

    boolean isFinished() {
        return finished.getCount() == 0;
    }

    /**
     * Waits for the engine call to end.
     *
     * @param limit how long to wait at most
     * @return true if it ended, false if the time ran out
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean await(Duration limit) throws InterruptedException {
        return finished.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "store " + name + " being " + kind.participle() + " by engine " + engineName;
    }
}
