package dev.skeleton.storage.shell;

import java.io.PrintStream;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;

/**
 * Where a transfer command shows its progress: the console of the Gogo session that runs it, or
 * {@link System#out} where there is none.
 *
 * <h2>Why not a session parameter</h2>
 * Gogo would inject the session into a command method whose first parameter is a
 * {@link CommandSession}. But a method signature that names a Gogo type ties the class to Gogo:
 * where the optional Gogo import is not wired, reflection over the class's methods fails with
 * {@link NoClassDefFoundError} (Declarative Services looks for the component's activate method
 * with {@code getDeclaredMethods()}, and Felix SCR logs that failure as a warning at every
 * activation; a plain Java caller cannot even look the command up). So the command classes name no
 * Gogo type, and the session is found here instead, through Gogo's {@link Job.Utils#current()}:
 * the job the current thread runs, whose session's console is the terminal even when the
 * command's output goes into a pipe or a variable.
 *
 * <h2>Why a command must know it runs in a job</h2>
 * Ctrl-C makes the JLine shell interrupt the foreground job ({@link Job#interrupt()}); in Gogo 1.1
 * that ends the job at once with an {@link InterruptedException}, which the shell prints, and
 * discards whatever the command then returns or throws. A stopped transfer that must say what it
 * left behind therefore says it on the console too when it runs in a job ({@link #inJob()}).
 *
 * @param stream the console
 * @param inJob  whether the command runs in a Gogo job
 */
record SessionConsole(PrintStream stream, boolean inJob) {

    /**
     * The console of the current thread's Gogo session.
     *
     * @return the session's console, or {@link System#out} outside a Gogo job or without Gogo
     */
    static SessionConsole current() {
        try {
            Job job = Job.Utils.current();
            CommandSession session = job == null ? null : job.session();
            PrintStream console = session == null ? null : session.getConsole();
            return console == null ? new SessionConsole(System.out, job != null) : new SessionConsole(console, true);
        } catch (LinkageError e) {
            // Gogo is not wired to this bundle: there is no session to show progress in.
            return new SessionConsole(System.out, false);
        }
    }
}
