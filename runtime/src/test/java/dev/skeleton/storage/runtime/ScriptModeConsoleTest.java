package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console bundle gives commands and scripts, which the launcher runs itself, in this JVM
 * on the layout's bundles: Gogo's built-in commands, the usage line for wrong arguments, and no
 * console (no history file, no prompt).
 */
@Timeout(60)
class ScriptModeConsoleTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String... args) {
        List<String> all = new ArrayList<>(List.of("--data", work.resolve("data").toString(),
                "--deploy", work.resolve("deploy").toString(), "--etc", work.resolve("etc").toString(),
                "--bundles", Layout.bundles().toString(), "--engine", "memory"));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), new Properties(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void wrongArgumentsFailWithTheUsageLine() {
        int status = launch("-c", "store:create s\nstore:set s k");

        String err = this.err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitStatus.COMMAND_FAILED, status, err);
        assertEquals("-c:2: CommandException: INVALID_ARGUMENT: usage: store:set [-x|--hex] <store> <key> <value>",
                err.strip(), err);
    }

    @Test
    void scriptsHaveTheBuiltInCommandsButNoConsole() {
        int status = launch("-c", "each [a b] { echo item-$it }");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(ExitStatus.OK, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("item-a") && printed.contains("item-b"), printed);
        assertFalse(printed.contains("skeleton> "), "no prompt: " + printed);
        assertFalse(Files.exists(work.resolve("data").resolve(".history")), "no console, no history");
    }
}
