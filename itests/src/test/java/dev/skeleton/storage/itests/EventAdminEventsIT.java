package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.LINEFILE_BSN;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.lineFileEngine;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.itests.fileengine.LineFileEngine;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Storage events reach EventAdmin on the topics {@code dev/skeleton/storage/<TYPE>}, with the
 * properties {@code store.name}, {@code engine.name}, {@code version} and {@code timestamp}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EventAdminEventsIT {

    private static final String TOPIC_PREFIX = "dev/skeleton/storage/";

    @Inject
    private BundleContext context;

    private MultiStore stores;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> handler;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), storageBundles(), multistoreRootFor(getClass()),
                lineFileEngine(getClass()));
    }

    @Before
    public void listen() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, TOPIC_PREFIX + "*");
        handler = context.registerService(EventHandler.class, events::add, properties);
    }

    @After
    public void stopListening() {
        handler.unregister();
    }

    @Test
    public void storeLifecycleEvents() {
        stores.createStore("events", "memory", Config.empty());
        Event created = awaitEvent("STORE_CREATED", "events");
        assertEquals("memory", created.getProperty("engine.name"));
        assertEquals(0L, created.getProperty("version"));
        assertTrue("timestamp in milliseconds", created.getProperty("timestamp") instanceof Long);

        stores.getStore("events").close();
        awaitEvent("STORE_CLOSED", "events");
        awaitEvent("STORE_DELETED", "events");
    }

    @Test
    public void transactionEvents() {
        stores.createStore("tx-events", "memory", Config.empty());
        Transactional store = (Transactional) stores.getStore("tx-events");
        try (Transaction tx = store.beginTx()) {
            tx.set(utf8("k"), utf8("v"));
            tx.commit();
        }
        awaitEvent("TX_COMMITTED", "tx-events");
        try (Transaction tx = store.beginTx()) {
            tx.set(utf8("k"), utf8("w"));
            tx.rollback();
        }
        awaitEvent("TX_ROLLED_BACK", "tx-events");
        stores.deleteStore("tx-events");
        awaitEvent("STORE_DELETED", "tx-events");
    }

    @Test
    public void versionEventsCarryTheVersion() {
        stores.createStore("versions", "memory", Config.empty());
        Store store = stores.getStore("versions");
        store.set(utf8("k"), utf8("1"));
        ((Versioned) store).saveVersion();
        store.set(utf8("k"), utf8("2"));
        ((Versioned) store).saveVersion();
        ((Versioned) store).loadVersion(1);

        assertEquals(List.of(1L, 2L), eventually("VERSION_SAVED", "versions", 2).stream()
                .map(e -> e.getProperty("version")).collect(Collectors.toList()));
        assertEquals(1L, awaitEvent("VERSION_LOADED", "versions").getProperty("version"));
        stores.deleteStore("versions");
    }

    @Test
    public void engineEvents() throws Exception {
        stores.createStore("ledger", LineFileEngine.NAME, Config.empty());
        stores.getStore("ledger").set(utf8("k"), utf8("v"));
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);

        engine.stop();
        Event removed = awaitEvent("ENGINE_REMOVED", null);
        assertEquals(LineFileEngine.NAME, removed.getProperty("engine.name"));
        assertNull("an engine event names no store", removed.getProperty("store.name"));
        assertEquals(LineFileEngine.NAME, awaitEvent("STORE_UNAVAILABLE", "ledger").getProperty("engine.name"));

        engine.start();
        assertEquals(LineFileEngine.NAME, awaitEvent("ENGINE_ADDED", null).getProperty("engine.name"));
        awaitEvent("STORE_OPENED", "ledger");
    }

    /** The first event of that type about that store (null: about no store), waiting for it. */
    private Event awaitEvent(String type, String store) {
        return eventually(type, store, 1).get(0);
    }

    /** The events of that type about that store, waiting until there are at least {@code count}. */
    private List<Event> eventually(String type, String store, int count) {
        List<List<Event>> found = new CopyOnWriteArrayList<>();
        Osgi.eventually(() -> {
            List<Event> matching = events.stream()
                    .filter(e -> e.getTopic().equals(TOPIC_PREFIX + type))
                    .filter(e -> Objects.equals(store, e.getProperty("store.name")))
                    .collect(Collectors.toList());
            assertTrue("expected " + count + " " + type + " for " + store + " among " + topics(), matching.size() >= count);
            found.add(matching);
        });
        return found.get(found.size() - 1);
    }

    private List<String> topics() {
        return events.stream().map(e -> e.getTopic().substring(TOPIC_PREFIX.length()) + "/" + e.getProperty("store.name"))
                .collect(Collectors.toList());
    }
}
