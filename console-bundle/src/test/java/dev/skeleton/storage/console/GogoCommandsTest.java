package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.felix.gogo.jline.Builtin;
import org.apache.felix.gogo.jline.Posix;
import org.apache.felix.gogo.jline.Procedural;
import org.apache.felix.gogo.jline.Shell;
import org.junit.jupiter.api.Test;

/** The command lists of the JLine shell the console bundle carries. */
class GogoCommandsTest {

    @Test
    void eachClassNamesItsCommands() {
        assertTrue(List.of(GogoCommands.functionsOf(Posix.class)).containsAll(List.of("echo", "grep", "cat")));
        assertTrue(List.of(GogoCommands.functionsOf(Procedural.class)).containsAll(List.of("each", "if", "try")));
        assertTrue(List.of(GogoCommands.functionsOf(Builtin.class)).containsAll(List.of("history", "complete")));
        assertTrue(List.of(GogoCommands.functionsOf(Shell.class)).containsAll(List.of("help", "gosh", "source")));
    }

    @Test
    void aClassWithoutAListIsAnErrorNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GogoCommands.functionsOf(String.class));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }
}
