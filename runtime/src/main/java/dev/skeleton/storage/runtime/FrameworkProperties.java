package dev.skeleton.storage.runtime;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The framework configuration of the platform: where the framework keeps its cache, the folders
 * FileInstall watches, where ConfigAdmin keeps configurations (in memory), how the Gogo console
 * starts. System properties of the framework, the Felix services, Gogo and Declarative Services
 * ({@code felix.*}, {@code org.apache.felix.*}, {@code org.osgi.framework.*}, {@code gosh.*},
 * {@code ds.*}) are passed through and win, so any of them can be tuned with {@code -D}.
 */
final class FrameworkProperties {

    /** Prefixes of system properties that reach the framework unchanged. */
    private static final String[] PASSED_THROUGH = {"felix.", "org.apache.felix.", "org.osgi.framework.", "gosh.", "ds."};

    private FrameworkProperties() {
    }

    /**
     * The framework configuration.
     *
     * @param options          the launcher's options
     * @param systemProperties the system properties to pass through
     * @return the configuration, for {@code FrameworkFactory.newFramework}
     */
    static Map<String, String> of(LauncherOptions options, Properties systemProperties) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("org.osgi.framework.storage", options.cache().toString());
        // Every start installs the platform from bundles/ afresh: an updated bundle there is always
        // the one that runs, and no state of an earlier run (or another version) lingers.
        properties.put("org.osgi.framework.storage.clean", "onFirstInit");
        // The launcher raises the start level itself, step by step (see Platform).
        properties.put("org.osgi.framework.startlevel.beginning", "1");
        // A bundle installed later from the console starts with the storage bundles.
        properties.put("felix.startlevel.bundle", Integer.toString(StartLevel.STORAGE.level()));
        properties.put("felix.log.level", "1");
        // Only errors: standard output carries the commands' results. (EventAdmin warns, for one, when
        // it stops with events still queued, which is normal at shutdown.)
        properties.put("org.apache.felix.eventadmin.LogLevel", "1");

        // FileInstall takes a comma-separated list of folders; with noInitialDelay it scans them as it
        // starts, in the framework's thread, so that what they hold is there before the storage level.
        properties.put("felix.fileinstall.dir", options.deploy() + "," + options.etc());
        properties.put("felix.fileinstall.noInitialDelay", "true");
        properties.put("felix.fileinstall.poll", "1000");
        properties.put("felix.fileinstall.start.level", Integer.toString(StartLevel.FOLDERS.level()));
        // The files of etc/ are the configuration; FileInstall must not write configurations back to
        // them. (Its write-back truncates a file that its own watcher may read at that moment, and the
        // configuration then loses every key: seen with a store configuration right after startup.)
        properties.put("felix.fileinstall.enableConfigSave", "false");
        // FileInstall logs to standard output by default (among the commands' results), with the whole
        // stack trace: 40 lines for one garbage line in a .cfg file. Through java.util.logging, the
        // launcher's one-line format applies (see Main.quietJavaLogging): the file and the problem,
        // on standard error. (FileInstall would prefer a LogService; the platform has none.)
        properties.put("felix.fileinstall.log.default", "jul");
        // ConfigAdmin keeps configurations in memory, not in the framework cache under the data
        // folder: each start builds them afresh from etc/ and the launcher anyway, and a configuration
        // may carry a secret (the postgres engine's password, perhaps read with ${env:...} from the
        // environment), which must not end up on disk beside the stores.
        properties.put("felix.cm.pm", "memory");

        // The console bundle (dev.skeleton.storage.console) opens the console on the terminal unless
        // gosh.args says --nointeractive. Without a console the launcher runs the commands itself (see
        // CommandRunner): the console bundle then only registers Gogo's built-in commands (echo,
        // each, ...) and leaves standard input alone. The console keeps its history in the data folder.
        properties.put("gosh.args", options.mode() == LauncherOptions.Mode.INTERACTIVE ? "" : "--nointeractive");
        properties.put("skeleton.console.history", options.data().resolve(".history").toString());

        for (String name : systemProperties.stringPropertyNames()) {
            if (passedThrough(name)) {
                properties.put(name, systemProperties.getProperty(name));
            }
        }
        return properties;
    }

    private static boolean passedThrough(String name) {
        for (String prefix : PASSED_THROUGH) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
