package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's help, over the real store commands and Gogo's JLine shell. */
class ConsoleHelpTest {

    @TempDir
    Path root;
    private GogoFixture gogo;
    private Shell shell;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private CommandSession session;

    @BeforeEach
    void gogo() {
        gogo = new GogoFixture(root);
        shell = gogo.shell();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        session = gogo.processor.createSession(new ByteArrayInputStream(new byte[0]), print, print);
        session.put(ConsoleHelp.NAME, new ConsoleHelp(shell));
    }

    @AfterEach
    void close() {
        session.close();
        gogo.close();
    }

    @Test
    void helpListsEveryCommandWithItsDescription() throws Exception {
        String help = (String) session.execute("help");

        List<String> lines = help.lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches("store:set +set the value of a key")), help);
        assertTrue(lines.stream().anyMatch(line -> line.matches("gogo:help +displays available commands")), help);
        assertTrue(lines.contains("gogo:echo"), "a command without a description: its name alone\n" + help);
        assertFalse(help.contains(":__"), "Gogo's helpers are left out\n" + help);
        assertEquals(lines.stream().sorted().toList(), lines, "in name order");
    }

    /**
     * {@code gogo:help} has two overloads with a description each: the one without arguments is
     * listed, in every run, whatever order reflection gives them in.
     */
    @Test
    void aCommandWithOverloadsIsListedWithTheDescriptionOfItsShortestForm() {
        List<Integer> counts = CommandMethods.of(session, "gogo:help").stream().map(Method::getParameterCount).toList();
        assertEquals(List.of(1, 2), counts, "help(session), then help(session, command)");
    }

    @Test
    void helpListsTheBackupCommandsWithTheirDescriptions() throws Exception {
        String help = (String) session.execute("help");

        for (String line : List.of("store:export +write a store, or a saved version of it, to a dump file.*",
                "store:import +make a store from a dump file, whole or not at all.*",
                "store:verify +check a dump file alone.*",
                "store:copy +copy a store to a new store, on any engine.*",
                "store:move +move a store to another engine while it is in use.*")) {
            assertTrue(help.lines().anyMatch(listed -> listed.matches(line)), line + "\n" + help);
        }
    }

    @Test
    void helpOfACommandExplainsIt() throws Exception {
        assertNull(session.execute("help store:set"));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("set - set the value of a key") && printed.contains("-x, --hex")
                && printed.contains("-h, --help") && printed.contains("the store's name"), printed);
    }

    /** The commands' own help, which Karaf's help shows, is there in the console too. */
    @Test
    void aCommandExplainsItselfWithTheHelpFlag() throws Exception {
        assertNull(session.execute("store:set --help"));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("store:set - set the value of a key"), printed);
        assertTrue(printed.contains("usage: store:set [-x|--hex] <store> <key> <value>"), printed);
    }
}
