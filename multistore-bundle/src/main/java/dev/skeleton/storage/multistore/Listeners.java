package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.StorageException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of a multistore, and the one way events reach them.
 *
 * <p>Callers collect events while they hold their locks and {@link #fire} them after releasing
 * them, so a listener may call back into the multistore. A listener that throws is logged (one line:
 * the exception and the frame it came from) and the others are still called; the operation that
 * fired the event is not affected. Thread-safe.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final CopyOnWriteArrayList<StorageEventListener> listeners = new CopyOnWriteArrayList<>();

    void add(StorageEventListener listener) {
        if (listener == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "listener must not be null");
        }
        listeners.addIfAbsent(listener);
    }

    void remove(StorageEventListener listener) {
        listeners.remove(listener);
    }

    /** Creates an event stamped now. */
    static StorageEvent event(StorageEvent.Type type, String store, String engine, long version) {
        return new StorageEvent(type, store, engine, version, Instant.now());
    }

    /** Delivers events in order; must be called with no lock held. */
    void fire(List<StorageEvent> events) {
        events.forEach(this::fire);
    }

    /** Delivers one event; must be called with no lock held. */
    void fire(StorageEvent event) {
        for (StorageEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable e) {
                // Any other failure of a listener, errors included, is its own: the operation stands.
                // One line, with where it failed, so that a log stays readable.
                LOG.log(Level.WARNING, "storage event listener " + listener + " failed on " + event + ": "
                        + failure(e));
            }
        }
    }

    /** An exception as one line: what it says and where it was thrown. */
    static String failure(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? e.toString() : e + " at " + trace[0];
    }
}
