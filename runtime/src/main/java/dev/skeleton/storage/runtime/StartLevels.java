package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which platform bundle starts at which {@link StartLevel}, by symbolic name, read from
 * {@code start-levels.properties} beside this class. A bundle that is not listed starts at
 * {@link StartLevel#STORAGE}, so that a new engine added to the runtime needs no entry.
 *
 * <p>Immutable.
 */
final class StartLevels {

    private static final String RESOURCE = "start-levels.properties";

    private final Map<String, StartLevel> bySymbolicName;

    StartLevels(Map<String, StartLevel> bySymbolicName) {
        this.bySymbolicName = Map.copyOf(bySymbolicName);
    }

    /**
     * The plan shipped with the launcher.
     *
     * @return the start levels of {@code start-levels.properties}
     * @throws IllegalStateException if the resource names a level that does not exist
     */
    static StartLevels standard() {
        try (InputStream in = StartLevels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher");
            }
            Properties properties = new Properties();
            properties.load(in);
            return of(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * A plan from properties of the form {@code symbolic.name = LEVEL_NAME}.
     *
     * @param properties the plan
     * @return the start levels
     * @throws IllegalStateException naming the entry whose level does not exist
     */
    static StartLevels of(Properties properties) {
        Map<String, StartLevel> levels = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String level = properties.getProperty(name).trim();
            try {
                levels.put(name, StartLevel.valueOf(level));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("unknown start level " + level + " for bundle " + name, e);
            }
        }
        return new StartLevels(levels);
    }

    /**
     * The level of a bundle.
     *
     * @param symbolicName the bundle's symbolic name
     * @return its level; {@link StartLevel#STORAGE} if it is not listed
     */
    StartLevel of(String symbolicName) {
        return bySymbolicName.getOrDefault(symbolicName, StartLevel.STORAGE);
    }
}
