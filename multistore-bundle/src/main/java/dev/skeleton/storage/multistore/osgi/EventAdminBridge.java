package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts every storage event to EventAdmin on the topic {@code dev/skeleton/storage/<TYPE>}, with the
 * properties {@code store.name}, {@code engine.name}, {@code version} and {@code timestamp}
 * (milliseconds) where they apply.
 *
 * <p>A listener service picked up by the multistore's whiteboard; it exists only while an EventAdmin
 * is present, so the bundle works without one (and without its package: the import is optional and
 * this class is not loaded then). Events are posted asynchronously, so no listener of EventAdmin
 * runs on the thread of a storage operation.
 */
@Component(service = StorageEventListener.class)
public final class EventAdminBridge implements StorageEventListener {

    private final EventAdmin eventAdmin;

    /**
     * Creates the bridge.
     *
     * @param eventAdmin where events go
     */
    @Activate
    public EventAdminBridge(@Reference EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void onEvent(StorageEvent e) {
        Map<String, Object> properties = new HashMap<>();
        if (e.storeName() != null) {
            properties.put("store.name", e.storeName());
        }
        if (e.engineName() != null) {
            properties.put("engine.name", e.engineName());
        }
        properties.put("version", e.version());
        properties.put("timestamp", e.time().toEpochMilli());
        eventAdmin.postEvent(new Event(e.topic(), properties));
    }
}
