package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What the launcher knows of the multistore's configuration (PID {@value #PID}): the framework
 * properties it sets, and the file {@code <etc>/dev.skeleton.storage.multistore.cfg} that may
 * override them.
 *
 * <h2>One precedence, key by key</h2>
 * The multistore component takes {@code root.path} and {@code default.engine}
 * <ol>
 *   <li>from its ConfigAdmin configuration: in this runtime the file
 *       {@code <etc>/dev.skeleton.storage.multistore.cfg}, which FileInstall hands to ConfigAdmin;</li>
 *   <li>for a key the configuration lacks, from the framework properties
 *       {@value #ROOT_PATH_PROPERTY} and {@value #DEFAULT_ENGINE_PROPERTY}, which the launcher sets
 *       from {@code --data} (absolute) and {@code --engine} (else {@code file} when the file engine
 *       is part of the runtime, else {@code memory});</li>
 *   <li>else its built-in defaults.</li>
 * </ol>
 * A relative {@code root.path} is resolved against the working directory. The launcher writes no
 * configuration itself (it used to, and then a file silently replaced both settings at once): the
 * framework properties are the lower layer, the file the upper one, each key on its own.
 *
 * <h2>Unknown keys</h2>
 * The launcher reads the file at start ({@link Properties} format, close enough to FileInstall's for
 * naming keys) and names each key the multistore does not know, such as {@code root.pth}: the
 * multistore would ignore it, and the user would wonder why the setting does not take. The file is
 * compared exactly: configuration keys are case sensitive for the component.
 *
 * <p>Immutable; thread safe.
 */
final class MultiStoreConfiguration {

    /** The multistore's configuration PID. */
    static final String PID = "dev.skeleton.storage.multistore";
    /** The key of the stores' root folder. */
    static final String ROOT_PATH = "root.path";
    /** The key of the engine of stores created without one. */
    static final String DEFAULT_ENGINE = "default.engine";
    /** Every key the multistore knows, in the order the warnings list them. */
    static final List<String> KEYS = List.of(ROOT_PATH, DEFAULT_ENGINE);
    /** The framework property that gives {@code root.path} when the configuration does not. */
    static final String ROOT_PATH_PROPERTY = PID + "." + ROOT_PATH;
    /** The framework property that gives {@code default.engine} when the configuration does not. */
    static final String DEFAULT_ENGINE_PROPERTY = PID + "." + DEFAULT_ENGINE;

    private final Path file;
    private final Properties keys;
    private final List<String> warnings;

    private MultiStoreConfiguration(Path file, Properties keys, List<String> warnings) {
        this.file = file;
        this.keys = keys;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The configuration file, whether it exists or not.
     *
     * @param etc the folder FileInstall watches for configurations
     * @return {@code <etc>/dev.skeleton.storage.multistore.cfg}
     */
    static Path fileIn(Path etc) {
        return etc.resolve(PID + ".cfg");
    }

    /**
     * The framework properties that give the multistore its settings where the file does not.
     *
     * @param data          the data folder, absolute
     * @param defaultEngine the default engine the launcher chose
     * @return {@value #ROOT_PATH_PROPERTY} and {@value #DEFAULT_ENGINE_PROPERTY}
     */
    static Map<String, String> frameworkProperties(Path data, String defaultEngine) {
        return Map.of(ROOT_PATH_PROPERTY, data.toAbsolutePath().normalize().toString(),
                DEFAULT_ENGINE_PROPERTY, defaultEngine);
    }

    /**
     * Reads the file of a configuration folder; a missing file is an empty configuration.
     *
     * @param etc the folder FileInstall watches for configurations, absolute
     * @return what the file sets, and a warning per unknown key (or one if it cannot be read)
     */
    static MultiStoreConfiguration read(Path etc) {
        Path file = fileIn(etc);
        Properties keys = new Properties();
        List<String> warnings = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                keys.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                warnings.add(file + ": cannot read it (" + e.getMessage() + ")");
            }
        }
        for (String key : new TreeSet<>(keys.stringPropertyNames())) {
            // An empty key is a garbage line, which FileInstall reports itself (with the file).
            if (!key.isEmpty() && !KEYS.contains(key)) {
                warnings.add(file + ": unknown key " + key + " (known: " + String.join(", ", KEYS) + ")");
            }
        }
        return new MultiStoreConfiguration(file, keys, warnings);
    }

    /**
     * The file.
     *
     * @return {@code <etc>/dev.skeleton.storage.multistore.cfg}, absolute
     */
    Path file() {
        return file;
    }

    /**
     * Whether the file sets a key, and so overrides the framework property (a blank value does
     * not: the multistore takes it as absent).
     *
     * @param key {@link #ROOT_PATH} or {@link #DEFAULT_ENGINE}
     * @return true if the file gives the key a value
     */
    boolean sets(String key) {
        String value = keys.getProperty(key);
        return value != null && !value.isBlank();
    }

    /**
     * What is wrong with the file: one line per unknown key, or one if it cannot be read.
     *
     * @return the warnings, each naming the file
     */
    List<String> warnings() {
        return warnings;
    }
}
