package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.LINEFILE_BSN;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.felixWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.lineFileEngine;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.itests.fileengine.LineFileEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
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
 * Every {@code store:} command, run through the Gogo runtime's {@link CommandProcessor} in Felix:
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
    private CommandSession session;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(felixWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()),
                gogoRuntime(), reactorBundle("shell-bundle"), lineFileEngine(getClass()));
    }

    @Before
    public void openSession() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        Osgi.eventually(() -> assertTrue(print("store:engines").contains(LineFileEngine.NAME)));
    }

    @After
    public void closeSession() {
        session.close();
        assertEquals("commands print nothing themselves", "", console.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void enginesAndStores() {
        String engines = print("store:engines");
        assertTrue(engines, engines.matches("(?s).*linefile\\s+persistence.*"));
        assertTrue(engines, engines.matches("(?s).*memory\\s+\\(default\\)\\s+transactions, versioning, range queries.*"));

        assertEquals("created store shelf (engine memory)", print("store:create shelf"));
        assertEquals("created store drawer (engine linefile)", print("store:create drawer linefile"));
        String list = print("store:stores");
        assertTrue(list, list.matches("(?s).*drawer\\s+linefile\\s+available.*shelf\\s+memory\\s+available.*"));

        String info = print("store:info drawer");
        assertTrue(info, info.matches("(?s).*engine:\\s+linefile.*"));
        assertTrue(info, info.contains(Workspace.root(getClass()).resolve("drawer").toString()));
        assertEquals("deleted store shelf", print("store:delete shelf"));
        assertEquals("deleted store drawer", print("store:delete drawer"));
        assertFalse(stores.storeExists("shelf"));
    }

    @Test
    public void createWithEngineConfig() {
        assertEquals("created store small (engine memory)", print("store:create small memory max_versions=3"));
        assertEquals(3L, stores.storeInfo("small").config().getLong("max_versions", 0));
        assertTrue(print("store:info small").contains("max_versions=3"));
        print("store:delete small");
    }

    @Test
    public void keysAndValues() {
        print("store:create users");
        assertNull(run("store:set users alice admin"));
        assertEquals("admin", print("store:get users alice"));
        assertValue(stores.getStore("users"), "alice", "admin");
        assertEquals(true, run("store:has users alice"));
        assertNull(run("store:del users alice"));
        assertEquals(false, run("store:has users alice"));
        assertNull("deleting a missing key is no error", run("store:del users alice"));

        assertNull(run("store:set --hex users 00ff 0a0b"));
        assertEquals("0a0b", print("store:get -x users 00ff"));
        assertEquals(true, run("store:has -x users 00ff"));
        print("store:delete users");
    }

    @Test
    public void scan() {
        print("store:create letters");
        for (String letter : new String[] {"a", "b", "c", "d", "e"}) {
            run("store:set letters " + letter + " " + letter.toUpperCase());
        }
        assertEquals("a = A\nb = B\nc = C\nd = D\ne = E", print("store:scan letters"));
        assertEquals("b = B\nc = C", print("store:scan --start b --end d letters"));
        assertEquals("e = E\nd = D\n(limit of 2 reached; continue with --reverse --end d)",
                print("store:scan -r -l 2 letters"));
        assertEquals("a = A\nb = B\n(limit of 2 reached; continue with --start c)", print("store:scan -l 2 letters"));
        print("store:delete letters");
    }

    @Test
    public void versions() {
        print("store:create history");
        run("store:set history k one");
        assertTrue(print("store:save history").startsWith("saved version 1 of store history, hash "));
        run("store:set history k two");
        print("store:save history");
        assertEquals("loaded version 1 into store history", print("store:load history 1"));
        assertEquals("one", print("store:get history k"));
        assertEquals("current: 1\nsaved:   1, 2", print("store:versions history"));
        print("store:delete history");
    }

    @Test
    public void failuresAreOneLineWithTheirCode() throws Exception {
        assertEquals(1, failure("store:get nowhere k").lines().count());
        assertTrue(failure("store:get nowhere k").startsWith("STORE_NOT_FOUND: "));
        print("store:create sparse");
        assertTrue(failure("store:get sparse missing").startsWith("KEY_NOT_FOUND: "));
        assertTrue(failure("store:create sparse").startsWith("STORE_EXISTS: "));
        assertTrue(failure("store:create orphan nosuchengine").startsWith("ENGINE_NOT_FOUND: "));
        assertTrue(failure("store:load sparse 9").startsWith("VERSION_NOT_FOUND: "));
        print("store:delete sparse");

        print("store:create journal linefile");
        assertTrue(failure("store:save journal").startsWith("UNSUPPORTED: "));
        Bundle engine = Osgi.bundle(context, LINEFILE_BSN);
        engine.stop();
        try {
            assertTrue(print("store:stores").matches("(?s).*journal\\s+linefile\\s+unavailable \\(engine absent\\).*"));
            assertTrue(failure("store:get journal k").startsWith("ENGINE_UNAVAILABLE: "));
        } finally {
            engine.start();
        }
        Osgi.eventually(() -> assertTrue(print("store:stores").matches("(?s).*journal\\s+linefile\\s+available.*")));
        print("store:delete journal");
    }

    private Object run(String line) {
        try {
            return session.execute(line);
        } catch (Exception e) {
            throw new AssertionError("'" + line + "' failed: " + e, e);
        }
    }

    /** What an interactive console prints for the result of a command line. */
    private String print(String line) {
        Object result = run(line);
        return result == null ? null : session.format(result, Converter.INSPECT).toString();
    }

    /** The message of the failure of a command line. */
    private String failure(String line) {
        Exception e = assertThrows(line, Exception.class, () -> session.execute(line));
        assertFalse("one line: " + e.getMessage(), e.getMessage().contains("\n"));
        return e.getMessage();
    }
}
