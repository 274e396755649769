package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.Arrays;
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
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The real persistent engine in the framework (each of the runs, despite the class name): the file
 * bundle carries Kryo privately (no Kryo bundle is installed, and it imports packages from nothing
 * but the API and the system bundle), writes and replays its Kryo log inside the framework, and its
 * stores survive the bundle being stopped and started while the same handle is in use.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FileEngineInFelixIT {

    private static final String FILE_BSN = "dev.skeleton.storage.file";

    @Inject
    private BundleContext context;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), reactorBundle("file-bundle"),
                multistoreRootFor(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertTrue("file engine registered", stores.listEngines().contains("file")));
    }

    /** A closed store's handle answers STORE_CLOSED: no service offers it until getStore opens it. */
    @Test
    public void aClosedStoreIsNoServiceUntilItIsOpenedAgain() {
        stores.createStore("archive", "file", Config.empty());
        stores.getStore("archive").set(utf8("k"), utf8("kept"));
        Osgi.awaitReference(context, Store.class, "(store.name=archive)");

        stores.closeAll();
        Osgi.awaitNoService(context, Store.class, "(store.name=archive)");

        assertValue(stores.getStore("archive"), "k", "kept");
        Store service = context.getService(Osgi.awaitReference(context, Store.class, "(store.name=archive)"));
        assertValue(service, "k", "kept");
        stores.deleteStore("archive");
    }

    @Test
    public void theBundleImportsPackagesOnlyFromTheApiAndTheFramework() {
        Bundle file = Osgi.bundle(context, FILE_BSN);
        for (BundleWire wire : file.adapt(BundleWiring.class).getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
            String provider = wire.getProvider().getBundle().getSymbolicName();
            assertTrue("file bundle wired to " + provider,
                    provider.equals("dev.skeleton.storage.api") || wire.getProvider().getBundle().getBundleId() == 0);
        }
    }

    @Test
    public void kryoWritesAndReplaysTheLogInsideTheFramework() {
        stores.createStore("ledger", "file", Config.of("sync", "always", "compression", true));
        Store ledger = stores.getStore("ledger");
        byte[] large = new byte[2 * 1024 * 1024];
        Arrays.fill(large, (byte) 7);
        ledger.set(utf8("big"), large);
        try (Transaction tx = ((Transactional) ledger).beginTx()) {
            tx.set(utf8("a"), utf8("1"));
            tx.set(utf8("b"), utf8("2"));
            tx.commit();
        }
        VersionInfo v1 = ((Versioned) ledger).saveVersion();
        ledger.delete(utf8("a"));

        stores.closeAll();
        Store reopened = stores.getStore("ledger");

        assertArrayEquals(large, reopened.get(utf8("big")));
        assertValue(reopened, "b", "2");
        assertEquals(false, reopened.has(utf8("a")));
        ((Versioned) reopened).loadVersion(v1.version());
        assertValue(reopened, "a", "1");
    }

    @Test
    public void theSameHandleSurvivesTheEngineBundleStoppingAndStarting() throws Exception {
        stores.createStore("journal", "file", Config.of("sync", "always"));
        Store journal = stores.getStore("journal");
        journal.set(utf8("k"), utf8("before"));
        Bundle file = Osgi.bundle(context, FILE_BSN);

        file.stop();
        try {
            journal.get(utf8("k"));
            throw new AssertionError("expected ENGINE_UNAVAILABLE while the file engine is stopped");
        } catch (StorageException e) {
            assertEquals(ErrorCode.ENGINE_UNAVAILABLE, e.code());
        }
        file.start();

        Osgi.eventually(() -> assertValue(journal, "k", "before"));
        journal.set(utf8("k"), utf8("after"));
        assertValue(stores.getStore("journal"), "k", "after");
    }
}
