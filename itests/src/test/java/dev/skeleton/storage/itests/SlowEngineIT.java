package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.HardeningOptions.copiedReactorJar;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

/**
 * Defect 5 of issue 15, second half: an engine whose {@code open} does not return (a postgres
 * engine whose server does not answer) stalls only the store being opened. The engine is the test's
 * {@link GatedEngine}, registered as an {@code Engine} service from the test. Its store
 * {@code remote} exists and was open; the engine leaves, its {@code open} is armed to block, and it
 * is registered again while a consumer asks for {@code remote}. While that open blocks:
 *
 * <ul>
 * <li>the registration of the engine service returns (the store is opened off the thread that
 * delivers the service event to Declarative Services);</li>
 * <li>memory and file stores are created, written and read through the {@code MultiStore} service,
 * and {@code listStores}, {@code storeInfo} and {@code listEngines} answer;</li>
 * <li>the framework stays responsive: another engine bundle (the sample engine) is installed and
 * started, and the multistore takes its engine on.</li>
 * </ul>
 * Once the open is released, {@code remote} opens with its data, through {@code getStore} and
 * through the handle taken before the engine left.
 *
 * <p>Every call made while the open blocks runs on a worker thread and may take at most
 * {@value #STALL_MS} ms; a call that takes longer is reported as stalled. All stalls are reported
 * together, and the blocked open is always released at the end, so the test ends either way.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SlowEngineIT {

    private static final String SAMPLE_BSN = "dev.skeleton.storage.sample";
    /** How long a call may take while the slow engine's open blocks. */
    private static final long STALL_MS = 5_000;

    @Inject
    private BundleContext context;

    private MultiStore stores;
    private final GatedEngine slow = new GatedEngine();
    private final List<ServiceRegistration<Engine>> registrations = new ArrayList<>();
    private ExecutorService workers;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        copiedReactorJar("sample-engine", getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), reactorBundle("file-bundle"),
                multistoreRootFor(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertEquals(List.of("file", "memory"), stores.listEngines()));
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "slow-engine-it");
            thread.setDaemon(true);
            return thread;
        });
    }

    @After
    public void releaseEverything() throws Exception {
        slow.release();
        for (ServiceRegistration<Engine> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // Unregistered by the test.
            }
        }
        for (Bundle bundle : context.getBundles()) {
            if (SAMPLE_BSN.equals(bundle.getSymbolicName())) {
                bundle.uninstall();
            }
        }
        workers.shutdown();
        assertTrue("worker threads still running " + Osgi.TIMEOUT_MS + " ms after the open was released",
                workers.awaitTermination(Osgi.TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    public void aBlockedOpenStallsOnlyItsOwnStore() throws Exception {
        ServiceRegistration<Engine> first = register();
        Osgi.eventually(() -> assertTrue(stores.listEngines().contains(GatedEngine.NAME)));
        stores.createStore("remote", GatedEngine.NAME, Config.empty());
        Store remote = stores.getStore("remote");
        remote.set(utf8("k"), utf8("on the server"));
        first.unregister();
        Osgi.eventually(() -> assertFalse(stores.storeInfo("remote").available()));

        slow.arm();
        Future<?> registering = workers.submit(this::register);
        Future<Store> opening = workers.submit(this::getStoreOnceItsEngineIsBack);
        assertTrue("the slow engine's open was never called", slow.awaitOpenStarted(Osgi.TIMEOUT_MS));

        List<String> stalls = new ArrayList<>();
        within(stalls, "registering the slow engine's Engine service (the store is opened on that thread)",
                () -> registering.get());
        within(stalls, "creating, writing and reading a memory store", () -> createWriteRead("quick-memory", "memory"));
        within(stalls, "creating, writing and reading a file store", () -> createWriteRead("quick-file", "file"));
        within(stalls, "listStores, storeInfo and listEngines", () -> {
            assertTrue(stores.listStores().containsAll(List.of("remote", "quick-memory", "quick-file")));
            assertEquals("memory", stores.storeInfo("quick-memory").engine());
            return stores.listEngines();
        });
        within(stalls, "installing and starting the sample engine bundle, and the multistore taking it on",
                this::startSampleEngine);

        slow.release();
        Store reopened = opening.get(Osgi.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals("calls that stalled while the slow engine's open blocked", List.of(), stalls);
        assertValue(reopened, "k", "on the server");
        Osgi.eventually(() -> assertValue(remote, "k", "on the server"));
    }

    private ServiceRegistration<Engine> register() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Engine.ENGINE_NAME_PROPERTY, GatedEngine.NAME);
        ServiceRegistration<Engine> registration = context.registerService(Engine.class, slow, properties);
        synchronized (registrations) {
            registrations.add(registration);
        }
        return registration;
    }

    /** A consumer of {@code remote}: asks for it until its engine is back and it opens. */
    private Store getStoreOnceItsEngineIsBack() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3 * Osgi.TIMEOUT_MS;
        while (true) {
            try {
                return stores.getStore("remote");
            } catch (StorageException e) {
                if (e.code() != ErrorCode.ENGINE_UNAVAILABLE || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(20);
        }
    }

    private Void createWriteRead(String name, String engine) {
        stores.createStore(name, engine, Config.empty());
        Store store = stores.getStore(name);
        store.set(utf8("k"), utf8(engine));
        assertValue(store, "k", engine);
        return null;
    }

    private Void startSampleEngine() throws Exception {
        Path jar = Workspace.of(getClass()).resolve("sample-engine.jar");
        Bundle sample = context.installBundle(jar.toUri().toString());
        sample.start();
        Osgi.eventually(() -> assertTrue(stores.listEngines().contains("sample")));
        assertEquals(SAMPLE_BSN, sample.getSymbolicName());
        return null;
    }

    /** Runs the call on a worker; records it as stalled if it takes longer than {@value #STALL_MS} ms. */
    private void within(List<String> stalls, String what, Callable<?> call) throws InterruptedException {
        Future<?> result = workers.submit(call);
        try {
            result.get(STALL_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stalls.add(what + ": no answer within " + STALL_MS + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        }
    }
}
