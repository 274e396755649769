package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.HardeningOptions.copiedReactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.MultiStore;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Defect 4 of issue 15: engines are found only as services, so an engine bundle that is updated,
 * uninstalled or refreshed leaves no old revision behind and does not disturb the multistore.
 *
 * <ul>
 * <li>The multistore bundle is wired to no engine bundle: its providers are the API, the system
 * bundle and the OSGi service and Declarative Services bundles.</li>
 * <li>After an update of either engine or an uninstall of the file engine, with a store of it in
 * use before, the class loader of the old {@code Engine} service object is garbage collected (a
 * weak reference to it is cleared after {@code System.gc()}, tried for at most
 * {@link Osgi#TIMEOUT_MS}), and no revision is pending removal. Also after an update followed by a
 * refresh of the engine ({@code FrameworkWiring.refreshBundles} awaited through its listener).</li>
 * <li>A refresh of the file engine, and a bare refresh of everything after an update of both
 * engines ({@code FrameworkWiring.refreshBundles(null)}, which must not fail), leave the
 * multistore component as it was. Decision (the stricter reading): with no wire from the
 * multistore to an engine, nothing can justify restarting it on an engine's refresh, so the test
 * requires the same {@code MultiStore} service and a memory store created before still there,
 * rather than accepting an announced restart.</li>
 * <li>A restart of the multistore component (disabled and enabled again through
 * {@link ServiceComponentRuntime}) is announced: a {@code STORE_DELETED} event on EventAdmin and a
 * one-line WARNING naming each memory store it lost; persistent stores stay in the catalog.</li>
 * </ul>
 *
 * <p>One framework per test: updates and refreshes change the wiring for the tests after them
 * (a multistore re-resolved after a refresh may be wired differently), so each test starts from the
 * wiring a freshly started runtime has.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EngineRevisionsIT {

    private static final String API_BSN = "dev.skeleton.storage.api";
    private static final String FILE_BSN = "dev.skeleton.storage.file";
    private static final String MEMORY_BSN = "dev.skeleton.storage.memory";
    private static final String MULTISTORE_BSN = "dev.skeleton.storage.multistore";

    @Inject
    private BundleContext context;

    private MultiStore stores;

    /**
     * The engines are installed (and resolved) before the multistore, as in the runtime, which
     * installs every bundle before it starts any: a multistore resolved first could not be wired to
     * them even if it asked to be. The file engine comes first: an optional requirement without
     * {@code cardinality:=multiple} (as the multistore had) is wired to one provider only, the first
     * resolved, and in the runtime of the issue that was the file engine.
     */
    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), reactorBundle("api-bundle"),
                copiedReactorBundle("file-bundle", getClass()), copiedReactorBundle("memory-bundle", getClass()),
                multistoreBundle(), multistoreRootFor(getClass()));
    }

    @Before
    public void enginesAreThere() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        awaitEngines();
    }

    @Test
    public void theMultiStoreIsWiredToNoEngineBundle() {
        Bundle multistore = Osgi.bundle(context, MULTISTORE_BSN);
        List<String> wires = new ArrayList<>();
        for (BundleWire wire : multistore.adapt(BundleWiring.class).getRequiredWires(null)) {
            Bundle provider = wire.getProvider().getBundle();
            if (!isInfrastructure(provider)) {
                wires.add(wire.getRequirement().getNamespace() + " -> " + provider.getSymbolicName());
            }
        }
        assertEquals("wires of the multistore to bundles other than the API, its library and the OSGi"
                + " infrastructure", List.of(), wires);
        for (String engine : List.of(FILE_BSN, MEMORY_BSN)) {
            assertEquals("bundles wired to " + engine, List.of(), requirersOf(Osgi.bundle(context, engine)));
        }
    }

    @Test
    public void anUpdatedFileEngineLeavesNoOldRevisionBehind() throws BundleException {
        assertUpdateLeavesNoOldRevision("file", FILE_BSN);
    }

    @Test
    public void anUpdatedMemoryEngineLeavesNoOldRevisionBehind() throws BundleException {
        assertUpdateLeavesNoOldRevision("memory", MEMORY_BSN);
    }

    private void assertUpdateLeavesNoOldRevision(String engine, String bundle) throws BundleException {
        useAStoreOf(engine, "before-update-" + engine);
        WeakReference<ClassLoader> old = engineClassLoader(engine);

        Osgi.bundle(context, bundle).update();
        awaitEngines();

        assertCollected(old, "the class loader of the " + engine + " engine before its update");
        assertNoRevisionPendingRemoval();
    }

    @Test
    public void anUninstalledEngineLeavesNoOldRevisionBehind() throws BundleException {
        useAStoreOf("file", "before-uninstall");
        WeakReference<ClassLoader> old = engineClassLoader("file");
        Bundle file = fileEngine();
        String location = file.getLocation();

        file.uninstall();
        try {
            Osgi.eventually(() -> assertFalse(stores.listEngines().contains("file")));
            assertCollected(old, "the class loader of the uninstalled file engine");
            assertNoRevisionPendingRemoval();
        } finally {
            context.installBundle(location).start();
            awaitEngines();
        }
    }

    @Test
    public void aRefreshOfTheEngineCollectsItsOldRevisionAndLeavesTheMultiStoreAlone() throws Exception {
        long multistoreId = multiStoreServiceId();
        stores.createStore("survivor", "memory", Config.empty());
        stores.getStore("survivor").set(utf8("k"), utf8("kept"));
        stores.createStore("ledger", "file", Config.of("sync", "always"));
        stores.getStore("ledger").set(utf8("k"), utf8("on disk"));
        WeakReference<ClassLoader> old = engineClassLoader("file");

        fileEngine().update();
        refresh(List.of(fileEngine()));

        assertEquals("the MultiStore service after a refresh of the file engine (a new one: the component restarted)",
                multistoreId, multiStoreServiceId());
        awaitEngines();
        // Before the collection below: a reopen by the old revision that died of a class it could no
        // longer load once left the store's directory locked until a GC closed the lock's channel.
        Osgi.eventually(() -> assertValue(stores.getStore("ledger"), "k", "on disk"));
        assertCollected(old, "the class loader of the file engine before its update and refresh");
        assertTrue("memory store survivor after a refresh of the file engine: " + stores.listStores(),
                stores.storeExists("survivor"));
        assertValue(stores.getStore("survivor"), "k", "kept");
    }

    @Test
    public void aBareRefreshAfterAnEngineUpdateSucceedsAndLeavesTheMultiStoreAlone() throws Exception {
        Osgi.bundle(context, MEMORY_BSN).update();
        awaitEngines();
        long multistoreId = multiStoreServiceId();
        stores.createStore("bystander", "memory", Config.empty());
        stores.getStore("bystander").set(utf8("k"), utf8("kept"));
        fileEngine().update();
        awaitEngines();

        refresh(null);

        MultiStore after = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertTrue(after.listEngines().containsAll(List.of("file", "memory"))));
        assertEquals("the MultiStore service after a bare refresh (a new one: the component restarted)",
                multistoreId, multiStoreServiceId());
        assertTrue("memory store bystander after a bare refresh: " + after.listStores(), after.storeExists("bystander"));
        assertValue(after.getStore("bystander"), "k", "kept");
    }

    @Test
    public void aRestartOfTheMultiStoreComponentAnnouncesTheMemoryStoresItLoses() throws Exception {
        stores.createStore("lost-a", "memory", Config.empty());
        stores.createStore("lost-b", "memory", Config.empty());
        stores.createStore("archive", "file", Config.empty());
        stores.getStore("archive").set(utf8("k"), utf8("kept"));
        long multistoreId = multiStoreServiceId();
        ServiceComponentRuntime scr = Osgi.awaitService(context, ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO component = multiStoreComponent(scr);

        try (StorageEvents events = StorageEvents.listen(context); WarningLog warnings = WarningLog.capture()) {
            scr.disableComponent(component);
            Osgi.awaitNoService(context, MultiStore.class, null);
            scr.enableComponent(component);
            MultiStore restarted = Osgi.multiStoreAt(context, Workspace.root(getClass()));
            assertNotEquals("a new MultiStore service", multistoreId, multiStoreServiceId());

            for (String lost : List.of("lost-a", "lost-b")) {
                events.await("STORE_DELETED", lost);
                warnings.awaitOneLineNaming(lost);
                assertFalse(lost + " is gone", restarted.storeExists(lost));
            }
            Osgi.eventually(() -> assertTrue(restarted.listEngines().contains("file")));
            assertValue(restarted.getStore("archive"), "k", "kept");
        }
    }

    // ---- helpers ----

    /** The API, the system bundle, and the OSGi service and Declarative Services bundles. */
    /** The framework, the API, OSGi's and Felix's services, and the multistore's one library (HdrHistogram). */
    private static boolean isInfrastructure(Bundle bundle) {
        String name = bundle.getSymbolicName();
        return bundle.getBundleId() == 0 || API_BSN.equals(name) || name.startsWith("org.apache.felix.")
                || name.startsWith("org.osgi.") || name.equals("org.hdrhistogram.HdrHistogram");
    }

    /** The bundles wired to any revision of that bundle, with the namespace of the wire. */
    private static List<String> requirersOf(Bundle bundle) {
        List<String> requirers = new ArrayList<>();
        for (BundleRevision revision : bundle.adapt(BundleRevisions.class).getRevisions()) {
            BundleWiring wiring = revision.getWiring();
            if (wiring == null) {
                continue;
            }
            for (BundleWire wire : wiring.getProvidedWires(null)) {
                requirers.add(wire.getCapability().getNamespace() + " <- " + wire.getRequirer().getSymbolicName());
            }
        }
        return requirers;
    }

    /**
     * A store of that engine in use (written and read) when the engine goes. Named by the test: the
     * frameworks of the tests share the multistore's root, and so its catalog.
     */
    private void useAStoreOf(String engine, String name) {
        stores.createStore(name, engine, Config.empty());
        stores.getStore(name).set(utf8("k"), utf8("v"));
        assertValue(stores.getStore(name), "k", "v");
    }

    /**
     * A weak reference to the class loader of the engine's {@code Engine} service object. The service
     * is released before returning, so the test holds the engine only weakly.
     */
    private WeakReference<ClassLoader> engineClassLoader(String engine) {
        ServiceReference<Engine> reference = Osgi.awaitReference(context, Engine.class, Osgi.filter("engine.name", engine));
        try {
            return new WeakReference<>(context.getService(reference).getClass().getClassLoader());
        } finally {
            context.ungetService(reference);
        }
    }

    /** Collects garbage (bounded) until the weakly held object is gone. */
    private void assertCollected(WeakReference<?> weak, String what) {
        long deadline = System.currentTimeMillis() + Osgi.TIMEOUT_MS;
        int collections = 0;
        while (weak.get() != null) {
            if (System.currentTimeMillis() > deadline) {
                fail(what + " is still reachable after " + collections + " garbage collections; removal pending: "
                        + removalPending());
            }
            System.gc();
            collections++;
            pause(50);
        }
    }

    private void assertNoRevisionPendingRemoval() {
        assertEquals("bundles whose old revisions are kept (pending removal)", List.of(), removalPending());
    }

    /** The bundles pending removal, each with the bundles still wired to it. */
    private List<String> removalPending() {
        List<String> pending = new ArrayList<>();
        for (Bundle bundle : frameworkWiring().getRemovalPendingBundles()) {
            pending.add(bundle.getSymbolicName() + " (wired to " + requirersOf(bundle) + ")");
        }
        return pending;
    }

    /**
     * Refreshes the bundles (null: every bundle pending removal) and waits for the refresh to end;
     * fails on any framework ERROR meanwhile.
     */
    private void refresh(Collection<Bundle> bundles) throws InterruptedException {
        List<String> errors = new CopyOnWriteArrayList<>();
        FrameworkListener errorListener = e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                errors.add(e.getBundle().getSymbolicName() + ": " + e.getThrowable());
            }
        };
        CountDownLatch refreshed = new CountDownLatch(1);
        context.addFrameworkListener(errorListener);
        try {
            frameworkWiring().refreshBundles(bundles, e -> {
                if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                    refreshed.countDown();
                }
            });
            assertTrue("the refresh of " + bundles + " did not end within " + Osgi.TIMEOUT_MS + " ms",
                    refreshed.await(Osgi.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } finally {
            context.removeFrameworkListener(errorListener);
        }
        assertEquals("framework errors during the refresh of " + bundles, List.of(), errors);
    }

    private FrameworkWiring frameworkWiring() {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
    }

    /** The component of the multistore bundle that provides {@code MultiStore}. */
    private ComponentDescriptionDTO multiStoreComponent(ServiceComponentRuntime scr) {
        Bundle multistore = Osgi.bundle(context, MULTISTORE_BSN);
        return scr.getComponentDescriptionDTOs(multistore).stream()
                .filter(d -> List.of(d.serviceInterfaces).contains(MultiStore.class.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no component of " + MULTISTORE_BSN + " provides MultiStore"));
    }

    private long multiStoreServiceId() {
        ServiceReference<MultiStore> reference = Osgi.awaitReference(context, MultiStore.class, null);
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    private void awaitEngines() {
        Osgi.eventually(() -> assertTrue("engines of the multistore: " + stores.listEngines(),
                stores.listEngines().containsAll(List.of("file", "memory"))));
    }

    private Bundle fileEngine() {
        return Osgi.bundle(context, FILE_BSN);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
