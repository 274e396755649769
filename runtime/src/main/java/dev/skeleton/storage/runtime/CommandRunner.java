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
            if (!platformRunning.getAsBoolean()) {
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

    /** The line the Gogo console prints for a failure, without its "gogo: " prefix. */
    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
