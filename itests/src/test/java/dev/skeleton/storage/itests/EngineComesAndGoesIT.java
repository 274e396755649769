package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.LINEFILE_BSN;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.lineFileEngine;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertFails;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.itests.fileengine.LineFileEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * A persistent engine's bundle is stopped, started, updated, uninstalled and installed again while
 * a store of it is in use: the handle fails fast with ENGINE_UNAVAILABLE while the engine is away
 * and works again, on the same data, when it is back; the store's {@code Store} service follows.
 * The engine is the test's {@link LineFileEngine}, in a bundle of its own.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EngineComesAndGoesIT {

    private static final String ENGINE = LineFileEngine.NAME;

    @Inject
    private BundleContext context;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()),
                lineFileEngine(getClass()));
    }

    @Before
    public void engineIsThere() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertTrue(stores.listEngines().toString(), stores.listEngines().contains(ENGINE)));
    }

    @Test
    public void stopAndStart() throws BundleException {
        Store journal = storeWithData("journal");

        engineBundle().stop();
        assertAway(journal);

        engineBundle().start();
        assertBack(journal, "after start");
    }

    @Test
    public void update() throws BundleException {
        Store orders = storeWithData("orders");
        long before = engineBundle().getLastModified();
        List<String> seen = new CopyOnWriteArrayList<>();
        ServiceRegistration<StorageEventListener> listener = context.registerService(StorageEventListener.class,
                e -> seen.add(e.type() + (e.storeName() == null ? "" : " " + e.storeName())), null);
        try {
            engineBundle().update();
            Osgi.eventually(() -> assertEquals("the engine left and came back during the update",
                    List.of("STORE_UNAVAILABLE orders", "ENGINE_REMOVED", "ENGINE_ADDED", "STORE_OPENED orders"),
                    seen.stream().filter(e -> !e.startsWith("STORE") || e.endsWith(" orders"))
                            .collect(Collectors.toList())));
        } finally {
            listener.unregister();
        }
        assertNotEquals("a new revision", before, engineBundle().getLastModified());
        assertBack(orders, "after update");
    }

    @Test
    public void uninstallAndInstallAgain() throws BundleException {
        Store accounts = storeWithData("accounts");
        Bundle engine = engineBundle();
        String location = engine.getLocation();

        engine.uninstall();
        assertAway(accounts);
        assertTrue("the catalog still knows the store", stores.listStores().contains("accounts"));

        Bundle again = context.installBundle(location);
        assertNotEquals(engine.getBundleId(), again.getBundleId());
        again.start();
        assertBack(accounts, "after reinstall");
    }

    @Test
    public void restartedMultiStoreReopensPersistentStoresFromItsCatalog() throws BundleException {
        storeWithData("archive");
        Bundle multistore = Osgi.bundle(context, "dev.skeleton.storage.multistore");

        multistore.stop();
        Osgi.awaitNoService(context, MultiStore.class, null);
        multistore.start();

        MultiStore restarted = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertTrue(restarted.listEngines().contains(ENGINE)));
        assertTrue(restarted.listStores().toString(), restarted.listStores().contains("archive"));
        assertEquals(ENGINE, restarted.storeInfo("archive").engine());
        assertValue(restarted.getStore("archive"), "first", "1");
        Store service = Osgi.awaitService(context, Store.class, "(store.name=archive)");
        assertValue(service, "second", "2");
    }

    @Test
    public void memoryStoresEndWithTheirEngine() throws BundleException {
        stores.createStore("scratch", "memory", Config.empty());
        Store scratch = stores.getStore("scratch");
        scratch.set(utf8("k"), utf8("v"));
        Bundle memory = Osgi.bundle(context, "dev.skeleton.storage.memory");

        memory.stop();
        try {
            Osgi.eventually(() -> assertFalse("a non-persistent store leaves the catalog with its engine",
                    stores.storeExists("scratch")));
            assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> scratch.get(utf8("k")));
            Osgi.awaitNoService(context, Store.class, "(store.name=scratch)");
        } finally {
            memory.start();
        }

        Osgi.eventually(() -> assertTrue(stores.listEngines().contains("memory")));
        assertFails(ErrorCode.STORE_NOT_FOUND, () -> scratch.get(utf8("k")));
        stores.createStore("scratch", "memory", Config.empty());
        assertFalse("a new store starts empty", stores.getStore("scratch").has(utf8("k")));
        stores.deleteStore("scratch");
    }

    /** A new store of the test engine with two keys, and its handle. */
    private Store storeWithData(String name) {
        stores.createStore(name, ENGINE, Config.empty());
        Store store = stores.getStore(name);
        store.set(utf8("first"), utf8("1"));
        store.set(utf8("second"), utf8("2"));
        ServiceReference<Store> service = Osgi.awaitReference(context, Store.class, Osgi.filter("store.name", name));
        assertEquals(ENGINE, service.getProperty("store.engine"));
        return store;
    }

    /** While the engine is away: the handle fails fast, the service is gone, the data stays on disk. */
    private void assertAway(Store store) {
        String name = store.name();
        assertFalse(stores.listEngines().contains(ENGINE));
        assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> store.get(utf8("first")));
        assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> store.set(utf8("third"), utf8("3")));
        assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> store.has(utf8("first")));
        assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> stores.getStore(name));
        assertFalse(stores.storeInfo(name).available());
        Osgi.awaitNoService(context, Store.class, Osgi.filter("store.name", name));
        Path data = Path.of(stores.storeInfo(name).path(), "data.txt");
        assertTrue(data + " stays while the engine is away", Files.isRegularFile(data));
    }

    /** The engine is back: the same handle works on the same data, and the service is back. */
    private void assertBack(Store store, String when) {
        String name = store.name();
        Osgi.eventually(() -> assertTrue(stores.listEngines().contains(ENGINE)));
        assertValue(store, "first", "1");
        assertValue(store, "second", "2");
        store.set(utf8("third"), utf8("3"));
        assertSame("getStore gives the same handle " + when, store, stores.getStore(name));
        assertTrue(stores.storeInfo(name).available());
        Store service = Osgi.awaitService(context, Store.class, Osgi.filter("store.name", name));
        assertValue(service, "third", "3");
    }

    private Bundle engineBundle() {
        return Osgi.bundle(context, LINEFILE_BSN);
    }
}
