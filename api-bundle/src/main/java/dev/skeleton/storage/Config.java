package dev.skeleton.storage;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable map of configuration keys to values, with typed getters that check what they read.
 *
 * <h2>Values</h2>
 * Keys are non-null strings; values are non-null objects, typically {@link String},
 * {@link Boolean}, {@link Integer} or {@link Long} (as ConfigAdmin and {@code .cfg} files give
 * them). The typed getters accept:
 * <ul>
 *   <li>numbers given as {@link Byte}, {@link Short}, {@link Integer}, {@link Long} or a decimal
 *       string (surrounding blanks ignored), such as {@code 100} or {@code "100"}; fractions
 *       ({@link Double}, {@code "1.5"}) are not numbers here;</li>
 *   <li>booleans given as {@link Boolean} or the exact strings {@code "true"} and {@code "false"}
 *       (other spellings such as {@code "yes"} or {@code "TRUE"} are refused, so that a typo cannot
 *       silently mean false).</li>
 * </ul>
 * A value of the wrong type, or out of the range a getter is given, is
 * {@link ErrorCode#INVALID_CONFIG} with a message naming the key and the value. An absent key gives
 * the default the caller passes.
 *
 * <h2>Unknown keys</h2>
 * Engines call {@link #requireKnownKeys(String, Collection)} so that a typo in a key fails instead
 * of being ignored; keys that an OSGi framework or ConfigAdmin adds ({@code service.*},
 * {@code component.*}, {@code felix.*}) are always allowed.
 *
 * <p>Instances are immutable and safe to share between threads. Two configs are equal when their
 * maps are equal.
 */
public final class Config {

    private static final Config EMPTY = new Config(new TreeMap<>());

    /**
     * Key prefixes that OSGi frameworks, ConfigAdmin, Declarative Services and containers add; never
     * engine configuration. {@code osgi.ds.}: SCR 2.2 adds the satisfying condition to a component's
     * properties. {@code org.apache.karaf.features.}: Karaf adds {@code configKey} to every
     * configuration a feature brings.
     */
    private static final String[] FRAMEWORK_PREFIXES =
        {"service.", "component.", "felix.", "osgi.ds.", "org.apache.karaf.features."};

    /** Sorted, so that {@link #toString()} and error messages are stable. Never modified. */
    private final Map<String, Object> values;

    private Config(TreeMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * The empty configuration.
     *
     * @return a config with no keys
     */
    public static Config empty() {
        return EMPTY;
    }

    /**
     * A configuration holding a copy of {@code values}.
     *
     * @param values keys to values; null is read as empty
     * @return the config
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} if a key or a value is null
     */
    public static Config of(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, Object> copy = new TreeMap<>();
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new StorageException(ErrorCode.INVALID_CONFIG,
                        "config keys and values must not be null, got " + entry.getKey() + "="
                                + entry.getValue());
            }
            copy.put(entry.getKey(), entry.getValue());
        }
        return new Config(copy);
    }

    /**
     * A configuration of alternating keys and values, for short literals:
     * {@code Config.of("max_versions", 10, "sync", "always")}.
     *
     * @param keysAndValues key, value, key, value, &hellip;
     * @return the config
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for an odd count, a non-string key
     *         or a null
     */
    public static Config of(Object... keysAndValues) {
        if (keysAndValues == null || keysAndValues.length % 2 != 0) {
            throw new StorageException(ErrorCode.INVALID_CONFIG,
                    "config needs key-value pairs, got " + Arrays.toString(keysAndValues));
        }
        TreeMap<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String key)) {
                throw new StorageException(ErrorCode.INVALID_CONFIG,
                        "config key must be a string, got " + keysAndValues[i]);
            }
            if (keysAndValues[i + 1] == null) {
                throw new StorageException(ErrorCode.INVALID_CONFIG,
                        "config value of " + key + " must not be null");
            }
            map.put(key, keysAndValues[i + 1]);
        }
        return of(map);
    }

    /**
     * This config with {@code overrides} laid on top: keys of {@code overrides} win.
     *
     * @param overrides the config whose values win; null is read as empty
     * @return the merged config
     */
    public Config merge(Config overrides) {
        if (overrides == null || overrides.values.isEmpty()) {
            return this;
        }
        TreeMap<String, Object> merged = new TreeMap<>(values);
        merged.putAll(overrides.values);
        return new Config(merged);
    }

    /**
     * This config with one key set.
     *
     * @param key   the key
     * @param value the value
     * @return a new config
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} if key or value is null
     */
    public Config with(String key, Object value) {
        return merge(of(key, value));
    }

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true if present
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /**
     * The raw value of a key.
     *
     * @param key the key
     * @return the value, or null if absent
     */
    public Object get(String key) {
        return values.get(key);
    }

    /**
     * All entries, sorted by key.
     *
     * @return an unmodifiable view
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Whether the config has no keys.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * A number in {@code [min, max]}.
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent (not range-checked)
     * @param min          smallest accepted value
     * @param max          largest accepted value
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for a non-number or a value out of
     *         range, naming key and value
     */
    public long getLong(String key, long defaultValue, long min, long max) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value = toLong(key, raw);
        if (value < min || value > max) {
            throw invalid(key, raw, "a number from " + min + " to " + max);
        }
        return value;
    }

    /**
     * A number of any {@code long} value.
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for a non-number
     */
    public long getLong(String key, long defaultValue) {
        return getLong(key, defaultValue, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * A number in {@code [min, max]} that fits an {@code int}.
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent
     * @param min          smallest accepted value
     * @param max          largest accepted value
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for a non-number or a value out of
     *         range
     */
    public int getInt(String key, int defaultValue, int min, int max) {
        return (int) getLong(key, defaultValue, min, max);
    }

    /**
     * A number of any {@code int} value.
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for a non-number or one beyond
     *         {@code int}
     */
    public int getInt(String key, int defaultValue) {
        return getInt(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A boolean: {@link Boolean}, {@code "true"} or {@code "false"}.
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for anything else
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        if ("true".equals(raw)) {
            return true;
        }
        if ("false".equals(raw)) {
            return false;
        }
        throw invalid(key, raw, "true or false");
    }

    /**
     * A string.
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} if the value is not a string
     */
    public String getString(String key, String defaultValue) {
        Object raw = values.get(key);
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof String s) {
            return s;
        }
        throw invalid(key, raw, "a string");
    }

    /**
     * A string that must be one of {@code allowed} (compared exactly).
     *
     * @param key          the key
     * @param defaultValue the answer when the key is absent
     * @param allowed      the accepted values
     * @return the value
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} for a non-string or a value not
     *         allowed, listing the allowed ones
     */
    public String getChoice(String key, String defaultValue, String... allowed) {
        String value = getString(key, defaultValue);
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw invalid(key, value, "one of " + String.join(", ", allowed));
    }

    /**
     * Fails if a key is neither in {@code known} nor added by an OSGi framework or ConfigAdmin
     * ({@code service.*}, {@code component.*}, {@code felix.*}).
     *
     * @param owner what the config is for, for the message (an engine name)
     * @param known the keys the owner understands
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} naming every unknown key and the
     *         known ones
     */
    public void requireKnownKeys(String owner, Collection<String> known) {
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!known.contains(key) && !isFrameworkKey(key)) {
                unknown.add(key + "=" + entry.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "unknown config key(s) for " + owner
                    + ": " + unknown + "; known keys: " + new TreeSet<>(known));
        }
    }

    /**
     * Whether a key is one that OSGi frameworks, ConfigAdmin, Declarative Services or a container add
     * to a configuration, and engines ignore.
     *
     * @param key the key
     * @return true for {@code service.*}, {@code component.*}, {@code felix.*}, {@code osgi.ds.*}
     *         and {@code org.apache.karaf.features.*}
     */
    public static boolean isFrameworkKey(String key) {
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static long toLong(String key, Object raw) {
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                throw invalid(key, raw, "a whole number");
            }
        }
        throw invalid(key, raw, "a whole number");
    }

    private static StorageException invalid(String key, Object raw, String expected) {
        String shown = raw instanceof String ? "\"" + raw + "\"" : raw + " (" + raw.getClass().getSimpleName() + ")";
        return new StorageException(ErrorCode.INVALID_CONFIG,
                "invalid config value for " + key + ": " + shown + ", expected " + expected);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Config" + values;
    }
}
