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
 *
 * <p>Its component keeps the name {@code dev.skeleton.storage.multistore.osgi.EventAdminBridge}.
 * The class is named so that it sorts after {@link MultiStoreComponent}: bnd lists components in
 * the {@code Service-Component} header in the order of their class files, and Declarative Services
 * deactivates a stopping bundle's components in that order, so the multistore's last events (the
 * stores that end with it) still reach EventAdmin through this bridge.
 */
@Component(name = StorageEventPoster.COMPONENT_NAME, service = StorageEventListener.class)
public final class StorageEventPoster implements StorageEventListener {

    /** The component's name, as tools and tests know it. */
    public static final String COMPONENT_NAME = "dev.skeleton.storage.multistore.osgi.EventAdminBridge";

    private final EventAdmin eventAdmin;

    /**
     * Creates the bridge.
     *
     * @param eventAdmin where events go
     */
    @Activate
    public StorageEventPoster(@Reference EventAdmin eventAdmin) {
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
