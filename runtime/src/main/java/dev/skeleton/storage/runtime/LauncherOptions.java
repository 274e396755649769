package dev.skeleton.storage.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the launcher was asked to do, from its command line with system properties as fallbacks:
 * where the folders are, which engine is the default, and whether to open the console or run
 * commands and exit.
 *
 * <p>Every folder is absolute. Relative ones are resolved against the working directory, except
 * {@code bundles/}, which lives in the launcher's home (the folder of {@code skeleton.jar}).
 *
 * <p>Immutable.
 */
final class LauncherOptions {

    /** What the launcher does once the platform is up. */
    enum Mode {
        /** The Gogo console, until {@code stop 0}, end of input or Ctrl-C. */
        INTERACTIVE,
        /** The commands of {@code -c}, then exit. */
        COMMANDS,
        /** The commands of a script file ({@code -} for standard input), then exit. */
        SCRIPT
    }

    /** The command line help. */
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: skeleton [options] [script | -]",
            "Starts the Skeleton Storage platform. Without a script or -c, opens the Gogo console",
            "(store:engines, store:create ..., 'help' lists the commands; 'stop 0' or Ctrl-D quits).",
            "",
            "  -c, --command <commands>  run the commands (separated by ';' or new lines), print their",
            "                            results and exit: 0 if all succeeded, 1 at the first failure",
            "  script                    run the commands of a file the same way; '-' reads standard input",
            "  --data <dir>              where the stores live     (skeleton.data, default ./data); one",
            "                            platform at a time: a second one on it is refused (status 3)",
            "  --deploy <dir>            bundles watched here are installed, updated and removed while",
            "                            the platform runs         (skeleton.deploy, default ./deploy)",
            "  --etc <dir>               .cfg files watched here become configurations",
            "                                                      (skeleton.etc, default ./etc)",
            "  --engine <name>           engine of stores created without one",
            "                            (skeleton.default.engine, default file if present, else memory)",
            "  --bundles <dir>           the platform bundles      (skeleton.bundles, default <home>/bundles)",
            "  --cache <dir>             the framework's cache, emptied at each start; not a folder that",
            "                            holds the data    (skeleton.cache, default <data>/.framework)",
            "  --web [port]              turn the web console on: the Felix Web Console with the storage",
            "                            page, at http://127.0.0.1:<port>/system/console (default port 8080);",
            "                            the user and password are in <etc>/webconsole.password, made with a",
            "                            random password at the first start with --web",
            "  --web-host <address>      the interface the web console listens on (default 127.0.0.1, this",
            "                            machine only; 0.0.0.0 for every interface)",
            "  -v, --verbose             print the startup time and memory footprint (standard error)",
            "  -h, --help                print this help",
            "",
            "System properties (-Dname=value before the options) set the same things; properties of the",
            "framework and its services (felix.*, org.apache.felix.*, org.osgi.framework.*, gosh.*, ds.*)",
            "pass through to the framework. etc/dev.skeleton.storage.multistore.cfg (root.path,",
            "default.engine) wins over --data and --engine, key by key. -Dskeleton.debug=true adds stack",
            "traces to the log lines.",
            "Exit status: 0 success, 1 a command failed, 2 bad command line, 3 the platform did not start",
            "(or its data folder is in use by another platform).");

    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private final Mode mode;
    private final String commands;
    private final String script;
    private final Path data;
    private final Path deploy;
    private final Path etc;
    private final Path bundles;
    private final Path cache;
    private final String defaultEngine;
    private final String dataGivenBy;
    private final String engineGivenBy;
    private final Duration startTimeout;
    private final WebAddress web;
    private final boolean verbose;
    private final boolean help;

    private LauncherOptions(Parser parser) {
        this.mode = parser.commands != null ? Mode.COMMANDS : parser.script != null ? Mode.SCRIPT : Mode.INTERACTIVE;
        this.commands = parser.commands;
        this.script = parser.script;
        this.data = parser.data;
        this.deploy = parser.deploy;
        this.etc = parser.etc;
        this.bundles = parser.bundles;
        this.cache = parser.cache;
        this.defaultEngine = parser.engine;
        this.dataGivenBy = parser.dataGivenBy;
        this.engineGivenBy = parser.engineGivenBy;
        this.startTimeout = parser.startTimeout;
        this.web = parser.webPort == null ? null
                : new WebAddress(parser.webHost == null ? WebAddress.DEFAULT_HOST : parser.webHost, parser.webPort);
        this.verbose = parser.verbose;
        this.help = parser.help;
    }

    /**
     * Reads the command line.
     *
     * @param args       the arguments
     * @param properties system properties by name (null when unset)
     * @param workingDir the directory relative folders are resolved against
     * @param home       the launcher's home, where {@code bundles/} is by default
     * @return the options
     * @throws LaunchException {@link ExitStatus#USAGE}, naming what is wrong
     */
    static LauncherOptions parse(List<String> args, UnaryOperator<String> properties, Path workingDir, Path home)
            throws LaunchException {
        Parser parser = new Parser(properties, workingDir.toAbsolutePath().normalize());
        parser.read(new ArrayDeque<>(args));
        parser.applyDefaults(home);
        return new LauncherOptions(parser);
    }

    /** What to do after start. @return the mode */
    Mode mode() {
        return mode;
    }

    /** The text of {@code -c}. @return the commands, present in {@link Mode#COMMANDS} */
    Optional<String> commands() {
        return Optional.ofNullable(commands);
    }

    /** The script argument. @return a file path or {@code -}, present in {@link Mode#SCRIPT} */
    Optional<String> script() {
        return Optional.ofNullable(script);
    }

    /** The multistore's root. @return an absolute path */
    Path data() {
        return data;
    }

    /** The folder FileInstall watches for bundles. @return an absolute path */
    Path deploy() {
        return deploy;
    }

    /** The folder FileInstall watches for configurations. @return an absolute path */
    Path etc() {
        return etc;
    }

    /** The platform bundles. @return an absolute path */
    Path bundles() {
        return bundles;
    }

    /** The framework's cache. @return an absolute path */
    Path cache() {
        return cache;
    }

    /** The default engine asked for. @return the engine name, empty to let the launcher choose */
    Optional<String> defaultEngine() {
        return Optional.ofNullable(defaultEngine);
    }

    /**
     * How the data folder was given, for messages about it being overridden.
     *
     * @return {@code --data} or {@code skeleton.data}; empty when it is the default
     */
    Optional<String> dataGivenBy() {
        return Optional.ofNullable(dataGivenBy);
    }

    /**
     * How the default engine was given, for messages about it being overridden.
     *
     * @return {@code --engine} or {@code skeleton.default.engine}; empty when the launcher chooses
     */
    Optional<String> engineGivenBy() {
        return Optional.ofNullable(engineGivenBy);
    }

    /** How long the platform may take to come up. @return the timeout */
    Duration startTimeout() {
        return startTimeout;
    }

    /**
     * Where the web console listens, if it was asked for.
     *
     * @return the address with {@code --web}; empty without it (the platform then has no HTTP server)
     */
    Optional<WebAddress> web() {
        return Optional.ofNullable(web);
    }

    /** Whether to report startup time and footprint. @return true with {@code -v} */
    boolean verbose() {
        return verbose;
    }

    /** Whether only the help was asked for. @return true with {@code -h} */
    boolean help() {
        return help;
    }

    /** One pass over the arguments; the fields are what was given, then the defaults. */
    private static final class Parser {
        private final UnaryOperator<String> properties;
        private final Path workingDir;
        private String commands;
        private String script;
        private Path data;
        private Path deploy;
        private Path etc;
        private Path bundles;
        private Path cache;
        private String engine;
        private String dataGivenBy;
        private String engineGivenBy;
        private Duration startTimeout;
        private Integer webPort;
        private String webHost;
        private boolean verbose;
        private boolean help;

        Parser(UnaryOperator<String> properties, Path workingDir) {
            this.properties = properties;
            this.workingDir = workingDir;
        }

        void read(Deque<String> args) throws LaunchException {
            boolean optionsEnded = false;
            while (!args.isEmpty()) {
                String arg = args.removeFirst();
                if (optionsEnded || arg.equals("-") || !arg.startsWith("-")) {
                    positional(arg);
                } else if (arg.equals("--")) {
                    optionsEnded = true;
                } else {
                    option(arg, args);
                }
            }
            if (commands != null && script != null) {
                throw usage("give either -c <commands> or a script, not both");
            }
            if (webHost != null && webPort == null) {
                throw usage("--web-host needs --web");
            }
        }

        private void option(String arg, Deque<String> args) throws LaunchException {
            // --name=value is accepted as well as --name value.
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            String inline = name.equals(arg) ? null : arg.substring(equals + 1);
            switch (name) {
                case "-c", "--command" -> commands = value(name, inline, args);
                case "--data" -> {
                    data = path(value(name, inline, args));
                    dataGivenBy = name;
                }
                case "--deploy" -> deploy = path(value(name, inline, args));
                case "--etc" -> etc = path(value(name, inline, args));
                case "--bundles" -> bundles = path(value(name, inline, args));
                case "--cache" -> cache = path(value(name, inline, args));
                case "--engine" -> {
                    engine = engineName(value(name, inline, args));
                    engineGivenBy = name;
                }
                case "--web" -> webPort = webPort(inline, args);
                case "--web-host" -> webHost = webHost(value(name, inline, args));
                case "-v", "--verbose" -> verbose = flag(name, inline);
                case "-h", "--help" -> help = flag(name, inline);
                default -> throw usage("unknown option " + name);
            }
        }

        private void positional(String arg) throws LaunchException {
            if (script != null) {
                throw usage("unexpected argument " + arg + " after the script " + script);
            }
            script = arg;
        }

        private static String value(String name, String inline, Deque<String> args) throws LaunchException {
            if (inline != null) {
                return inline;
            }
            if (args.isEmpty()) {
                throw usage(name + " needs a value");
            }
            return args.removeFirst();
        }

        private static boolean flag(String name, String inline) throws LaunchException {
            if (inline != null) {
                throw usage(name + " takes no value");
            }
            return true;
        }

        /**
         * The port of {@code --web}: its inline value, else the next argument if it is a number (a
         * script name is not), else the default.
         */
        private static int webPort(String inline, Deque<String> args) throws LaunchException {
            String given = inline;
            if (given == null && !args.isEmpty() && args.peekFirst().matches("[0-9]+")) {
                given = args.removeFirst();
            }
            if (given == null) {
                return WebAddress.DEFAULT_PORT;
            }
            try {
                int port = Integer.parseInt(given.strip());
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // Reported below, with the value.
            }
            throw usage("--web takes a port from 1 to 65535, not " + given);
        }

        private static String webHost(String host) throws LaunchException {
            if (host.isBlank()) {
                throw usage("--web-host needs an address, such as 127.0.0.1 or 0.0.0.0");
            }
            return host.strip();
        }

        private static String engineName(String name) throws LaunchException {
            if (name.isBlank()) {
                throw usage("--engine needs an engine name");
            }
            return name.strip();
        }

        void applyDefaults(Path home) throws LaunchException {
            if (data == null && properties.apply("skeleton.data") != null) {
                dataGivenBy = "skeleton.data";
            }
            data = orDefault(data, "skeleton.data", "data");
            deploy = orDefault(deploy, "skeleton.deploy", "deploy");
            etc = orDefault(etc, "skeleton.etc", "etc");
            cache = orDefault(cache, "skeleton.cache", data.resolve(".framework").toString());
            if (bundles == null) {
                String property = properties.apply("skeleton.bundles");
                bundles = property != null ? path(property) : home.resolve("bundles").toAbsolutePath().normalize();
            }
            if (engine == null && properties.apply("skeleton.default.engine") != null) {
                engine = engineName(properties.apply("skeleton.default.engine"));
                engineGivenBy = "skeleton.default.engine";
            }
            if (data.startsWith(cache)) {
                // The framework deletes its cache folder when it cleans it, at every start.
                throw usage("the cache folder " + cache + " would hold the data folder " + data
                        + ": the framework empties it at each start");
            }
            startTimeout = timeout(properties.apply("skeleton.start.timeout"));
        }

        private Path orDefault(Path given, String property, String fallback) {
            if (given != null) {
                return given;
            }
            String value = properties.apply(property);
            return path(value != null ? value : fallback);
        }

        private Path path(String value) {
            return workingDir.resolve(value).toAbsolutePath().normalize();
        }

        private static Duration timeout(String seconds) throws LaunchException {
            if (seconds == null) {
                return DEFAULT_START_TIMEOUT;
            }
            try {
                long value = Long.parseLong(seconds.strip());
                if (value > 0) {
                    return Duration.ofSeconds(value);
                }
            } catch (NumberFormatException e) {
                // Reported below, with the value.
            }
            throw usage("skeleton.start.timeout must be a positive number of seconds, not " + seconds);
        }

        private static LaunchException usage(String message) {
            return new LaunchException(ExitStatus.USAGE, message);
        }
    }
}
