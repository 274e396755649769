package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.felix.gogo.jline.Shell;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in this JVM, on a dumb terminal over pipes (the terminal the console gets when
 * standard input is no terminal): lines run as they come, the profile's settings apply, the
 * history goes to its file, the end of the input ends the console and asks to stop the platform,
 * closing it does not.
 */
@Timeout(60)
class ConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;
    private GogoFixture gogo;
    private PipedOutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final CountDownLatch endOfInput = new CountDownLatch(1);
    private Console console;

    @BeforeEach
    void gogo() {
        gogo = new GogoFixture(work.resolve("stores"));
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        gogo.close();
    }

    private Console start(Optional<Path> history) throws IOException {
        keys = new PipedOutputStream();
        Terminal terminal = new DumbTerminal("test", "dumb", new PipedInputStream(keys, 1 << 16), screen,
                StandardCharsets.UTF_8);
        Shell shell = gogo.shell();
        console = Console.start(gogo.processor, shell, terminal, new ConsoleSettings(true, history),
                Map.of(CommandCompletions.NAME, new CommandCompletions(),
                        ArgumentCompletion.NAME, new ArgumentCompletion(gogo::storeNames, List::of)),
                endOfInput::countDown);
        return console;
    }

    private void type(String line) throws IOException {
        keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    private void await(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(screen())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s; screen:\n" + screen());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void linesRunAsTheyComeAndTheEndOfInputEndsTheConsole() throws Exception {
        Path history = work.resolve("data/.history");
        Files.createDirectories(history.getParent());
        start(Optional.of(history));

        type("store:create users memory");
        type("store:set users alice admin");
        type("store:get users alice");
        await(text -> text.contains("admin\n") || text.contains("admin\r\n"), "the value");
        type("store:get users");
        await(text -> text.contains("usage: store:get [-x|--hex] <store> <key>"), "the usage line");
        keys.close();

        assertTrue(endOfInput.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the end of input asks to stop: " + screen());
        assertTrue(screen().contains("skeleton> "), "the profile's prompt: " + screen());
        String saved = Files.readString(history);
        assertTrue(saved.contains("store:set users alice admin") && saved.contains("store:get users alice"), saved);
        assertEquals(HistoryFile.OWNER_ONLY, Files.getPosixFilePermissions(history),
                "what was typed (values too) is for the owner's eyes");
    }

    @Test
    void theProfileDeclaresTheCompletionsAndTheScope() throws Exception {
        start(Optional.empty());

        type("echo (${.completions} containsKey store:get) $SCOPE");
        await(text -> text.contains("true gogo:*"), "the completions and the scope");
    }

    @Test
    void closingEndsTheConsoleWithoutStoppingThePlatform() throws Exception {
        start(Optional.empty());
        type("echo up");
        await(text -> text.contains("up"), "the console");

        console.close();

        assertFalse(console.isRunning());
        assertEquals(1, endOfInput.getCount(), "closing is no end of input");
        console = null;
    }

    @Test
    void aTerminalThatFailsEndsTheConsoleAndSaysSo() throws Exception {
        Terminal closed = new DumbTerminal("test", "dumb", new PipedInputStream(), screen, StandardCharsets.UTF_8);
        closed.close();
        Shell shell = gogo.shell();

        console = Console.start(gogo.processor, shell, closed, new ConsoleSettings(true, Optional.empty()), Map.of(),
                endOfInput::countDown);

        assertTrue(endOfInput.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
}
