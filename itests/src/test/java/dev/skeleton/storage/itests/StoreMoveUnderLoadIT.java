package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
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

/**
 * {@code store:move}, typed in the shell, while a thread writes through the store's OSGi service
 * (the {@code (store.name=...)} {@link Store} the multistore registers): a file store moves to
 * postgres and back to file (or, everywhere, to memory and back). After each move the service is
 * the same registration and the same object, its {@code store.engine} property names the new
 * engine, and the writer goes on; at the end the store holds exactly what was there before plus
 * every acknowledged write, and no write failed.
 *
 * <p>The postgres moves run on the PostgreSQL server of the postgres engine's tests; on a machine
 * without one they stop at an assumption naming the reason, as {@link PostgresEngineInFelixIT}'s
 * do. Bounded: each wait by {@link Osgi#TIMEOUT_MS}, the writer's stop by 10 s.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreMoveUnderLoadIT {

    /** Entries in the store before the writer starts, so that a move has something to copy. */
    private static final int PREFILLED = 3_000;
    /** Acknowledged writes that count as the writer working (before the first move, after each). */
    private static final long PROGRESS = 50;

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    private MultiStore stores;
    private GogoSession shell;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), reactorBundle("file-bundle"),
                reactorBundle("postgres-bundle"), gogoRuntime(), reactorBundle("shell-bundle"),
                multistoreRootFor(getClass()), PostgresServerOptions.serverWithEngine());
    }

    @Before
    public void openShell() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.awaitEngine(stores, "file");
        shell = new GogoSession(processor);
    }

    @After
    public void closeShell() {
        shell.close();
        assertEquals("left on the console: " + shell.console(), "", shell.shownOnConsole());
    }

    @Test
    public void fileToPostgresAndBackWhileWritersWrite() throws Exception {
        PostgresServer.assumeAvailable();
        Osgi.awaitEngine(stores, PostgresServer.ENGINE);
        moveUnderLoad("shuttle", PostgresServer.ENGINE, "file");
    }

    @Test
    public void fileToMemoryAndBackWhileWritersWrite() throws Exception {
        moveUnderLoad("ferry", "memory", "file");
    }

    /** Makes a file store, then moves it to each engine in turn while the writer writes. */
    private void moveUnderLoad(String name, String... engines) throws Exception {
        shell.print("store:create " + name + " file");
        ServiceReference<Store> reference = Osgi.awaitReference(context, Store.class, Osgi.filter("store.name", name));
        Object serviceId = reference.getProperty(Constants.SERVICE_ID);
        Store service = context.getService(reference);
        Map<String, String> prefilled = prefill(service);
        ServiceWriter writer = ServiceWriter.start(service);
        Map<String, String> acked;
        try {
            awaitProgress(writer, "before the first move");
            String from = "file";
            for (String engine : engines) {
                moveWhileWriting(name, from, engine, writer);
                assertTheSameServiceNowOn(engine, name, serviceId, service);
                awaitProgress(writer, "after the move to " + engine);
                from = engine;
            }
        } finally {
            acked = writer.stop();
        }
        assertEquals("no write failed", List.of(), writer.errors());
        Map<String, String> expected = new TreeMap<>(prefilled);
        expected.putAll(acked);
        assertEquals("the store holds what was there before and every acknowledged write",
                expected, contentOf(service));
        stores.closeAll();
        assertEquals("and still does, opened again from the engine's disk", expected, contentOf(stores.getStore(name)));
        context.ungetService(reference);
        shell.print("store:delete " + name);
    }

    /** Moves the store in the shell; the writer must have written meanwhile, and without a failure. */
    private void moveWhileWriting(String name, String from, String engine, ServiceWriter writer) {
        long before = writer.writes();
        String moved = shell.print("store:move " + name + " " + engine);
        long during = writer.writes() - before;
        assertTrue(moved, moved.startsWith("moved " + name + " from " + from + " to " + engine + ": "));
        assertTrue(moved, moved.matches(".*, longest writer pause \\d.*"));
        assertEquals("no write failed", List.of(), writer.errors());
        assertTrue("the writer wrote while the store moved to " + engine + ": " + moved, during > 0);
        assertEquals(engine, stores.storeInfo(name).engine());
    }

    /** {@value #PREFILLED} entries, in one transaction through the service. */
    private static Map<String, String> prefill(Store service) {
        Map<String, String> written = new TreeMap<>();
        try (Transaction tx = ((Transactional) service).beginTx()) {
            for (int i = 0; i < PREFILLED; i++) {
                String key = String.format("p%05d", i);
                String value = "prefilled " + i;
                tx.set(utf8(key), utf8(value));
                written.put(key, value);
            }
            tx.commit();
        }
        return written;
    }

    /**
     * The store's service after a move: the registration of before (same service id, and the only
     * one of that name), the same object, and its {@code store.engine} property updated.
     */
    private void assertTheSameServiceNowOn(String engine, String name, Object serviceId, Store service) {
        String filter = Osgi.filter("store.name", name);
        Osgi.eventually(() -> assertEquals("store.engine of the service",
                engine, Osgi.awaitReference(context, Store.class, filter).getProperty("store.engine")));
        ServiceReference<Store> now = Osgi.awaitReference(context, Store.class, filter);
        assertEquals("the same registration", serviceId, now.getProperty(Constants.SERVICE_ID));
        assertEquals("one service of that name", 1, Osgi.references(context, Store.class, filter).size());
        assertSame("the same object", service, context.getService(now));
        context.ungetService(now);
    }

    private static void awaitProgress(ServiceWriter writer, String when) {
        long before = writer.writes();
        Osgi.eventually(() -> assertTrue("the writer makes no progress " + when + ": " + writer.errors(),
                writer.writes() >= before + PROGRESS));
    }

    private static Map<String, String> contentOf(Store store) {
        Map<String, String> held = new TreeMap<>();
        store.iterate((key, value) -> {
            held.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            return true;
        });
        return held;
    }
}
