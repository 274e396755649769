package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * {@link StorageEventListener} services are the multistore's listeners (the whiteboard pattern):
 * registered, they hear every event; unregistered, none; a listener that throws breaks nothing, and
 * no listener runs while the multistore holds its lock.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ListenerWhiteboardIT {

    @Inject
    private BundleContext context;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
    }

    @Test
    public void registeredListenerHearsEveryEventInOrder() {
        List<StorageEvent> heard = new CopyOnWriteArrayList<>();
        ServiceRegistration<StorageEventListener> registration = register(heard::add);
        try {
            stores.createStore("whiteboard", "memory", Config.empty());
            Store store = stores.getStore("whiteboard");
            try (Transaction tx = ((Transactional) store).beginTx()) {
                tx.set(utf8("k"), utf8("v"));
                tx.commit();
            }
            ((Versioned) store).saveVersion();
            stores.deleteStore("whiteboard");

            Osgi.eventually(() -> assertEquals(
                    List.of(Type.STORE_CREATED, Type.TX_COMMITTED, Type.VERSION_SAVED, Type.STORE_CLOSED, Type.STORE_DELETED),
                    typesAbout("whiteboard", heard)));
            StorageEvent saved = heard.stream().filter(e -> e.type() == Type.VERSION_SAVED).findFirst().orElseThrow();
            assertEquals(1, saved.version());
            assertEquals("memory", saved.engineName());
        } finally {
            registration.unregister();
        }
    }

    @Test
    public void unregisteredListenerHearsNothing() {
        List<StorageEvent> heard = new CopyOnWriteArrayList<>();
        register(heard::add).unregister();
        stores.createStore("unheard", "memory", Config.empty());
        stores.deleteStore("unheard");
        assertEquals(List.of(), typesAbout("unheard", heard));
    }

    @Test
    public void throwingListenerBreaksNothing() {
        List<StorageEvent> heard = new CopyOnWriteArrayList<>();
        ServiceRegistration<StorageEventListener> thrower = register(e -> {
            throw new IllegalStateException("a listener that fails, on purpose");
        });
        ServiceRegistration<StorageEventListener> other = register(heard::add);
        try {
            stores.createStore("robust", "memory", Config.empty());
            stores.getStore("robust").set(utf8("k"), utf8("v"));
            assertValue(stores.getStore("robust"), "k", "v");
            stores.deleteStore("robust");
            Osgi.eventually(() -> assertEquals(List.of(Type.STORE_CREATED, Type.STORE_CLOSED, Type.STORE_DELETED), typesAbout("robust", heard)));
        } finally {
            thrower.unregister();
            other.unregister();
        }
    }

    @Test
    public void listenersRunWithoutTheMultiStoreLock() {
        List<String> seenFromAnotherThread = new CopyOnWriteArrayList<>();
        ServiceRegistration<StorageEventListener> registration = register(e -> {
            if (e.type() == Type.STORE_CREATED && "unlocked".equals(e.storeName())) {
                // Another thread needs the multistore's lock: it would time out if the lock were held here.
                seenFromAnotherThread.addAll(CompletableFuture.supplyAsync(stores::listStores)
                        .orTimeout(5, TimeUnit.SECONDS).join());
            }
        });
        try {
            stores.createStore("unlocked", "memory", Config.empty());
            assertTrue(seenFromAnotherThread.toString(), seenFromAnotherThread.contains("unlocked"));
        } finally {
            registration.unregister();
            stores.deleteStore("unlocked");
        }
    }

    private ServiceRegistration<StorageEventListener> register(StorageEventListener listener) {
        return context.registerService(StorageEventListener.class, listener, null);
    }

    private static List<Type> typesAbout(String store, List<StorageEvent> events) {
        return events.stream().filter(e -> store.equals(e.storeName())).map(StorageEvent::type).collect(Collectors.toList());
    }
}
