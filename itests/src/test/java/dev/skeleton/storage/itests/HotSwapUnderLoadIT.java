package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.HardeningOptions.WRITER_BSN;
import static dev.skeleton.storage.itests.HardeningOptions.copiedReactorBundle;
import static dev.skeleton.storage.itests.HardeningOptions.writerBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.itests.writer.AcknowledgedWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

/**
 * The hot-swap check of issue 15, kept as a test: a writer bundle writes through one
 * {@code MultiStore} handle to a file store ({@code sync=always}) in a loop while the file engine's
 * bundle is stopped and started, updated, updated while stopped, and uninstalled and installed
 * again, four times each (16 swaps). The writer retries what fails with ENGINE_UNAVAILABLE; any
 * other failure is an error. After every swap the writer must make progress again, and at the end
 * every key holds its last acknowledged value, read back after one more stop and start of the engine
 * (so from disk), and the store holds no other key.
 *
 * <p>Bounded: every wait is bounded by {@link Osgi#TIMEOUT_MS}, and the swaps together by
 * {@value #SWAPS_WITHIN_MS} ms.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapUnderLoadIT {

    private static final String FILE_BSN = "dev.skeleton.storage.file";
    private static final int ROUNDS = 4;
    /**
     * The bound of the 16 swaps together: they take 3 to 10 s on two cores shared with other builds;
     * the bound only turns a hang into a failure (each wait is bounded on its own too).
     */
    private static final long SWAPS_WITHIN_MS = 60_000;
    /** How long the engine stays away in a swap, so that the writer does meet its absence. */
    private static final long AWAY_MS = 100;
    /** Acknowledged writes required after a swap to count the writer as working again. */
    private static final long PROGRESS = 10;

    @Inject
    private BundleContext context;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), copiedReactorBundle("file-bundle", getClass()),
                multistoreRootFor(getClass()), writerBundle(getClass()));
    }

    @Before
    public void fileEngineIsThere() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertTrue(stores.listEngines().toString(), stores.listEngines().contains("file")));
    }

    @Test
    public void noAcknowledgedWriteIsLostWhileTheEngineIsSwapped() throws Exception {
        stores.createStore(AcknowledgedWriter.STORE, "file", Config.of("sync", "always"));
        Supplier<Map<String, Object>> progress = writerService(Supplier.class);
        awaitProgress(progress, "before the first swap");

        long deadline = System.currentTimeMillis() + SWAPS_WITHIN_MS;
        for (int round = 1; round <= ROUNDS; round++) {
            stopAndStart();
            awaitProgress(progress, "after stop and start, round " + round);
            fileEngine().update();
            awaitProgress(progress, "after update, round " + round);
            updateWhileStopped();
            awaitProgress(progress, "after update while stopped, round " + round);
            uninstallAndInstallAgain();
            awaitProgress(progress, "after uninstall and install, round " + round);
            assertTrue("the swaps of " + round + " rounds took longer than " + SWAPS_WITHIN_MS + " ms",
                    System.currentTimeMillis() < deadline);
        }

        Callable<Map<String, Object>> stop = writerService(Callable.class);
        Map<String, Object> account = stop.call();
        assertEquals("writer failures other than ENGINE_UNAVAILABLE", List.of(), account.get("errors"));
        assertTrue("the writer met the engine's absence: " + account, (Long) account.get("retries") > 0);
        stopAndStart();
        assertEveryAcknowledgedWriteIsThere(account);
        Osgi.bundle(context, WRITER_BSN).stop();
    }

    private void stopAndStart() throws BundleException, InterruptedException {
        Bundle file = fileEngine();
        file.stop();
        Thread.sleep(AWAY_MS);
        file.start();
    }

    private void updateWhileStopped() throws BundleException, InterruptedException {
        Bundle file = fileEngine();
        file.stop();
        Thread.sleep(AWAY_MS);
        file.update();
        file.start();
    }

    private void uninstallAndInstallAgain() throws BundleException, InterruptedException {
        Bundle file = fileEngine();
        String location = file.getLocation();
        file.uninstall();
        Thread.sleep(AWAY_MS);
        context.installBundle(location).start();
    }

    /** Every key holds its last acknowledged value, through a handle, and the store has no other key. */
    private void assertEveryAcknowledgedWriteIsThere(Map<String, Object> account) {
        @SuppressWarnings("unchecked")
        Map<String, String> acked = (Map<String, String>) account.get("acked");
        assertTrue("the writer wrote: " + account.get("writes"), acked.size() > 0);
        Store hot = Osgi.awaitService(context, Store.class, Osgi.filter("store.name", AcknowledgedWriter.STORE));
        acked.forEach((key, value) -> assertValue(hot, key, value));
        Map<String, String> held = new TreeMap<>();
        hot.iterate((key, value) -> {
            held.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            return true;
        });
        assertEquals("the store holds exactly the acknowledged writes", acked, held);
    }

    /** Waits until the writer has acknowledged {@value #PROGRESS} more writes. */
    private static void awaitProgress(Supplier<Map<String, Object>> progress, String when) {
        long before = (Long) progress.get().get("writes");
        Osgi.eventually(() -> assertTrue("the writer makes no progress " + when + ": " + progress.get(),
                (Long) progress.get().get("writes") >= before + PROGRESS));
    }

    @SuppressWarnings("unchecked")
    private <T> T writerService(Class<?> type) {
        return (T) Osgi.awaitService(context, type, "(writer=hot-swap)");
    }

    private Bundle fileEngine() {
        return Osgi.bundle(context, FILE_BSN);
    }
}
