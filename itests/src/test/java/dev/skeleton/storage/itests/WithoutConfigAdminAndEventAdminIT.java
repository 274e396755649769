package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
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
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Neither ConfigAdmin nor EventAdmin is installed: the bundles still resolve and work, on the
 * component's defaults (root {@code ./data}, resolved against the test JVM's working directory
 * {@code target/itest-work} and used as an absolute path); events still reach whiteboard listeners.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WithoutConfigAdminAndEventAdminIT {

    @Inject
    private BundleContext context;

    @Inject
    private MultiStore stores;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return options(frameworkWithScr(), storageBundles());
    }

    @Test
    public void neitherConfigAdminNorEventAdminIsThere() {
        for (Bundle bundle : context.getBundles()) {
            assertTrue(bundle.getSymbolicName(), !bundle.getSymbolicName().contains("configadmin")
                    && !bundle.getSymbolicName().contains("eventadmin"));
        }
        assertNull(context.getServiceReference("org.osgi.service.cm.ConfigurationAdmin"));
        assertNull(context.getServiceReference("org.osgi.service.event.EventAdmin"));
        for (String name : List.of("dev.skeleton.storage.api", "dev.skeleton.storage.memory",
                "dev.skeleton.storage.multistore")) {
            assertEquals(name + " state", Bundle.ACTIVE, Osgi.bundle(context, name).getState());
        }
    }

    @Test
    public void theEventAdminBridgeWaitsAndTheMultiStoreRuns() {
        ComponentDescriptionDTO bridge = component("dev.skeleton.storage.multistore.osgi.EventAdminBridge");
        assertEquals(ComponentConfigurationDTO.UNSATISFIED_REFERENCE,
                scr.getComponentConfigurationDTOs(bridge).iterator().next().state);
        ComponentDescriptionDTO multistore = component("dev.skeleton.storage.multistore.osgi.MultiStoreComponent");
        assertEquals(ComponentConfigurationDTO.ACTIVE, scr.getComponentConfigurationDTOs(multistore).iterator().next().state);
    }

    @Test
    public void defaultsApply() {
        assertEquals("memory", stores.getDefaultEngine());
        assertEquals(List.of("memory"), stores.listEngines());
        stores.createStore("defaults", null, Config.empty());
        assertEquals("memory", stores.storeInfo("defaults").engine());
        assertEquals(Path.of("data", "defaults").toAbsolutePath().toString(), stores.storeInfo("defaults").path());
        stores.deleteStore("defaults");
    }

    @Test
    public void memoryStoresWork() {
        stores.createStore("plain", "memory", Config.empty());
        Store plain = stores.getStore("plain");
        try (Transaction tx = ((Transactional) plain).beginTx()) {
            tx.set(utf8("colour"), utf8("blue"));
            tx.commit();
        }
        assertValue(plain, "colour", "blue");
        assertEquals(1, ((Versioned) plain).saveVersion().version());
        Osgi.awaitReference(context, Store.class, "(store.name=plain)");
        stores.deleteStore("plain");
    }

    @Test
    public void whiteboardListenersStillHearEvents() {
        List<StorageEvent> heard = new CopyOnWriteArrayList<>();
        ServiceRegistration<StorageEventListener> registration =
                context.registerService(StorageEventListener.class, heard::add, null);
        try {
            stores.createStore("heard", "memory", Config.empty());
            Osgi.eventually(() -> assertTrue(heard.toString(), heard.stream().anyMatch(
                    e -> e.type() == StorageEvent.Type.STORE_CREATED && "heard".equals(e.storeName()))));
        } finally {
            registration.unregister();
            stores.deleteStore("heard");
        }
    }

    private ComponentDescriptionDTO component(String name) {
        return scr.getComponentDescriptionDTOs().stream().filter(d -> d.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + name));
    }
}
