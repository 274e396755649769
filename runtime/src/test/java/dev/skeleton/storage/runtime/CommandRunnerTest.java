package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandRunnerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> executed = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /**
     * Answers "result of <statement>", fails statements starting with "fail", returns null for "quiet";
     * "shutdown" stops the platform as a command other than {@code stop 0} may.
     */
    private final Shell shell = new Shell() {
        @Override
        public Object execute(String statement) throws Exception {
            executed.add(statement);
            if (statement.startsWith("fail")) {
                throw new IllegalStateException("KEY_NOT_FOUND: " + statement);
            }
            if (statement.equals("shutdown")) {
                running.set(false);
            }
            return statement.equals("quiet") || statement.equals("shutdown") ? null : List.of(statement);
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
        assertEquals(ExitStatus.OK, run("a; shutdown; b"));

        assertEquals(List.of("a", "shutdown"), executed);
    }

    /**
     * Issue 15, defect 8: the framework stops asynchronously, so it is still ACTIVE when
     * {@code stop 0} returns. The runner must not depend on when the framework gets to it: here the
     * shell "stops" the platform only later, as Felix's shutdown thread does.
     */
    @Test
    void nothingRunsAfterStop0EvenWhileTheFrameworkIsStillActive() {
        Shell asynchronous = new Shell() {
            @Override
            public Object execute(String statement) {
                executed.add(statement);
                return null;
            }

            @Override
            public String format(Object result) {
                return String.valueOf(result);
            }
        };
        CommandRunner runner = new CommandRunner(asynchronous, print(out), print(err), () -> true);

        for (String stop : List.of("stop 0", "felix:stop 0", "  stop   -t 0 ", "stop 5 0")) {
            executed.clear();
            assertEquals(ExitStatus.OK, runner.run(Script.parse("stdin", "a\n" + stop + "\necho AFTER\nfail later")), stop);
            assertEquals(List.of("a"), executed, stop);
        }
        assertEquals("", text(err));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stop 0|true", "felix:stop 0|true", "stop -t 0|true", "stop 3 0|true",
        "stop 5|false", "stop 10|false", "echo stop 0|false", "stopper 0|false", "store:stop 0|false", "start 0|false"})
    void aStatementThatStopsTheFrameworkIsRecognised(String statement, boolean stops) {
        assertEquals(stops, CommandRunner.stopsTheFramework(statement), statement);
    }

    @Test
    void anEmptyScriptSucceeds() {
        assertEquals(ExitStatus.OK, run("# nothing to do\n"));
        assertEquals(List.of(), executed);
    }
}
