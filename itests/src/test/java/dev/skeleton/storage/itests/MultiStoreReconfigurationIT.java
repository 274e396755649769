package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.MULTISTORE_PID;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Defect 5 of issue 15: a change of the multistore's configuration (PID {@value
 * SkeletonOptions#MULTISTORE_PID}) that can be applied in place, here {@code default.engine},
 * is applied in place ({@code @Modified}): the component is not restarted, so the
 * {@code MultiStore} service stays the same, the handles taken before keep working while the change
 * happens (no ENGINE_UNAVAILABLE, no STORE_CLOSED), no store is closed or lost (no
 * {@code STORE_CLOSED}, {@code STORE_DELETED} or {@code STORE_UNAVAILABLE} event on EventAdmin, the
 * memory store included), and the service object obtained before answers the new default engine.
 *
 * <p>Decision (the stricter reading): "does not close open stores" is checked on the very objects
 * obtained before the change, the {@code MultiStore} service object and the store handles, not
 * on a service looked up again afterwards.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MultiStoreReconfigurationIT {

    /** How long the handles keep being used after the new default engine is visible. */
    private static final long AFTERWARDS_MS = 300;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), storageBundles(), reactorBundle("file-bundle"),
                multistoreRootFor(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertEquals(List.of("file", "memory"), stores.listEngines()));
    }

    @Test
    public void aNewDefaultEngineIsAppliedWithoutClosingAnyStore() throws Exception {
        stores.createStore("ledger", "file", Config.of("sync", "always"));
        stores.createStore("scratch", "memory", Config.empty());
        Store ledger = stores.getStore("ledger");
        Store scratch = stores.getStore("scratch");
        long serviceId = multiStoreServiceId();
        org.osgi.service.cm.Configuration settings = configAdmin.getConfiguration(MULTISTORE_PID, null);
        Set<String> failures = new LinkedHashSet<>();

        try (StorageEvents events = StorageEvents.listen(context)) {
            settings.update(settings(Workspace.root(getClass()).toString(), "file"));
            long deadline = System.currentTimeMillis() + Osgi.TIMEOUT_MS;
            int round = 0;
            while (!"file".equals(defaultEngineOrError(failures)) && System.currentTimeMillis() < deadline) {
                use(ledger, scratch, round++, failures);
            }
            long until = System.currentTimeMillis() + AFTERWARDS_MS;
            while (System.currentTimeMillis() < until) {
                use(ledger, scratch, round++, failures);
            }

            assertEquals("failures of handles taken before the change", List.of(), List.copyOf(failures));
            assertEquals("getDefaultEngine of the MultiStore service object obtained before the change",
                    "file", stores.getDefaultEngine());
            assertEquals("the MultiStore service (a new one: the component restarted)", serviceId, multiStoreServiceId());
            Osgi.eventually(() -> assertEquals("default.engine service property", "file",
                    Osgi.awaitReference(context, MultiStore.class, null).getProperty("default.engine")));
            assertValue(ledger, "k" + (round - 1), "v" + (round - 1));
            assertValue(scratch, "k" + (round - 1), "v" + (round - 1));
            Thread.sleep(AFTERWARDS_MS);
            List<String> closings = events.all().stream()
                    .filter(e -> e.startsWith("STORE_CLOSED") || e.startsWith("STORE_DELETED")
                            || e.startsWith("STORE_UNAVAILABLE"))
                    .collect(Collectors.toList());
            assertEquals("stores closed by the configuration change", List.of(), closings);
        } finally {
            settings.update(settings(Workspace.root(getClass()).toString(), null));
        }
        Osgi.eventually(() -> assertEquals("memory", Osgi.multiStoreAt(context, Workspace.root(getClass()))
                .getDefaultEngine()));
    }

    @Test
    public void aStoreCreatedWithoutEngineAfterTheChangeUsesTheNewDefault() throws Exception {
        org.osgi.service.cm.Configuration settings = configAdmin.getConfiguration(MULTISTORE_PID, null);
        try {
            settings.update(settings(Workspace.root(getClass()).toString(), "file"));
            MultiStore changed = Osgi.awaitService(context, MultiStore.class, "(default.engine=file)");
            Osgi.eventually(() -> assertTrue(changed.listEngines().contains("file")));

            changed.createStore("defaulted", null, Config.empty());

            assertEquals("file", changed.storeInfo("defaulted").engine());
        } finally {
            settings.update(settings(Workspace.root(getClass()).toString(), null));
        }
    }

    /** Writes and reads one key through each handle; records each distinct failure instead of throwing. */
    private static void use(Store ledger, Store scratch, int round, Set<String> failures) {
        for (Store store : List.of(ledger, scratch)) {
            try {
                store.set(utf8("k" + round), utf8("v" + round));
                assertValue(store, "k" + round, "v" + round);
            } catch (RuntimeException | AssertionError e) {
                failures.add(store.name() + ": " + e);
            }
        }
    }

    /** The default engine as the service object obtained before says, or null if it fails. */
    private String defaultEngineOrError(Set<String> failures) {
        try {
            return stores.getDefaultEngine();
        } catch (RuntimeException e) {
            failures.add("getDefaultEngine: " + e);
            return null;
        }
    }

    private long multiStoreServiceId() {
        ServiceReference<MultiStore> reference = Osgi.awaitReference(context, MultiStore.class, null);
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    private static Dictionary<String, Object> settings(String root, String defaultEngine) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("root.path", root);
        if (defaultEngine != null) {
            properties.put("default.engine", defaultEngine);
        }
        return properties;
    }
}
