package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A configuration of PID {@value PostgresSettingsComponent#PID} as read by the component: either the
 * engine's settings, or one line that says everything wrong with it. Reading never throws, so that
 * a bad configuration costs one log line instead of the stack traces Declarative Services prints
 * for an activation that fails.
 *
 * <p>The keys are those of {@link PostgresSettings} as ConfigAdmin carries them, except that the
 * password is the private key {@value PostgresSettingsComponent#PRIVATE_PASSWORD}: by the Declarative
 * Services convention, private (dot) properties are the ones never published with a service. The
 * configuration is read by {@link PostgresSettingsComponent}, which has no service, and the
 * {@code Engine} service's component reads none (it publishes {@code engine.name} alone), so a
 * plain {@code password} would not leak through a service today; it is refused all the same, as is
 * a url carrying a password parameter (the stricter reading: the documented key stays the only
 * one, and a file that works here cannot leak its password under a component that publishes its
 * configuration, as Declarative Services does for every component with a service and a
 * configuration). Keys that the framework, ConfigAdmin,
 * FileInstall and SCR add ({@code service.*}, {@code component.*}, {@code felix.*},
 * {@code osgi.ds.*}, and {@code engine.name}) are no engine settings and are dropped.
 *
 * <p>No message shows the password or a value under an unknown key (a mistyped {@code passwd} may
 * hold it), and the url is shown without its parameters.
 *
 * @param settings the settings, or null if the configuration is refused
 * @param problem  the line saying why it is refused, or null if it is not
 */
record EngineConfiguration(PostgresSettings settings, String problem) {

    /** The keys a configuration may hold, as ConfigAdmin spells them. */
    static final List<String> KEYS = PostgresSettings.KEYS.stream()
            .map(key -> PostgresSettings.PASSWORD.equals(key) ? PostgresSettingsComponent.PRIVATE_PASSWORD : key)
            .toList();

    /** What stands for a refused url in the other checks: a url they accept. */
    private static final String REFUSED_URL = "jdbc:postgresql:";

    /** Where FileInstall records the file a configuration came from (a {@code file:} url). */
    static final String FILEINSTALL_FILENAME = "felix.fileinstall.filename";

    /**
     * Reads a configuration.
     *
     * @param properties the configuration's properties as Declarative Services passes them
     * @return the settings, or the problem
     */
    static EngineConfiguration read(Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> keys = engineKeys(properties, problems);
        problems.addAll(PostgresSettings.problems(Config.of(keys)));
        if (!problems.isEmpty()) {
            return new EngineConfiguration(null, describe(properties, problems));
        }
        return new EngineConfiguration(PostgresSettings.from(Config.of(keys)), null);
    }

    /** Whether the configuration gives an engine. */
    boolean valid() {
        return settings != null;
    }

    /**
     * The settings {@link PostgresSettings} reads: without the framework's keys, the private
     * password as {@code password}; what cannot be passed on safely is noted in {@code problems}
     * and left out.
     */
    private static Map<String, Object> engineKeys(Map<String, ?> properties, List<String> problems) {
        Map<String, Object> keys = new HashMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        // In key order, so that the line is the same for the same configuration.
        new TreeMap<String, Object>(properties).forEach((key, value) -> {
            if (Config.isFrameworkKey(key) || Engine.ENGINE_NAME_PROPERTY.equals(key)) {
                return;
            }
            if (PostgresSettings.PASSWORD.equals(key)) {
                problems.add("config key " + key + " refused (value not shown): give the password as "
                        + PostgresSettingsComponent.PRIVATE_PASSWORD + ", a private property no service publishes");
            } else if (PostgresSettings.URL.equals(key)
                    && String.valueOf(value).toLowerCase(Locale.ROOT).contains("password=")) {
                problems.add("config key " + key + " refused: it carries a password parameter (not shown); give "
                        + "the password as " + PostgresSettingsComponent.PRIVATE_PASSWORD
                        + ", a private property no service publishes");
                // Refused above, whatever else is wrong with it: kept from the other checks, which could
                // show it, and from being reported missing as well.
                keys.put(key, REFUSED_URL);
            } else if (PostgresSettingsComponent.PRIVATE_PASSWORD.equals(key)) {
                passwordOf(value, problems, keys);
            } else if (KEYS.contains(key)) {
                keys.put(key, value);
            } else {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            problems.add(0, "unknown config key(s) " + unknown + " (values not shown), expected only " + KEYS);
        }
        return keys;
    }

    private static void passwordOf(Object value, List<String> problems, Map<String, Object> keys) {
        if (value instanceof String) {
            keys.put(PostgresSettings.PASSWORD, value);
        } else {
            problems.add("invalid config value for " + PostgresSettingsComponent.PRIVATE_PASSWORD
                    + " (not shown), expected a string");
        }
    }

    /**
     * The one line: what is refused, where it came from (the file, when FileInstall made the
     * configuration), every problem, and what happens once it is fixed. Line breaks and other
     * control characters a value may carry become spaces, so it stays one line.
     */
    private static String describe(Map<String, ?> properties, List<String> problems) {
        Object file = properties.get(FILEINSTALL_FILENAME);
        String line = "postgres engine not offered: configuration " + PostgresSettingsComponent.PID
                + (file == null ? "" : " (" + file + ")") + " refused: " + String.join("; ", problems)
                + "; the engine appears once the configuration is fixed";
        return line.replaceAll("\\p{Cntrl}", " ");
    }
}
