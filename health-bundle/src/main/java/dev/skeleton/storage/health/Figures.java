package dev.skeleton.storage.health;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the checks write figures in their results: sizes in binary units, durations in the largest
 * units that keep them exact enough to act on ("1 h 2 min", not "1h" for 62 minutes), decimals
 * without trailing zeros.
 *
 * <p>Stateless.
 */
final class Figures {

    private static final String[] BINARY_UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Figures() {
    }

    /**
     * A size: "812 bytes", "512 MiB", "4.7 GiB" (one decimal below 10 of a unit).
     *
     * @param bytes a size, at least 0
     * @return the text
     */
    static String bytes(long bytes) {
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        int decimals = value < 10 ? 1 : 0;
        return decimal(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.DOWN).doubleValue())
                + " " + BINARY_UNITS[unit];
    }

    /**
     * A duration: "250 ms", "12.5 s", "14 min 3 s", "2 h 5 min", "3 d 4 h".
     *
     * @param millis a duration, at least 0
     * @return the text
     */
    static String duration(long millis) {
        if (millis < SECOND) {
            return millis + " ms";
        }
        if (millis < MINUTE) {
            return decimal(BigDecimal.valueOf(millis, 3).setScale(1, RoundingMode.DOWN).doubleValue()) + " s";
        }
        if (millis < HOUR) {
            return pair(millis / MINUTE, "min", millis % MINUTE / SECOND, "s");
        }
        if (millis < DAY) {
            return pair(millis / HOUR, "h", millis % HOUR / MINUTE, "min");
        }
        return pair(millis / DAY, "d", millis % DAY / HOUR, "h");
    }

    /**
     * A short duration given in microseconds, in milliseconds to two decimals: "0.85 ms", "12.3 ms"
     * (ASCII, unlike "µs", whatever the console's encoding).
     *
     * @param micros a duration, at least 0
     * @return the text
     */
    static String micros(double micros) {
        return decimal(Math.round(micros / 10) / 100.0) + " ms";
    }

    /**
     * A decimal as briefly as it is exact: 50.0 as "50", 2.5 as "2.5".
     *
     * @param value a finite number
     * @return the text
     */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String pair(long major, String majorUnit, long minor, String minorUnit) {
        return minor == 0 ? major + " " + majorUnit : major + " " + majorUnit + " " + minor + " " + minorUnit;
    }
}
