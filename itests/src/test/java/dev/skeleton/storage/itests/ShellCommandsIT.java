package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.LINEFILE_BSN;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.lineFileEngine;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.itests.fileengine.LineFileEngine;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Every {@code store:} command, run through the Gogo runtime's {@link CommandProcessor} in the framework:
 * the shell bundle's component is found by Gogo's whiteboard, its options ({@code --hex} …) are
 * seen through the optional import, and failures are one line with the error code.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShellCommandsIT {

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    private MultiStore stores;
    private GogoSession shell;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()),
                gogoRuntime(), reactorBundle("shell-bundle"), lineFileEngine(getClass()));
    }

    @Before
    public void openSession() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        shell = new GogoSession(processor);
        Osgi.eventually(() -> assertTrue(shell.print("store:engines").contains(LineFileEngine.NAME)));
    }

    @After
    public void closeSession() {
        shell.close();
        assertEquals("commands print nothing themselves", "", shell.console());
    }

    @Test
    public void enginesAndStores() {
        String engines = shell.print("store:engines");
        assertTrue(engines, engines.matches("(?s).*linefile\\s+persistence.*"));
        assertTrue(engines, engines.matches("(?s).*memory\\s+\\(default\\)\\s+transactions, versioning, range queries.*"));

        assertEquals("created store shelf (engine memory)", shell.print("store:create shelf"));
        assertEquals("created store drawer (engine linefile)", shell.print("store:create drawer linefile"));
        String list = shell.print("store:stores");
        assertTrue(list, list.matches("(?s).*drawer\\s+linefile\\s+available.*shelf\\s+memory\\s+available.*"));

        String info = shell.print("store:info drawer");
        assertTrue(info, info.matches("(?s).*engine:\\s+linefile.*"));
        assertTrue(info, info.contains(Workspace.root(getClass()).resolve("drawer").toString()));
        assertEquals("deleted store shelf", shell.print("store:delete shelf"));
        assertEquals("deleted store drawer", shell.print("store:delete drawer"));
        assertFalse(stores.storeExists("shelf"));
    }

    @Test
    public void createWithEngineConfig() {
        assertEquals("created store small (engine memory)", shell.print("store:create small memory max_versions=3"));
        assertEquals(3L, stores.storeInfo("small").config().getLong("max_versions", 0));
        assertTrue(shell.print("store:info small").contains("max_versions=3"));
        shell.print("store:delete small");
    }

    @Test
    public void keysAndValues() {
        shell.print("store:create users");
        assertNull(shell.run("store:set users alice admin"));
        assertEquals("admin", shell.print("store:get users alice"));
        assertValue(stores.getStore("users"), "alice", "admin");
        assertEquals(true, shell.run("store:has users alice"));
        assertNull(shell.run("store:del users alice"));
        assertEquals(false, shell.run("store:has users alice"));
        assertNull("deleting a missing key is no error", shell.run("store:del users alice"));

        assertNull(shell.run("store:set --hex users 00ff 0a0b"));
        assertEquals("0a0b", shell.print("store:get -x users 00ff"));
        assertEquals(true, shell.run("store:has -x users 00ff"));
        shell.print("store:delete users");
    }

    @Test
    public void scan() {
        shell.print("store:create letters");
        for (String letter : new String[] {"a", "b", "c", "d", "e"}) {
            shell.run("store:set letters " + letter + " " + letter.toUpperCase());
        }
        assertEquals("a = A\nb = B\nc = C\nd = D\ne = E", shell.print("store:scan letters"));
        assertEquals("b = B\nc = C", shell.print("store:scan --start b --end d letters"));
        assertEquals("e = E\nd = D\n(limit of 2 reached; continue with --reverse --end d)",
                shell.print("store:scan -r -l 2 letters"));
        assertEquals("a = A\nb = B\n(limit of 2 reached; continue with --start c)",
                shell.print("store:scan -l 2 letters"));
        shell.print("store:delete letters");
    }

    @Test
    public void versions() {
        shell.print("store:create history");
        shell.run("store:set history k one");
        assertTrue(shell.print("store:save history").startsWith("saved version 1 of store history, hash "));
        shell.run("store:set history k two");
        shell.print("store:save history");
        assertEquals("loaded version 1 into store history", shell.print("store:load history 1"));
        assertEquals("one", shell.print("store:get history k"));
        assertEquals("current: 1\nsaved:   1, 2", shell.print("store:versions history"));
        shell.print("store:delete history");
    }

    @Test
    public void failuresAreOneLineWithTheirCode() throws Exception {
        assertEquals(1, shell.failure("store:get nowhere k").lines().count());
        assertTrue(shell.failure("store:get nowhere k").startsWith("STORE_NOT_FOUND: "));
        shell.print("store:create sparse");
        assertTrue(shell.failure("store:get sparse missing").startsWith("KEY_NOT_FOUND: "));
        assertTrue(shell.failure("store:create sparse").startsWith("STORE_EXISTS: "));
        assertTrue(shell.failure("store:create orphan nosuchengine").startsWith("ENGINE_NOT_FOUND: "));
        assertTrue(shell.failure("store:load sparse 9").startsWith("VERSION_NOT_FOUND: "));
        shell.print("store:delete sparse");

        shell.print("store:create journal linefile");
        assertTrue(shell.failure("store:save journal").startsWith("UNSUPPORTED: "));
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);
        engine.stop();
        try {
            assertTrue(shell.print("store:stores")
                    .matches("(?s).*journal\\s+linefile\\s+unavailable \\(engine absent\\).*"));
            assertTrue(shell.failure("store:get journal k").startsWith("ENGINE_UNAVAILABLE: "));
        } finally {
            engine.start();
        }
        Osgi.eventually(() -> assertTrue(shell.print("store:stores")
                .matches("(?s).*journal\\s+linefile\\s+available.*")));
        shell.print("store:delete journal");
    }
}
