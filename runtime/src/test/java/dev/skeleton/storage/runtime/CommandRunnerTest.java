package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> executed = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** Answers "result of <statement>", fails statements starting with "fail", returns null for "quiet". */
    private final Shell shell = new Shell() {
        @Override
        public Object execute(String statement) throws Exception {
            executed.add(statement);
            if (statement.startsWith("fail")) {
                throw new IllegalStateException("KEY_NOT_FOUND: " + statement);
            }
            if (statement.equals("stop 0")) {
                running.set(false);
            }
            return statement.equals("quiet") || statement.equals("stop 0") ? null : List.of(statement);
        }

        @Override
        public String format(Object result) {
            return "result of " + ((List<?>) result).get(0);
        }
    };

    private int run(String text) {
        CommandRunner runner = new CommandRunner(shell, print(out), print(err), running::get);
        return runner.run(Script.parse("script.gogo", text));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void everyStatementRunsAndEveryResultIsPrinted() {
        assertEquals(ExitStatus.OK, run("a\nquiet\nb"));

        assertEquals(List.of("a", "quiet", "b"), executed);
        assertEquals("result of a\nresult of b\n", text(out));
        assertEquals("", text(err));
    }

    @Test
    void theFirstFailureEndsTheRunWithOneLineNamingWhere() {
        assertEquals(ExitStatus.COMMAND_FAILED, run("a\n\nfail here\nb"));

        assertEquals(List.of("a", "fail here"), executed);
        assertEquals("result of a\n", text(out));
        assertEquals("script.gogo:3: IllegalStateException: KEY_NOT_FOUND: fail here\n", text(err));
    }

    @Test
    void nothingRunsAfterThePlatformStops() {
        assertEquals(ExitStatus.OK, run("a; stop 0; b"));

        assertEquals(List.of("a", "stop 0"), executed);
    }

    @Test
    void anEmptyScriptSucceeds() {
        assertEquals(ExitStatus.OK, run("# nothing to do\n"));
        assertEquals(List.of(), executed);
    }
}
