package dev.skeleton.storage.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entry point of {@code skeleton.jar}: {@code java -jar skeleton.jar [options] [script | -]}
 * starts the Skeleton Storage platform (see {@code --help}). The JVM exits with the launcher's
 * status: 0 success, 1 a command failed, 2 a bad command line, 3 the platform did not start (or its
 * data folder is in use by another platform, see {@link FolderLock}).
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the launcher and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        quietJavaLogging(System.getProperties());
        System.exit(run(args, System.getProperties(), System.in, System.out, System.err));
    }

    /**
     * Keeps standard error for warnings and failures, one line each, as the framework's own log
     * level does (see {@link FrameworkProperties}): {@code java.util.logging} messages below WARNING
     * are dropped, such as the lines the postgres engine's connection pool writes each time it
     * starts and stops, which would otherwise surround every command's output; and the root
     * logger's handlers write each record as one line (see {@link OneLineLogFormatter}), with its
     * stack trace only when {@code -Dskeleton.debug=true}. FileInstall logs through
     * {@code java.util.logging} too (see {@link FrameworkProperties}), so a broken {@code .cfg} file
     * gives one line. The Web Console's warning that the storage page is a {@code javax.servlet}
     * plugin, which it is on purpose, is dropped (see {@link WebConsoleLogFilter}). A JVM given a
     * logging configuration of its own
     * ({@code -Djava.util.logging.config.file=...} or {@code ...config.class}) keeps it untouched.
     *
     * @param systemProperties the system properties
     */
    static void quietJavaLogging(Properties systemProperties) {
        if (systemProperties.getProperty("java.util.logging.config.file") != null
                || systemProperties.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        // The root logger: LogManager holds it for the JVM's lifetime, so the level sticks.
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        Formatter oneLine = new OneLineLogFormatter(
                Boolean.parseBoolean(systemProperties.getProperty(OneLineLogFormatter.STACK_TRACES)));
        for (Handler handler : root.getHandlers()) {
            handler.setFormatter(oneLine);
        }
        WebConsoleLogFilter.install();
    }

    /**
     * Runs the launcher without exiting.
     *
     * @param args             the command line
     * @param systemProperties the system properties
     * @param in               standard input
     * @param out              standard output
     * @param err              standard error
     * @return the exit status
     */
    static int run(String[] args, Properties systemProperties, InputStream in, PrintStream out, PrintStream err) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(List.of(args), systemProperties::getProperty, Path.of(""),
                    home(systemProperties));
        } catch (LaunchException e) {
            err.println("skeleton: " + e.getMessage() + " (skeleton --help tells the options)");
            return e.exitStatus();
        }
        if (options.help()) {
            out.println(LauncherOptions.USAGE);
            return ExitStatus.OK;
        }
        return new Launcher(options, systemProperties, in, out, err, jvmStart()).run();
    }

    /**
     * The launcher's home, where {@code bundles/} is: the {@code skeleton.home} property, else the
     * folder of {@code skeleton.jar}, else the working directory.
     */
    static Path home(Properties systemProperties) {
        String home = systemProperties.getProperty("skeleton.home");
        if (home != null) {
            return Path.of(home);
        }
        CodeSource source = Main.class.getProtectionDomain().getCodeSource();
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Not loaded from a file: fall back to the working directory.
        }
        return Path.of("");
    }

    /**
     * When the JVM started, so that the startup time includes the JVM's own. The JVM's record, not
     * the process start time of the operating system, which Linux gives only to within a second.
     */
    private static Instant jvmStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
