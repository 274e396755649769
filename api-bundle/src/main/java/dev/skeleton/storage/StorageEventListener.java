package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives {@link StorageEvent}s from a {@link MultiStore} (added with
 * {@link MultiStore#addListener}, or in OSGi registered as a service: the whiteboard pattern).
 *
 * <p>A listener is never called while a lock of a store or of the multistore is held, so it may call
 * back into them. A listener that throws does not break the operation that fired the event; the
 * failure is logged. Listeners may be called from any thread, and concurrently.
 */
@ConsumerType
@FunctionalInterface
public interface StorageEventListener {
    /**
     * Receives one event.
     *
     * @param e the event, never null
     */
    void onEvent(StorageEvent e);
}
