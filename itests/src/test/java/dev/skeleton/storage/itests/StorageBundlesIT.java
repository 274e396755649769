package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertFails;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The bundles resolve and start in the framework (Felix 7, Equinox, the R7 Felix 6) with SCR,
 * ConfigAdmin and EventAdmin, and the memory engine works through the multistore service, with the
 * shared engine code it carries as an inner jar.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageBundlesIT {

    @Inject
    private BundleContext context;

    @Inject
    private ServiceComponentRuntime scr;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), storageBundles(), multistoreRootFor(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
    }

    @Test
    public void bundlesAreActive() {
        for (String name : List.of("dev.skeleton.storage.api", "dev.skeleton.storage.memory",
                "dev.skeleton.storage.multistore")) {
            assertEquals(name + " state", Bundle.ACTIVE, Osgi.bundle(context, name).getState());
        }
    }

    @Test
    public void componentsAreActive() {
        Map<String, Integer> states = componentStates();
        Osgi.eventually(() -> {
            Map<String, Integer> now = componentStates();
            assertEquals(now.toString(), Integer.valueOf(ComponentConfigurationDTO.ACTIVE),
                    now.get("dev.skeleton.storage.multistore.osgi.MultiStoreComponent"));
            assertEquals(now.toString(), Integer.valueOf(ComponentConfigurationDTO.ACTIVE),
                    now.get("dev.skeleton.storage.multistore.osgi.EventAdminBridge"));
            assertEquals(now.toString(), Integer.valueOf(ComponentConfigurationDTO.ACTIVE),
                    now.get("dev.skeleton.storage.memory.MemoryEngine"));
        });
        assertFalse("no store configuration exists, so none is active: " + states,
                states.containsKey("dev.skeleton.storage.multistore.osgi.StoreConfiguration"));
    }

    @Test
    public void memoryEngineIsListed() {
        assertTrue(stores.listEngines().toString(), stores.listEngines().contains("memory"));
        assertEquals("memory", stores.getDefaultEngine());
        Engine memory = Osgi.awaitService(context, Engine.class, "(engine.name=memory)");
        assertEquals("memory", memory.name());
        assertTrue(memory.capabilities().transactions());
        assertTrue(memory.capabilities().versioning());
        assertTrue(memory.capabilities().rangeQueries());
        assertFalse(memory.capabilities().persistence());
    }

    @Test
    public void memoryEngineCarriesEngineCoreAsInnerJar() throws Exception {
        Bundle memory = Osgi.bundle(context, "dev.skeleton.storage.memory");
        assertTrue(memory.getHeaders().get("Bundle-ClassPath"),
                memory.getHeaders().get("Bundle-ClassPath").contains("META-INF/lib/engine-core.jar"));
        assertNotNull(memory.getEntry("META-INF/lib/engine-core.jar"));
        Class<?> tree = memory.loadClass("dev.skeleton.storage.core.CopyOnWriteTree");
        assertEquals("engine-core is private to the memory bundle", memory.adapt(BundleWiring.class).getClassLoader(), tree.getClassLoader());
    }

    @Test
    public void memoryStoreWorksThroughTheMultiStore() {
        stores.createStore("notes", "memory", Config.of("max_versions", 10));
        Store notes = stores.getStore("notes");
        assertEquals(Workspace.root(getClass()).resolve("notes").toString(), stores.storeInfo("notes").path());
        assertTrue(stores.storeInfo("notes").available());

        notes.set(utf8("b"), utf8("2"));
        notes.set(utf8("a"), utf8("1"));
        assertValue(notes, "a", "1");
        assertTrue(notes.has(utf8("b")));
        assertFails(ErrorCode.KEY_NOT_FOUND, () -> notes.get(utf8("missing")));
        assertEquals(List.of("a", "b"), keys(notes));
        stores.deleteStore("notes");
        assertFalse(stores.storeExists("notes"));
    }

    @Test
    public void transactionsRunInTheEngineCore() {
        stores.createStore("ledger", null, Config.empty());
        Store ledger = stores.getStore("ledger");
        assertTrue("a memory store's handle is transactional", ledger instanceof Transactional);
        Transactional transactional = (Transactional) ledger;

        try (Transaction tx = transactional.beginTx()) {
            tx.set(utf8("balance"), utf8("10"));
            assertFalse("uncommitted writes are invisible", ledger.has(utf8("balance")));
            tx.commit();
        }
        assertValue(ledger, "balance", "10");

        Transaction stale = transactional.beginTx();
        stale.get(utf8("balance"));
        ledger.set(utf8("balance"), utf8("20"));
        stale.set(utf8("balance"), utf8("11"));
        assertFails(ErrorCode.TX_CONFLICT, stale::commit);
        assertFalse(stale.isActive());
        assertValue(ledger, "balance", "20");
        stores.deleteStore("ledger");
    }

    @Test
    public void versionsAndRangesRunInTheEngineCore() {
        stores.createStore("history", "memory", Config.empty());
        Store history = stores.getStore("history");
        Versioned versioned = (Versioned) history;
        history.set(utf8("k1"), utf8("one"));
        VersionInfo first = versioned.saveVersion();
        assertEquals(1, first.version());
        assertEquals(VersionInfo.HASH_LENGTH, first.hash().length);
        history.set(utf8("k2"), utf8("two"));
        history.set(utf8("k3"), utf8("three"));
        VersionInfo second = versioned.saveVersion();
        assertEquals(2, second.version());
        assertArrayEquals(new long[] {1, 2}, versioned.listVersions());

        List<String> descending = new ArrayList<>();
        ((RangeQueryable) history).iterateRange(utf8("k1"), utf8("k3"), false, (key, value) -> {
            descending.add(new String(key, StandardCharsets.UTF_8));
            return true;
        });
        assertEquals(List.of("k2", "k1"), descending);

        versioned.loadVersion(1);
        assertEquals(List.of("k1"), keys(history));
        assertEquals(1, versioned.currentVersion());
        assertEquals(3, versioned.saveVersion().version());
        assertArrayEquals("equal content, equal hash", first.hash(), versioned.saveVersion().hash());
        stores.deleteStore("history");
    }

    @Test
    public void everyStoreIsAlsoAService() {
        stores.createStore("catalogue", "memory", Config.empty());
        ServiceReference<Store> reference = Osgi.awaitReference(context, Store.class, "(store.name=catalogue)");
        assertEquals("memory", reference.getProperty("store.engine"));
        Store service = context.getService(reference);
        service.set(utf8("item"), utf8("lamp"));
        assertValue(stores.getStore("catalogue"), "item", "lamp");

        stores.deleteStore("catalogue");
        Osgi.awaitNoService(context, Store.class, "(store.name=catalogue)");
    }

    private Map<String, Integer> componentStates() {
        Map<String, Integer> states = new TreeMap<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                states.put(description.name, configuration.state);
            }
        }
        return states;
    }

    private static List<String> keys(Store store) {
        List<String> keys = new ArrayList<>();
        store.iterate((key, value) -> keys.add(new String(key, StandardCharsets.UTF_8)));
        return keys;
    }
}
