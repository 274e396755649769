package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.LINEFILE_BSN;
import static dev.skeleton.storage.itests.SkeletonOptions.MULTISTORE_PID;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.lineFileEngine;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.itests.fileengine.LineFileEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
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
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * ConfigAdmin drives the stores: a factory configuration with factory PID
 * {@value #STORE_FACTORY_PID} creates a store that consumers find as a {@code Store} service by
 * its name, and the multistore's own configuration moves its root.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreConfigurationIT {

    private static final String STORE_FACTORY_PID = "dev.skeleton.storage.store";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()),
                lineFileEngine(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
    }

    @Test
    public void factoryConfigurationOffersAStoreToConsumersOfItsName() throws Exception {
        org.osgi.service.cm.Configuration users = storeConfiguration("users", "memory", "max_versions", 5);
        ServiceTracker<Store, Store> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Store.class.getName() + ")(store.name=users))"), null);
        tracker.open();
        try {
            Store consumed = tracker.waitForService(Osgi.TIMEOUT_MS);
            assertNotNull("a Store service (store.name=users)", consumed);
            assertEquals("memory", tracker.getServiceReference().getProperty("store.engine"));

            consumed.set(utf8("alice"), utf8("admin"));
            assertValue(stores.getStore("users"), "alice", "admin");
            assertEquals("engine keys of the configuration reach the store", 5,
                    ((Number) stores.storeInfo("users").config().get("max_versions")).intValue());
            assertEquals(Workspace.root(getClass()).resolve("users").toString(), stores.storeInfo("users").path());
        } finally {
            tracker.close();
            users.delete();
        }
        assertTrue("deleting the configuration keeps the store", stores.storeExists("users"));
        assertValue(stores.getStore("users"), "alice", "admin");
        stores.deleteStore("users");
    }

    @Test
    public void configuredStoreWaitsForItsEngine() throws Exception {
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);
        engine.stop();
        org.osgi.service.cm.Configuration journal = storeConfiguration("journal", LineFileEngine.NAME);
        try {
            assertStaysAbsent("journal");

            engine.start();
            ServiceReference<Store> service = Osgi.awaitReference(context, Store.class, "(store.name=journal)");
            assertEquals(LineFileEngine.NAME, service.getProperty("store.engine"));
            context.getService(service).set(utf8("entry"), utf8("one"));
            assertValue(stores.getStore("journal"), "entry", "one");
        } finally {
            journal.delete();
        }
    }

    @Test
    public void configuredStoreWaitsForItsEngineAcrossAMultiStoreRestart() throws Exception {
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);
        engine.stop();
        org.osgi.service.cm.Configuration later = storeConfiguration("later", LineFileEngine.NAME);
        Bundle multistore = Osgi.bundle(context, "dev.skeleton.storage.multistore");
        try {
            assertStaysAbsent("later");
            multistore.stop();
            multistore.start();
            stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
            assertStaysAbsent("later");

            engine.start();
            Osgi.awaitReference(context, Store.class, "(store.name=later)");
            assertEquals(LineFileEngine.NAME, stores.storeInfo("later").engine());
        } finally {
            later.delete();
        }
    }

    @Test
    public void configuredStoreWaitsForItsEngineAcrossAMultiStoreReconfiguration() throws Exception {
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);
        engine.stop();
        org.osgi.service.cm.Configuration waiting = storeConfiguration("waiting", LineFileEngine.NAME);
        org.osgi.service.cm.Configuration settings = configAdmin.getConfiguration(MULTISTORE_PID, null);
        Dictionary<String, Object> changed = rootPath(Workspace.root(getClass()));
        changed.put("default.engine", LineFileEngine.NAME);
        try {
            assertStaysAbsent("waiting");
            settings.update(changed);
            MultiStore reconfigured = Osgi.awaitService(context, MultiStore.class, "(default.engine=linefile)");
            assertStaysAbsent("waiting");

            engine.start();
            Osgi.awaitReference(context, Store.class, "(store.name=waiting)");
            assertEquals(LineFileEngine.NAME, reconfigured.storeInfo("waiting").engine());
        } finally {
            waiting.delete();
            settings.update(rootPath(Workspace.root(getClass())));
        }
    }

    @Test
    public void unknownEngineKeyCreatesNoStore() throws Exception {
        org.osgi.service.cm.Configuration typo = storeConfiguration("typo", "memory", "max_verions", 5);
        try {
            assertStaysAbsent("typo");
        } finally {
            typo.delete();
        }
    }

    @Test
    public void multistoreConfigurationMovesTheRoot() throws Exception {
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);
        engine.start();
        org.osgi.service.cm.Configuration profiles = storeConfiguration("profiles", "memory");
        Osgi.awaitReference(context, Store.class, "(store.name=profiles)");
        org.osgi.service.cm.Configuration settings = configAdmin.getConfiguration(MULTISTORE_PID, null);
        Path original = Workspace.root(getClass());
        Path moved = Workspace.of(getClass()).resolve("moved");
        try {
            settings.update(rootPath(moved));
            MultiStore relocated = Osgi.multiStoreAt(context, moved);
            Osgi.eventually(() -> assertTrue(relocated.listEngines().contains(LineFileEngine.NAME)));

            relocated.createStore("relocated", LineFileEngine.NAME, null);
            relocated.getStore("relocated").set(utf8("where"), utf8("moved"));
            assertEquals(moved.resolve("relocated").toString(), relocated.storeInfo("relocated").path());
            assertTrue("the catalog lives in the new root", Files.isRegularFile(moved.resolve("catalog.txt")));
            assertTrue(Files.isRegularFile(moved.resolve("relocated").resolve("data.txt")));
            Osgi.eventually(() -> assertEquals("the configured store is created again in the new root",
                    moved.resolve("profiles").toString(), relocated.storeInfo("profiles").path()));
            Osgi.awaitReference(context, Store.class, "(store.name=profiles)");
        } finally {
            settings.update(rootPath(original));
            profiles.delete();
        }
        MultiStore back = Osgi.multiStoreAt(context, original);
        assertFalse("the new root's stores stay there", back.storeExists("relocated"));
    }

    private static Dictionary<String, Object> rootPath(Path root) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("root.path", root.toString());
        return properties;
    }

    /** Creates the factory configuration of a store, with engine keys and values after the engine. */
    private org.osgi.service.cm.Configuration storeConfiguration(String name, String engine, Object... engineKeys)
            throws IOException {
        org.osgi.service.cm.Configuration configuration = configAdmin.getFactoryConfiguration(STORE_FACTORY_PID, name, null);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", name);
        properties.put("engine", engine);
        for (int i = 0; i < engineKeys.length; i += 2) {
            properties.put((String) engineKeys[i], engineKeys[i + 1]);
        }
        configuration.update(properties);
        return configuration;
    }

    /** Asserts that a configured store does not come into existence (watched for half a second). */
    private void assertStaysAbsent(String name) throws InterruptedException {
        long until = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < until) {
            assertFalse(name + " must not exist yet", stores.storeExists(name));
            assertFalse(Osgi.reference(context, Store.class, Osgi.filter("store.name", name)).isPresent());
            Thread.sleep(20);
        }
    }
}
