package dev.skeleton.storage.itests;

import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The storage events that reach EventAdmin while it listens, each as {@code "<TYPE> <store>"}
 * ({@code "<TYPE> -"} for an event about no store), in the order EventAdmin delivered them.
 *
 * <p>Thread safety: EventAdmin delivers on its own threads; the events live in a copy-on-write
 * list, so the test may read them at any time.
 */
final class StorageEvents implements EventHandler, AutoCloseable {

    private static final String TOPIC_PREFIX = "dev/skeleton/storage/";

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> registration;

    private StorageEvents() {
    }

    /** Starts listening on {@code dev/skeleton/storage/*}. */
    static StorageEvents listen(BundleContext context) {
        StorageEvents events = new StorageEvents();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, TOPIC_PREFIX + "*");
        events.registration = context.registerService(EventHandler.class, events, properties);
        return events;
    }

    @Override
    public void handleEvent(Event event) {
        Object store = event.getProperty("store.name");
        seen.add(event.getTopic().substring(TOPIC_PREFIX.length()) + " " + (store == null ? "-" : store));
    }

    /** Every event seen so far. */
    List<String> all() {
        return List.copyOf(seen);
    }

    /** The events seen so far about that store, as {@code "<TYPE> <store>"}. */
    List<String> about(String store) {
        return seen.stream().filter(e -> e.endsWith(" " + store)).collect(Collectors.toList());
    }

    /** Waits (bounded) until an event of that type about that store has been seen. */
    void await(String type, String store) {
        String wanted = type + " " + store;
        Osgi.eventually(() -> assertTrue("expected " + wanted + " among " + seen, seen.contains(wanted)));
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
