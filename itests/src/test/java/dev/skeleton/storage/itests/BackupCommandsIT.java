package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.osgi.framework.ServiceReference;

/**
 * The backup commands ({@code store:export}, {@code import}, {@code verify}, {@code copy}, and the
 * refusals of {@code move}) typed as a user types them, through the Gogo runtime in the framework, with the
 * memory, file and postgres engines as bundles: a store travels memory, file, postgres and back to
 * memory by dumps and keeps its content hash the whole way (what every summary prints, and what
 * {@code store:save} prints for each copy); a bad dump, a taken name or an unknown engine is one
 * line with its code, and leaves nothing behind. The postgres legs run on the PostgreSQL server of
 * the postgres engine's tests; on a machine without one they stop at an assumption naming the
 * reason, as {@link PostgresEngineInFelixIT}'s do. The events of the commands are
 * {@link BackupEventsIT}'s, moves under load {@link StoreMoveUnderLoadIT}'s.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackupCommandsIT {

    private static final Pattern HASH = Pattern.compile("hash ([0-9a-f]{64})");
    private static final int KEYS = 40;

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    private MultiStore stores;
    private GogoSession shell;
    private Path dumps;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), reactorBundle("file-bundle"),
                reactorBundle("postgres-bundle"), gogoRuntime(), reactorBundle("shell-bundle"),
                multistoreRootFor(getClass()), PostgresServerOptions.serverWithEngine());
    }

    @Before
    public void openShell() throws IOException {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.awaitEngine(stores, "file");
        shell = new GogoSession(processor);
        dumps = Files.createDirectories(Workspace.of(getClass()).resolve("dumps"));
    }

    @After
    public void closeShell() {
        shell.close();
        // A transfer that takes half a second shows a progress line, and blanks it before its summary.
        assertEquals("left on the console: " + shell.console(), "", shell.shownOnConsole());
    }

    @Test
    public void roundTripMemoryFileMemoryKeepsTheHash() {
        roundTrip("trip", "file", "memory");
    }

    @Test
    public void roundTripMemoryFilePostgresMemoryKeepsTheHash() {
        PostgresServer.assumeAvailable();
        Osgi.awaitEngine(stores, PostgresServer.ENGINE);
        roundTrip("voyage", "file", PostgresServer.ENGINE, "memory");
    }

    /**
     * A memory store {@code <name>-0} exported, verified and imported onto each engine in turn
     * ({@code <name>-1}, ...), every other dump compressed; every summary, and {@code store:save} of
     * every store, gives the hash of the first store, and the last store holds what the first held.
     */
    private void roundTrip(String name, String... engines) {
        String first = name + "-0";
        assertEquals("created store " + first + " (engine memory)", shell.print("store:create " + first + " memory"));
        fill(first);
        String hash = hashOf(shell.print("store:save " + first));
        String store = first;
        String engine = "memory";
        List<String> made = new ArrayList<>(List.of(first));
        for (int leg = 1; leg <= engines.length; leg++) {
            Path dump = dumps.resolve(name + "-" + leg + ".dump");
            boolean compress = leg % 2 == 0;
            String exported = shell.print("store:export " + (compress ? "-z " : "") + store + " '" + dump + "'");
            assertTrue(exported, exported.startsWith("exported " + store + " (" + engine + ") to " + dump
                    + (compress ? ", compressed" : "") + ": " + (KEYS + 1) + " entries, "));
            assertEquals("export " + store, hash, hashOf(exported));

            String verified = shell.print("store:verify '" + dump + "'");
            assertTrue(verified, verified.startsWith(dump + " is a good dump of " + store + " (" + engine + "): "));
            assertEquals("verify " + dump, hash, hashOf(verified));

            String next = name + "-" + leg;
            String imported = shell.print("store:import '" + dump + "' " + next + " --engine " + engines[leg - 1]);
            assertTrue(imported, imported.startsWith("imported " + next + " (" + engines[leg - 1] + ") from " + dump
                    + ": " + (KEYS + 1) + " entries, "));
            assertEquals("import " + next, hash, hashOf(imported));
            assertEquals("save " + next, hash, hashOf(shell.print("store:save " + next)));
            assertStoreService(next, engines[leg - 1]);
            made.add(next);
            store = next;
            engine = engines[leg - 1];
        }
        assertEquals("the last store holds what the first held",
                shell.print("store:scan --hex " + first), shell.print("store:scan --hex " + store));
        made.forEach(each -> shell.print("store:delete " + each));
    }

    /** {@value #KEYS} text entries and one binary one, typed in the shell. */
    private void fill(String store) {
        for (int i = 0; i < KEYS; i++) {
            shell.run("store:set " + store + " key" + i + " 'value " + i + "'");
        }
        shell.run("store:set --hex " + store + " 00ff 0a0b0c");
    }

    /** An imported store is offered as a Store service like any other, on its engine. */
    private void assertStoreService(String name, String engine) {
        ServiceReference<Store> service = Osgi.awaitReference(context, Store.class, Osgi.filter("store.name", name));
        assertEquals("store.engine of " + name, engine, service.getProperty("store.engine"));
        assertValue(context.getService(service), "key7", "value 7");
        context.ungetService(service);
    }

    @Test
    public void aDumpCutShortIsCorruptedAndImportsNothing() throws IOException {
        shell.print("store:create whole memory");
        fill("whole");
        Path dump = dumps.resolve("whole.dump");
        shell.print("store:export whole '" + dump + "'");
        byte[] bytes = Files.readAllBytes(dump);
        // Inside the header, inside the entries, and just short of the trailer's end.
        for (int length : new int[] {6, bytes.length / 2, bytes.length - 1}) {
            Path cut = dumps.resolve("cut-" + length + ".dump");
            Files.write(cut, Arrays.copyOf(bytes, length));

            assertFailure("CORRUPTED", "store:verify '" + cut + "'");
            assertFailure("CORRUPTED", "store:import '" + cut + "' fromcut");
            assertFalse("a failed import leaves no store", stores.storeExists("fromcut"));
            assertFalse("nor a service", Osgi.reference(context, Store.class, "(store.name=fromcut)").isPresent());
            assertArrayEquals("the dump is left as it was", Arrays.copyOf(bytes, length), Files.readAllBytes(cut));
        }
        Path text = Files.writeString(dumps.resolve("notes.txt"), "not a dump at all\n");
        assertFailure("CORRUPTED", "store:verify '" + text + "'");
        assertFailure("IO", "store:verify '" + dumps.resolve("nowhere.dump") + "'");
        shell.print("store:delete whole");
    }

    @Test
    public void importOntoAStoreThatExistsIsRefusedUnlessReplacing() {
        shell.print("store:create taken memory");
        fill("taken");
        Path dump = dumps.resolve("taken.dump");
        String hash = hashOf(shell.print("store:export taken '" + dump + "'"));
        shell.print("store:create other memory");
        shell.run("store:set other only one");

        assertFailure("STORE_EXISTS", "store:import '" + dump + "' other");
        assertEquals("the store is unchanged", "only = one", shell.print("store:scan other"));

        String replaced = shell.print("store:import --replace '" + dump + "' other");
        assertTrue(replaced, replaced.contains(", replacing the store of that name: "));
        assertEquals(hash, hashOf(replaced));
        assertValue(stores.getStore("other"), "key3", "value 3");
        shell.print("store:delete taken");
        shell.print("store:delete other");
    }

    @Test
    public void anUnknownEngineIsRefusedAndMakesNothing() {
        shell.print("store:create known memory");
        fill("known");
        Path dump = dumps.resolve("known.dump");
        shell.print("store:export known '" + dump + "'");

        assertFailure("ENGINE_NOT_FOUND", "store:import '" + dump + "' elsewhere --engine nosuch");
        assertFailure("ENGINE_NOT_FOUND", "store:copy --engine nosuch known elsewhere");
        assertFailure("ENGINE_NOT_FOUND", "store:move known nosuch");
        assertFalse("no store was made", stores.storeExists("elsewhere"));
        assertEquals("the store stays where it was", "memory", stores.storeInfo("known").engine());
        assertValue(stores.getStore("known"), "key0", "value 0");
        shell.print("store:delete known");
    }

    @Test
    public void copyMakesAnEqualStoreOnAnotherEngine() {
        shell.print("store:create original memory");
        fill("original");
        String hash = hashOf(shell.print("store:save original"));
        String copied = shell.print("store:copy original duplicate --engine file");
        assertTrue(copied, copied.startsWith("copied original (memory) to duplicate (file): "
                + (KEYS + 1) + " entries, "));
        assertEquals(hash, hashOf(copied));
        assertEquals(hash, hashOf(shell.print("store:save duplicate")));
        assertStoreService("duplicate", "file");
        assertFailure("STORE_EXISTS", "store:copy original duplicate");
        shell.print("store:delete original");
        shell.print("store:delete duplicate");
    }

    /** The line must fail with that code: one line, {@code CODE: message}. */
    private void assertFailure(String code, String line) {
        String message = shell.failure(line);
        assertTrue(line + " gave: " + message, message.startsWith(code + ": "));
        assertTrue("a message after the code: " + message, message.length() > code.length() + 2);
    }

    private static String hashOf(String summary) {
        Matcher hash = HASH.matcher(summary);
        assertTrue("a hash in: " + summary, hash.find());
        return hash.group(1);
    }
}
