package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.jline.builtins.Completers.CompletionData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completions declared from the commands' annotations, on the real store commands. */
class CommandCompletionsTest {

    /** The help flag, which every store command has. */
    private static final List<String> HELP = List.of("-h", "--help");

    @TempDir
    Path root;
    private GogoFixture gogo;
    private CommandSession session;
    private final Map<String, List<CompletionData>> completions = new HashMap<>();

    @BeforeEach
    void gogo() {
        gogo = new GogoFixture(root);
        session = gogo.session();
        session.put(Shell.VAR_COMPLETIONS, completions);
    }

    @AfterEach
    void close() {
        session.close();
        gogo.close();
    }

    @Test
    void aCommandGetsItsDescriptionItsOptionsAndItsArguments() {
        new CommandCompletions().execute(session, List.of());

        List<CompletionData> set = completions.get("store:set");
        assertEquals(4, set.size(), "description, --help, --hex, arguments");
        assertEquals("set the value of a key", set.get(0).description);
        assertNull(set.get(0).options);
        assertEquals(List.of("-h", "--help"), set.get(1).options);
        assertEquals("print this help", set.get(1).description);
        assertEquals(List.of("-x", "--hex"), set.get(2).options);
        assertEquals("keys and values in hex (input and output)", set.get(2).description);
        assertEquals(ArgumentCompletion.NAME, set.get(3).argument);
    }

    @Test
    void aCommandWithoutArgumentsHasOnlyItsDescriptionAndTheHelpFlag() {
        new CommandCompletions().execute(session, List.of());

        List<CompletionData> engines = completions.get("store:engines");
        assertEquals(2, engines.size());
        assertEquals("list the registered engines, the default one and their capabilities", engines.get(0).description);
        assertEquals(List.of("-h", "--help"), engines.get(1).options);
    }

    @Test
    void everyOptionOfScanIsThereOnce() {
        new CommandCompletions().execute(session, List.of());

        List<List<String>> options = optionsOf("store:scan");
        assertEquals(List.of(HELP, List.of("-x", "--hex"), List.of("-s", "--start"), List.of("-e", "--end"),
                List.of("-r", "--reverse"), List.of("-l", "--limit")), options);
    }

    /**
     * The backup commands are a second component of the same scope; {@code store:import} runs the
     * Java method {@code _import}, since {@code import} is a Java keyword.
     */
    @Test
    void theBackupCommandsGetTheirCompletionsToo() {
        new CommandCompletions().execute(session, List.of());

        List<CompletionData> imports = completions.get("store:import");
        assertEquals("make a store from a dump file, whole or not at all; Ctrl-C stops it, leaving no store",
                imports.get(0).description);
        assertEquals(List.of(HELP, List.of("-e", "--engine"), List.of("-r", "--replace")), optionsOf("store:import"));
        assertEquals(ArgumentCompletion.NAME, imports.get(imports.size() - 1).argument);
        assertEquals(List.of(HELP, List.of("-v", "--version"), List.of("-z", "--compress")), optionsOf("store:export"));
        assertEquals(List.of(HELP, List.of("-e", "--engine")), optionsOf("store:copy"));
        for (String command : List.of("store:verify", "store:move")) {
            List<CompletionData> data = completions.get(command);
            assertEquals(3, data.size(), command + ": description, --help and arguments");
            String starts = command.equals("store:move") ? "move a store" : "check a dump";
            assertTrue(data.get(0).description.startsWith(starts), data.get(0).description);
            assertEquals(HELP, data.get(1).options);
            assertEquals(ArgumentCompletion.NAME, data.get(2).argument);
        }
    }

    private List<List<String>> optionsOf(String command) {
        return completions.get(command).stream().map(data -> data.options).filter(java.util.Objects::nonNull).toList();
    }

    @Test
    void completionsDeclaredBeforeAreKept() {
        List<CompletionData> declared = List.of(new CompletionData(null, "mine", null, null));
        completions.put("store:get", declared);

        Object count = new CommandCompletions().execute(session, List.of());

        assertEquals(declared, completions.get("store:get"));
        assertTrue(completions.containsKey("store:set"));
        assertEquals(completions.size() - 1, count, "every other command with a method got completions");
    }

    @Test
    void outsideAConsoleNothingIsDeclared() {
        session.put(Shell.VAR_COMPLETIONS, null);

        assertEquals(0, new CommandCompletions().execute(session, List.of()));
    }
}
