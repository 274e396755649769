package dev.skeleton.storage.runtime;

import static dev.skeleton.storage.runtime.PtyConsole.CTRL_C;
import static dev.skeleton.storage.runtime.PtyConsole.CTRL_D;
import static dev.skeleton.storage.runtime.PtyConsole.ENTER;
import static dev.skeleton.storage.runtime.PtyConsole.TAB;
import static dev.skeleton.storage.runtime.PtyConsole.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as a person has it, on a pseudo-terminal (see {@link PtyConsole}): keys typed, Tab
 * completing a command's name and a store's name, the Up arrow bringing back the last line, a
 * usage line for wrong arguments, {@code help} with the commands' descriptions, Ctrl-C dropping
 * the line being typed, Ctrl-D and
 * {@code stop 0} ending the platform with status 0, and the history kept in the data folder for
 * the next start.
 */
@Timeout(240)
class ConsoleTerminalIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;
    private String[] folders;

    @BeforeEach
    void folders() {
        assumeTrue(PtyConsole.available(), "needs util-linux script for a pseudo-terminal");
        folders = new String[] {"--data", work.resolve("data").toString(), "--deploy", work.resolve("deploy").toString(),
            "--etc", work.resolve("etc").toString(), "--engine", "memory"};
    }

    /** Types a line and waits for what it prints, then for the next prompt. */
    private static void run(PtyConsole console, String keys, String output) throws InterruptedException {
        int prompts = console.prompts();
        console.type(keys);
        console.await(text -> text.contains(output), WAIT, "'" + output + "' after " + keys.replace("\033", "ESC"));
        console.awaitPrompt(prompts, WAIT);
    }

    private static long linesEqualTo(PtyConsole console, String line) {
        return console.text().lines().filter(line::equals).count();
    }

    @Test
    void aPersonAtATerminalCompletesRecallsAndGetsHelp() throws InterruptedException {
        try (PtyConsole console = PtyConsole.start(work, folders)) {
            console.await(text -> text.contains("Ctrl-D quits"), WAIT, "the banner");
            console.awaitPrompt(0, WAIT);
            assertTrue(console.text().indexOf("Ctrl-D quits") < console.text().indexOf("skeleton> "),
                    "the banner comes before the prompt: " + console.text());

            run(console, "store:create inventory" + ENTER, "created store inventory (engine memory)");
            // Ctrl-C drops the line being typed; the console stays.
            int before = console.prompts();
            console.type("store:delete inventory" + CTRL_C);
            console.awaitPrompt(before, WAIT);
            // Tab completes a command's name, then a store's name.
            run(console, "store:versi" + TAB + "inventory" + ENTER, "current: 0 (never saved or loaded)");
            run(console, "store:set inv" + TAB + "colour blue" + ENTER, "skeleton> ");
            run(console, "store:get inv" + TAB + "colour" + ENTER, "\nblue\n");
            assertEquals(1, linesEqualTo(console, "blue"), console.text());
            // The Up arrow brings back the last line; Enter runs it again.
            int prompts = console.prompts();
            console.type(UP);
            console.await(text -> text.endsWith("store:get inventory colour"), WAIT, "the last line, recalled");
            console.type(ENTER);
            console.awaitPrompt(prompts, WAIT);
            console.await(text -> text.lines().filter("blue"::equals).count() == 2, WAIT, "the value again");

            run(console, "store:set inventory" + ENTER, "usage: store:set [-x|--hex] <store> <key> <value>");
            run(console, "help" + ENTER, "store:versions");
            assertTrue(console.text().lines().anyMatch(line -> line.matches("store:set +set the value of a key")),
                    "help lists the commands with their descriptions: " + console.text());
            run(console, "help store:set" + ENTER, "set - set the value of a key");
            String text = console.text();
            assertTrue(text.contains("-x, --hex   keys and values in hex (input and output)")
                    && text.contains("the store's name") && text.contains("the key") && text.contains("the value"), text);

            console.type(CTRL_D);
            assertEquals(ExitStatus.OK, console.exitStatus(WAIT), console.text());
            text = console.text();
            assertFalse(text.contains("EOFException") || text.contains("Cannot coerce") || text.contains("Exception"), text);
            assertFalse(text.contains("deleted store inventory"), "the line dropped by Ctrl-C did not run: " + text);
        }

        Path history = work.resolve("data").resolve(".history");
        assertTrue(Files.isRegularFile(history), "the history is kept in the data folder");
        try (PtyConsole console = PtyConsole.start(work, folders)) {
            console.awaitPrompt(0, WAIT);
            // The first Up arrow of the new session brings back the last line of the one before.
            run(console, UP + ENTER, "set - set the value of a key");
            console.type("stop 0" + ENTER);
            assertEquals(ExitStatus.OK, console.exitStatus(WAIT), console.text());
        }
    }

    @Test
    void commandsOnATerminalLeaveItToTheLauncherAndCtrlCStillStopsThePlatform() throws InterruptedException {
        try (PtyConsole commands = PtyConsole.start(work, append(folders, "-c", "echo started; sleep 60"))) {
            commands.await(text -> text.contains("started"), WAIT, "the first command");

            commands.type(CTRL_C);

            // 130: ended by SIGINT, after the shutdown hook stopped the framework; no console came up.
            assertEquals(130, commands.exitStatus(WAIT), commands.text());
            assertFalse(commands.text().contains("skeleton> "), commands.text());
        }
    }

    private static String[] append(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
