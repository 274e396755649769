package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Starts the platform and does what the options ask: open the Gogo console, or run commands and
 * exit with a status that says whether they failed.
 *
 * <h2>Startup, level by level</h2>
 * <ol>
 *   <li>the data folder is locked (see {@link FolderLock}), before the framework exists: a second
 *       platform on the same data fails here, with exit status 3, and touches nothing of the
 *       first (not its stores, its catalog or its framework cache);</li>
 *   <li>{@code etc/dev.skeleton.storage.multistore.cfg} is read, to name the keys the multistore
 *       does not know; the framework is created with the multistore's settings as framework
 *       properties, which that file overrides key by key (see {@link MultiStoreConfiguration});</li>
 *   <li>the bundles of {@code bundles/} are installed (all of them before any starts);</li>
 *   <li>{@link StartLevel#FRAMEWORK_SERVICES}: SCR, ConfigAdmin, EventAdmin, Metatype;</li>
 *   <li>{@link StartLevel#FOLDERS}: FileInstall scans {@code deploy/} and {@code etc/};</li>
 *   <li>{@link StartLevel#STORAGE} and {@link StartLevel#COMMANDS}: the storage bundles, Gogo and the
 *       store commands, which the launcher waits for;</li>
 *   <li>{@link StartLevel#WEB}, with {@code --web} only: the web console (see {@link WebConsole}), whose
 *       HTTP server the launcher waits for. Without {@code --web} its bundles are not installed;</li>
 *   <li>{@link StartLevel#CONSOLE}: the Gogo console (without a console only its built-in commands).</li>
 * </ol>
 * Then the settings the multistore runs with are read back from it (see {@link EffectiveStores}):
 * the banner prints them, and a warning names a setting given on the command line that the file
 * overrides.
 *
 * <p>The framework is stopped when the console stops it ({@code stop 0}, end of input), when the
 * commands are done, or by the shutdown hook (Ctrl-C): bundles stop in reverse order, so the
 * multistore closes and flushes its stores while the engines are still there. The folder locks are
 * released once the framework has stopped; if it does not stop in time they stay until the process
 * ends, which follows.
 */
final class Launcher {

    /** The symbolic name of the persistent engine's bundle; when present, it is the default engine. */
    static final String FILE_ENGINE_BUNDLE = "dev.skeleton.storage.file";
    private static final String STORE_COMMANDS = "(osgi.command.scope=store)";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final LauncherOptions options;
    private final Properties systemProperties;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Instant started;

    /**
     * A launcher.
     *
     * @param options          what to do
     * @param systemProperties properties passed through to the framework
     * @param in               the commands' standard input
     * @param out              results, the banner
     * @param err              failures, warnings, the startup report
     * @param started          when the JVM started, for the startup time
     */
    Launcher(LauncherOptions options, Properties systemProperties, InputStream in, PrintStream out, PrintStream err,
             Instant started) {
        this.options = options;
        this.systemProperties = systemProperties;
        this.in = in;
        this.out = out;
        this.err = err;
        this.started = started;
    }

    /**
     * Starts the platform, does the work, stops the platform.
     *
     * @return the exit status (see {@link ExitStatus})
     */
    int run() {
        try {
            return launch();
        } catch (LaunchException e) {
            err.println("skeleton: " + e.getMessage());
            return e.exitStatus();
        }
    }

    private int launch() throws LaunchException {
        // Read the commands first: a missing script fails before anything starts.
        Script script = options.mode() == LauncherOptions.Mode.INTERACTIVE ? null : readScript();
        PlatformBundles bundles = PlatformBundles.scan(options.bundles(), StartLevels.standard())
                .forWebConsole(options.web().isPresent());
        bundles.skipped().forEach(line -> err.println("skeleton: skipped " + line));
        String defaultEngine = options.defaultEngine()
                .orElse(bundles.contains(FILE_ENGINE_BUNDLE) ? "file" : "memory");
        createFolders();
        List<FolderLock> locks = lockFolders();
        boolean stopped = true;
        try {
            MultiStoreConfiguration file = MultiStoreConfiguration.read(options.etc());
            file.warnings().forEach(warning -> err.println("skeleton: warning: " + warning));
            WebConsole web = webConsole(bundles);
            Platform platform = Platform.create(frameworkProperties(defaultEngine, web));
            Thread shutdownHook = new Thread(() -> platform.stop(STOP_TIMEOUT), "skeleton-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            try {
                EffectiveStores stores = start(platform, bundles, file, web);
                String webLine = web == null ? null : web.describe(bundles.contains(WebConsole.STORAGE_PAGE_BUNDLE));
                return script == null ? console(platform, stores, webLine) : runCommands(platform, script, webLine);
            } finally {
                stopped = platform.stop(STOP_TIMEOUT);
                removeShutdownHook(shutdownHook);
            }
        } finally {
            if (stopped) {
                locks.forEach(FolderLock::release);
            }
        }
    }

    /**
     * Locks the data folder, and the cache folder when it is not inside the data folder, so that
     * no other platform uses them while this one runs (see {@link FolderLock}).
     */
    private List<FolderLock> lockFolders() throws LaunchException {
        FolderLock data = FolderLock.inside(options.data(), "the data folder");
        if (options.cache().startsWith(options.data())) {
            return List.of(data);
        }
        try {
            Files.createDirectories(options.cache().getParent());
            return List.of(data, FolderLock.beside(options.cache(), "the cache folder"));
        } catch (IOException e) {
            data.release();
            throw new LaunchException(ExitStatus.START_FAILED, "cannot create the folder of the cache "
                    + options.cache() + ": " + e, e);
        } catch (LaunchException e) {
            data.release();
            throw e;
        }
    }

    /**
     * The web console asked for with {@code --web}, with its credentials from {@code etc/} (made
     * there the first time), once its address is known to be free; null without {@code --web}.
     */
    private WebConsole webConsole(PlatformBundles bundles) throws LaunchException {
        if (options.web().isEmpty()) {
            return null;
        }
        WebAddress address = options.web().get();
        WebConsole.requireBundles(bundles, options.bundles());
        WebConsole.requireFree(address);
        WebCredentials credentials = WebCredentials.of(options.etc(), new SecureRandom());
        credentials.warnings().forEach(warning -> err.println("skeleton: warning: " + warning));
        return new WebConsole(address, credentials);
    }

    /** The framework's properties, with the multistore's settings from the options and the web console's. */
    private Map<String, String> frameworkProperties(String defaultEngine, WebConsole web) {
        Map<String, String> properties = new TreeMap<>(FrameworkProperties.of(options, systemProperties));
        properties.putAll(MultiStoreConfiguration.frameworkProperties(options.data(), defaultEngine));
        if (web != null) {
            properties.putAll(web.frameworkProperties());
        }
        return properties;
    }

    private Script readScript() throws LaunchException {
        if (options.commands().isPresent()) {
            return Script.parse("-c", options.commands().get());
        }
        String script = options.script().orElseThrow();
        try {
            if (script.equals("-")) {
                return Script.parse("stdin", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return Script.parse(script, Files.readString(Path.of(script)));
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.USAGE, "cannot read the script " + script + ": " + e.getMessage(), e);
        }
    }

    private void createFolders() throws LaunchException {
        for (Path folder : List.of(options.data(), options.deploy(), options.etc())) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new LaunchException(ExitStatus.START_FAILED, "cannot create the folder " + folder + ": " + e, e);
            }
        }
    }

    private EffectiveStores start(Platform platform, PlatformBundles bundles, MultiStoreConfiguration file,
                                  WebConsole web) throws LaunchException {
        Duration timeout = options.startTimeout();
        BundleContext context = platform.context();
        platform.install(bundles.bundles());
        EffectiveStores stores;
        // The unknown keys of the file are named once, by the launcher, naming the file (see UnknownKeyEcho).
        try (UnknownKeyEcho echo = file.warnings().isEmpty() ? null : UnknownKeyEcho.install()) {
            platform.raiseTo(StartLevel.COMMANDS, timeout);
            ServiceWait.await(context, STORE_COMMANDS, timeout, "the store commands");
            StartLevel required = StartLevel.COMMANDS;
            if (web != null) {
                required = StartLevel.WEB;
                platform.raiseTo(required, timeout);
            }
            requireStarted(platform, bundles, required);
            if (web != null) {
                web.awaitListening(context);
            }
            ServiceReference<?> multistore = ServiceWait.await(context,
                    "(objectClass=" + EffectiveStores.MULTISTORE + ")", timeout, "the multistore");
            stores = EffectiveStores.read(context, multistore, file, options.data(), Path.of("").toAbsolutePath());
        }
        stores.overrides(options).forEach(warning -> err.println("skeleton: warning: " + warning));
        if (!engines(context).contains(stores.defaultEngine())) {
            err.println("skeleton: warning: the default engine " + stores.defaultEngine()
                    + " is not installed; stores created without an engine fail until it is");
        }
        return stores;
    }

    /**
     * Every platform bundle up to a level (the commands, or the web console with {@code --web})
     * runs; errors of other bundles are only reported.
     */
    private void requireStarted(Platform platform, PlatformBundles bundles, StartLevel level) throws LaunchException {
        List<PlatformBundle> started = bundles.bundles().stream()
                .filter(bundle -> bundle.startLevel().compareTo(level) <= 0)
                .toList();
        List<String> inactive = platform.inactive(started);
        platform.errors().forEach(error -> err.println("skeleton: error: " + error));
        if (!inactive.isEmpty()) {
            throw new LaunchException(ExitStatus.START_FAILED, "the platform did not start: " + inactive);
        }
    }

    private int console(Platform platform, EffectiveStores stores, String webLine) throws LaunchException {
        out.println(banner(platform.context(), stores, webLine));
        platform.raiseTo(StartLevel.CONSOLE, options.startTimeout());
        platform.awaitStop(Duration.ZERO);
        return ExitStatus.OK;
    }

    private int runCommands(Platform platform, Script script, String webLine) throws LaunchException {
        platform.raiseTo(StartLevel.CONSOLE, options.startTimeout());
        if (webLine != null) {
            // Standard output carries the commands' results.
            err.println("skeleton: web console: " + webLine);
        }
        if (options.verbose()) {
            err.println("skeleton: started in " + startupMillis() + " ms; " + Footprint.measure().describe());
        }
        BundleContext context = platform.context();
        ServiceReference<?> reference = ServiceWait.await(context, "(objectClass=" + GogoSession.PROCESSOR + ")",
                options.startTimeout(), "the Gogo command processor");
        Object processor = context.getService(reference);
        try (GogoSession session = GogoSession.open(processor, in, out, err)) {
            return new CommandRunner(session, out, err, platform::isActive).run(script);
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * The console's banner: what runs and where, as the running platform says (the stores' folder
     * and default engine as the multistore has them, with the file that set them), every path
     * absolute. The data folder gets a line of its own only when the stores are elsewhere: it still
     * holds the platform's lock and, by default, the framework cache. With {@code --web}, where the
     * web console is and where its password is.
     */
    private String banner(BundleContext context, EffectiveStores stores, String webLine) {
        String version = Launcher.class.getPackage().getImplementationVersion();
        String footprint = options.verbose() ? "; " + Footprint.measure().describe() : "";
        List<String> lines = new ArrayList<>();
        lines.add("Skeleton Storage " + (version == null ? "(development)" : version)
                + ", started in " + startupMillis() + " ms" + footprint);
        lines.add("  engines: " + String.join(", ", engines(context)) + " (" + stores.engineNote() + ")");
        lines.add("  stores:  " + stores.rootLine());
        if (!stores.root().equals(options.data())) {
            lines.add("  data:    " + options.data()
                    + "  (the platform's own: its lock, the framework cache, the console history)");
        }
        lines.add("  deploy:  " + options.deploy() + "  (engine bundles dropped here come and go)");
        lines.add("  etc:     " + options.etc() + "  (.cfg files: stores, the multistore, the postgres engine)");
        if (webLine != null) {
            lines.add("  web:     " + webLine);
        }
        lines.add("Try store:engines, store:create users, store:set users alice admin, store:get users alice.");
        lines.add("'help' lists every command, 'help store:scan' explains one; 'stop 0' or Ctrl-D quits.");
        return String.join(System.lineSeparator(), lines);
    }

    private long startupMillis() {
        return Duration.between(started, Instant.now()).toMillis();
    }

    /**
     * The names of the engines there now. A registered engine service is not enough: a Declarative
     * Services component is registered before it is activated, and one whose activation fails (the
     * postgres engine with a bad configuration) stays registered but gives no engine.
     */
    private static TreeSet<String> engines(BundleContext context) {
        TreeSet<String> names = new TreeSet<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null, "(engine.name=*)");
            if (references != null) {
                Arrays.stream(references).filter(reference -> usable(context, reference))
                        .map(reference -> String.valueOf(reference.getProperty("engine.name")))
                        .forEach(names::add);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter", e);
        }
        return names;
    }

    /** Whether a service gives a service object (it may have gone meanwhile, or fail to activate). */
    private static boolean usable(BundleContext context, ServiceReference<?> reference) {
        try {
            return context.getService(reference) != null;
        } catch (RuntimeException e) {
            // Unregistered meanwhile.
            return false;
        } finally {
            try {
                context.ungetService(reference);
            } catch (RuntimeException e) {
                // Unregistered meanwhile: nothing to give back.
            }
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook has run already.
        }
    }
}
