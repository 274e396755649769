package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStoreConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The settings of the multistore component, resolved from its configuration, the framework's
 * properties and the built-in defaults.
 *
 * <h2>Precedence</h2>
 * Each of {@value #ROOT_PATH} and {@value #DEFAULT_ENGINE} comes from the first of:
 * <ol>
 *   <li>the ConfigAdmin configuration {@value MultiStoreComponent#PID}, when it has the key (a
 *       blank value counts as absent, and says so);</li>
 *   <li>the framework property {@value #ROOT_PATH_PROPERTY} or {@value #DEFAULT_ENGINE_PROPERTY}
 *       ({@code BundleContext.getProperty}: the launcher's settings, or a system property);</li>
 *   <li>the built-in default: {@value #DEFAULT_ROOT} and {@value MultiStoreConfig#DEFAULT_ENGINE}.</li>
 * </ol>
 * A relative root path is resolved against the working directory: the multistore always works on,
 * and reports, an absolute, normalized path.
 *
 * <h2>Unknown keys</h2>
 * A configuration key that is neither {@value #ROOT_PATH} nor {@value #DEFAULT_ENGINE} nor one that
 * a framework or container adds (as {@link Config#isFrameworkKey} says: {@code service.*},
 * {@code osgi.ds.*}, Karaf's {@code org.apache.karaf.features.*} and others), nor a private key
 * starting with a dot is a
 * typo until proven otherwise: {@link #warnings()} names it, in one line with the known keys.
 *
 * @param rootPath      the absolute root directory
 * @param defaultEngine the engine of stores created without one
 * @param rootSource    where the root path came from, for the log
 * @param engineSource  where the default engine came from, for the log
 * @param warnings      one line per problem found (unknown keys, blank or unusable values)
 */
record MultiStoreSetup(Path rootPath, String defaultEngine, String rootSource, String engineSource,
                       List<String> warnings) {

    /** The configuration key of the root directory. */
    static final String ROOT_PATH = "root.path";
    /** The configuration key of the default engine. */
    static final String DEFAULT_ENGINE = "default.engine";
    /** The framework property that gives the root when the configuration does not. */
    static final String ROOT_PATH_PROPERTY = MultiStoreComponent.PID + "." + ROOT_PATH;
    /** The framework property that gives the default engine when the configuration does not. */
    static final String DEFAULT_ENGINE_PROPERTY = MultiStoreComponent.PID + "." + DEFAULT_ENGINE;
    /** The root without configuration and framework property. */
    static final String DEFAULT_ROOT = "./data";

    private static final String FROM_CONFIGURATION = "configuration " + MultiStoreComponent.PID;
    private static final String FROM_DEFAULT = "built-in default";

    /**
     * Resolves the settings.
     *
     * @param configuration     the component's properties (configuration plus what the framework adds)
     * @param frameworkProperty the framework's properties, for example {@code BundleContext::getProperty}
     * @param workingDirectory  what a relative root is relative to
     * @return the settings, with the warnings to log
     */
    static MultiStoreSetup resolve(Map<String, ?> configuration, Function<String, String> frameworkProperty,
                                   Path workingDirectory) {
        List<String> warnings = new ArrayList<>();
        unknownKeys(configuration).ifPresent(warnings::add);
        Setting root = setting(configuration, ROOT_PATH, frameworkProperty, ROOT_PATH_PROPERTY, DEFAULT_ROOT, warnings);
        Setting engine = setting(configuration, DEFAULT_ENGINE, frameworkProperty, DEFAULT_ENGINE_PROPERTY,
                MultiStoreConfig.DEFAULT_ENGINE, warnings);
        Path rootPath;
        try {
            rootPath = workingDirectory.resolve(root.value()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            warnings.add("multistore configuration: " + ROOT_PATH + " \"" + root.value() + "\" (from " + root.source()
                    + ") is no path (" + e.getMessage() + "); using the built-in default " + DEFAULT_ROOT);
            rootPath = workingDirectory.resolve(DEFAULT_ROOT).toAbsolutePath().normalize();
            root = new Setting(DEFAULT_ROOT, FROM_DEFAULT);
        }
        return new MultiStoreSetup(rootPath, engine.value(), root.source(), engine.source(), List.copyOf(warnings));
    }

    /** A value and where it came from. */
    private record Setting(String value, String source) {
    }

    private static Setting setting(Map<String, ?> configuration, String key, Function<String, String> frameworkProperty,
                                   String property, String builtIn, List<String> warnings) {
        Object configured = configuration.get(key);
        if (configured != null && !String.valueOf(configured).isBlank()) {
            return new Setting(String.valueOf(configured).strip(), FROM_CONFIGURATION);
        }
        String fromFramework = frameworkProperty.apply(property);
        Setting fallback = fromFramework != null && !fromFramework.isBlank()
                ? new Setting(fromFramework.strip(), "framework property " + property)
                : new Setting(builtIn, FROM_DEFAULT);
        if (configured != null) {
            warnings.add("multistore configuration: " + key + " is blank; using " + fallback.value() + " (from "
                    + fallback.source() + ")");
        }
        return fallback;
    }

    private static Optional<String> unknownKeys(Map<String, ?> configuration) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : configuration.keySet()) {
            if (!key.equals(ROOT_PATH) && !key.equals(DEFAULT_ENGINE) && !isAddedByTheFramework(key)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("multistore configuration: unknown key" + (unknown.size() == 1 ? " " : "s ")
                + String.join(", ", unknown) + " (known: " + ROOT_PATH + ", " + DEFAULT_ENGINE + ")");
    }

    /** Keys that ConfigAdmin, Declarative Services, FileInstall or a container add, and private keys. */
    static boolean isAddedByTheFramework(String key) {
        return Config.isFrameworkKey(key) || key.startsWith(".");
    }

    /** One line for the log: where the multistore works and with which default engine, and why. */
    String describe() {
        return "multistore at " + rootPath + " (" + ROOT_PATH + " from " + rootSource + "), default engine "
                + defaultEngine + " (from " + engineSource + ")";
    }

    /** The configuration of a {@code DefaultMultiStore} with these settings. */
    MultiStoreConfig multiStoreConfig() {
        return new MultiStoreConfig(rootPath, defaultEngine, Map.of());
    }
}
