package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's terminal. The test JVM's standard input is a pipe, so the process's terminal is the
 * dumb one, over standard input and output; the console on a real terminal is tested at process
 * level (the runtime's ConsoleTerminalIT).
 */
@Timeout(30)
class ConsoleTerminalTest {

    @Test
    void withoutATerminalTheProcessGetsADumbOneOfTheDefaultSize() throws Exception {
        try (Terminal terminal = ConsoleTerminal.system()) {
            assertEquals("skeleton", terminal.getName());
            assertEquals(ConsoleTerminal.DEFAULT_SIZE, terminal.getSize(), "a dumb terminal tells no size");
        }
    }

    @Test
    void theContextClassLoaderIsGivenBack() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        ConsoleTerminal.system().close();

        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aSizedTerminalKeepsItsSize() throws Exception {
        try (Terminal terminal = dumb()) {
            terminal.setSize(new Size(132, 50));

            assertEquals(new Size(132, 50), ConsoleTerminal.sized(terminal).getSize());
        }
    }

    @Test
    void aTerminalWithoutRowsOrColumnsGetsTheDefault() throws Exception {
        try (Terminal terminal = dumb()) {
            terminal.setSize(new Size(100, 0));

            assertEquals(ConsoleTerminal.DEFAULT_SIZE, ConsoleTerminal.sized(terminal).getSize());
        }
    }

    private static Terminal dumb() throws Exception {
        return new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                StandardCharsets.UTF_8);
    }
}
