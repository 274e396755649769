package dev.skeleton.storage.runtime;

import java.io.PrintStream;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link Script} in a {@link Shell} the way the console would, one statement at a time:
 * each result that is not null is printed as the console prints it, and the first statement that
 * fails ends the run with one line on standard error,
 * {@code <source>:<line>: <exception type>: <message>} (the store commands' messages start with
 * their error code, such as {@code KEY_NOT_FOUND}).
 *
 * <p>Running the statements here, rather than handing them to Gogo's own script runner, is what
 * gives the launcher an exit status: Gogo reports a failing script but the framework, and the JVM,
 * would go on running.
 *
 * <h2>{@code stop 0}: nothing runs after it</h2>
 * A statement that stops the system bundle ({@code stop 0} or {@code felix:stop 0}, with options or
 * other bundles beside) ends the run with status 0 without being handed to Gogo: the launcher then
 * stops the platform, as after the last statement. Executing it would not do: the framework stops
 * asynchronously (Felix starts a thread and returns, and the framework stays ACTIVE until that
 * thread gets to it), so the statements after it would run, or not, depending on the race, and
 * fail when the platform goes away under them. Other ways of stopping the framework (a closure, a
 * command of a bundle) are caught by checking the framework's state before each statement, which is
 * as timely as the framework makes it.
 *
 * <p>Thread safety: one run at a time, on the caller's thread.
 */
final class CommandRunner {

    private final Shell shell;
    private final PrintStream out;
    private final PrintStream err;
    private final BooleanSupplier platformRunning;

    /**
     * A runner.
     *
     * @param shell           where the statements run
     * @param out             where results go
     * @param err             where the failure goes
     * @param platformRunning false once the platform is stopping (a {@code stop 0} in the script, or
     *                        Ctrl-C): the statements after that are not run
     */
    CommandRunner(Shell shell, PrintStream out, PrintStream err, BooleanSupplier platformRunning) {
        this.shell = shell;
        this.out = out;
        this.err = err;
        this.platformRunning = platformRunning;
    }

    /**
     * Runs the statements until one fails or the platform stops.
     *
     * @param script the statements
     * @return {@link ExitStatus#OK}, or {@link ExitStatus#COMMAND_FAILED} if a statement failed
     */
    int run(Script script) {
        for (Script.Statement statement : script.statements()) {
            if (!platformRunning.getAsBoolean() || stopsTheFramework(statement.text())) {
                return ExitStatus.OK;
            }
            try {
                Object result = shell.execute(statement.text());
                if (result != null) {
                    out.println(shell.format(result));
                }
            } catch (Exception e) {
                err.println(script.source() + ":" + statement.line() + ": " + describe(e));
                return ExitStatus.COMMAND_FAILED;
            }
        }
        return ExitStatus.OK;
    }

    /**
     * Whether a statement stops the framework: the command {@code stop} (or {@code felix:stop})
     * with the system bundle's id, 0, among its arguments.
     *
     * @param statement one statement of a script
     * @return true for {@code stop 0}, {@code felix:stop -t 0}, {@code stop 5 0}
     */
    static boolean stopsTheFramework(String statement) {
        String[] words = statement.strip().split("\\s+");
        if (!words[0].equals("stop") && !words[0].equals("felix:stop")) {
            return false;
        }
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals("0")) {
                return true;
            }
        }
        return false;
    }

    /** The line the Gogo console prints for a failure, without its "gogo: " prefix. */
    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
