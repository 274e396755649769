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
        assertEquals(3, set.size(), "description, --hex, arguments");
        assertEquals("set the value of a key", set.get(0).description);
        assertNull(set.get(0).options);
        assertEquals(List.of("-x", "--hex"), set.get(1).options);
        assertEquals("keys and values in hex (input and output)", set.get(1).description);
        assertEquals(ArgumentCompletion.NAME, set.get(2).argument);
    }

    @Test
    void aCommandWithoutArgumentsHasOnlyItsDescription() {
        new CommandCompletions().execute(session, List.of());

        List<CompletionData> engines = completions.get("store:engines");
        assertEquals(1, engines.size());
        assertEquals("list the registered engines, the default one and their capabilities", engines.get(0).description);
    }

    @Test
    void everyOptionOfScanIsThereOnce() {
        new CommandCompletions().execute(session, List.of());

        List<List<String>> options = completions.get("store:scan").stream()
                .map(data -> data.options).filter(java.util.Objects::nonNull).toList();
        assertEquals(List.of(List.of("-x", "--hex"), List.of("-s", "--start"), List.of("-e", "--end"),
                List.of("-r", "--reverse"), List.of("-l", "--limit")), options);
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
