package dev.skeleton.storage.health;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The configuration of the health checks, PID {@value #PID}: its keys, their defaults, and how a
 * value is read. The Metatype description is {@link HealthSettings}.
 *
 * <h2>Values</h2>
 * A value may be a number of any type (as ConfigAdmin keeps a typed value) or a string holding one
 * (as a {@code .cfg} file gives it). An absent key takes its default silently.
 *
 * <h2>Bad values</h2>
 * A value that is blank, not a number, not a whole number where one is needed, or out of range is
 * not used: one WARNING line names the key, the value, what is wrong and the default, and the check
 * runs with the default. Failing the activation instead would withdraw the check's
 * {@code HealthCheck} service, so a typo in the configuration would make the check disappear from
 * {@code hc:exec storage}, and with it the sign that a store is in trouble. Each check reads only
 * the keys it uses, so each bad value is named once.
 *
 * <p>Stateless.
 */
final class Settings {

    /** The configuration PID of the checks that have limits. */
    static final String PID = "dev.skeleton.storage.health";
    /** The tag of every check of this bundle: {@code hc:exec storage} runs them. */
    static final String TAG = "storage";

    /** The key of the free space below which the disk check is CRITICAL, in bytes; 0 turns it off. */
    static final String DISK_FLOOR_BYTES = "disk.floor.bytes";
    /** The key of the recent log force time above which a file store is WARN, in milliseconds. */
    static final String FSYNC_LIMIT_MILLIS = "fsync.limit.millis";
    /** The key of the checkpoint age above which a written file store is WARN, in seconds. */
    static final String CHECKPOINT_AGE_LIMIT_SECONDS = "checkpoint.age.limit.seconds";

    /**
     * 512 MiB: room for the file engine's next checkpoint (pages of up to {@code cache_size}, 64 MiB
     * by default, and a 16 MiB log segment) several times over, while a small volume of a few GiB
     * (a container, a laptop) is not reported as soon as it is half full, as 1 GiB or 10% would.
     */
    static final long DEFAULT_DISK_FLOOR_BYTES = 512L << 20;
    /**
     * 50 ms: a log force on an SSD takes well under 5 ms and on a spinning disk 10 to 30 ms; a
     * recent average above 50 ms means every {@code sync=always} write waits that long, and the
     * disk is saturated or failing.
     */
    static final double DEFAULT_FSYNC_LIMIT_MILLIS = 50;
    /**
     * 15 minutes: the file engine checkpoints after 16 MiB of log, so a busy store checkpoints
     * within seconds or minutes; a store written to for a quarter of an hour without one is
     * writing very slowly or failing to checkpoint, and its next open replays everything since.
     */
    static final long DEFAULT_CHECKPOINT_AGE_LIMIT_SECONDS = 15 * 60;

    private Settings() {
    }

    /**
     * The disk floor.
     *
     * @param properties the configuration
     * @param warnings   receives one line per bad value
     * @return bytes, at least 0
     */
    static long diskFloorBytes(Map<String, ?> properties, Consumer<String> warnings) {
        return wholeNumber(properties, DISK_FLOOR_BYTES, 0, DEFAULT_DISK_FLOOR_BYTES, warnings);
    }

    /**
     * The limits of the engine metrics check.
     *
     * @param properties the configuration
     * @param warnings   receives one line per bad value
     * @return the limits
     */
    static EngineLimits engineLimits(Map<String, ?> properties, Consumer<String> warnings) {
        double fsync = positiveNumber(properties, FSYNC_LIMIT_MILLIS, DEFAULT_FSYNC_LIMIT_MILLIS, warnings);
        long age = wholeNumber(properties, CHECKPOINT_AGE_LIMIT_SECONDS, 1, DEFAULT_CHECKPOINT_AGE_LIMIT_SECONDS,
                warnings);
        return new EngineLimits(fsync, age);
    }

    private static long wholeNumber(Map<String, ?> properties, String key, long minimum, long fallback,
                                    Consumer<String> warnings) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        Optional<BigDecimal> number = numberOf(value);
        String problem;
        if (number.isEmpty()) {
            problem = notANumber(value);
        } else if (number.get().stripTrailingZeros().scale() > 0) {
            problem = "is not a whole number";
        } else if (number.get().compareTo(BigDecimal.valueOf(minimum)) < 0) {
            problem = minimum == 0 ? "is negative" : "is below " + minimum;
        } else if (number.get().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            problem = "is too large";
        } else {
            return number.get().longValueExact();
        }
        warnings.accept(warning(key, value, problem, Long.toString(fallback)));
        return fallback;
    }

    private static double positiveNumber(Map<String, ?> properties, String key, double fallback,
                                         Consumer<String> warnings) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        Optional<BigDecimal> number = numberOf(value);
        if (number.isPresent() && number.get().signum() > 0) {
            return number.get().doubleValue();
        }
        String problem = number.isEmpty() ? notANumber(value) : "is not above 0";
        warnings.accept(warning(key, value, problem, Figures.decimal(fallback)));
        return fallback;
    }

    /** The number a value holds; empty for NaN, the infinities, and anything that is no number. */
    private static Optional<BigDecimal> numberOf(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Optional.of(BigDecimal.valueOf(d)) : Optional.empty();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof String text) {
            try {
                return Optional.of(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                // Not a number: the caller names the value.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String notANumber(Object value) {
        return value instanceof String text && text.isBlank() ? "is blank" : "is not a number";
    }

    private static String warning(String key, Object value, String problem, String fallback) {
        return "health checks configuration " + PID + ": " + key + " = \"" + value + "\" " + problem
                + "; using the default " + fallback;
    }
}
