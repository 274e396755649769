package dev.skeleton.storage.shell;

import dev.skeleton.storage.TransferProgress;
import dev.skeleton.storage.TransferReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the transfer commands ({@code store:export}, {@code import}, {@code verify}, {@code copy},
 * {@code move}) write numbers, sizes and times: the progress line and the totals of a finished
 * transfer.
 *
 * <ul>
 *   <li>counts with thousands separators: {@code 1,000,000}; the locale is fixed, so output and
 *       scripts that read it do not depend on the machine;</li>
 *   <li>sizes in binary units with one decimal ({@code 116.0 MiB}), the units of the API's own
 *       figures ("16 MiB"); below 1 KiB in bytes ({@code 512 B});</li>
 *   <li>times as a person reads them: {@code 215 ms}, {@code 4.1 s}, {@code 2 min 5 s},
 *       {@code 1 h 2 min}.</li>
 * </ul>
 */
final class TransferFormat {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final double ROUNDS_TO_NEXT_UNIT = 1024 - 0.05;

    private TransferFormat() {
    }

    /**
     * One progress line: {@code export users: 412,000/1,000,000 entries (41%), 48.2 MiB, 98,500/s, 6 s left};
     * where the total is unknown, the count alone and no time left.
     *
     * @param verb     what is being done: {@code export}, {@code import} …
     * @param progress how far it has come
     * @return the line, without a line break
     */
    static String progress(String verb, TransferProgress progress) {
        List<String> parts = new ArrayList<>();
        parts.add(entriesSoFar(progress));
        parts.add(bytes(progress.bytes()));
        parts.add(count(Math.round(progress.entriesPerSecond())) + "/s");
        Duration remaining = progress.remaining();
        if (remaining != null) {
            parts.add(duration(remaining) + " left");
        }
        return verb + " " + progress.storeName() + ": " + String.join(", ", parts);
    }

    /**
     * The totals of a finished transfer: {@code 1,000,000 entries, 116.0 MiB, hash <64 hex digits>, 4.1 s}.
     *
     * @param report what the transfer did
     * @return the totals
     */
    static String totals(TransferReport report) {
        return entries(report.entries()) + ", " + bytes(report.bytes()) + ", hash " + report.hashHex() + ", "
                + duration(report.elapsed());
    }

    /**
     * A number of entries with its noun: {@code 1 entry}, {@code 2,000 entries}.
     *
     * @param entries the number
     * @return the text
     */
    static String entries(long entries) {
        return count(entries) + (entries == 1 ? " entry" : " entries");
    }

    /**
     * A count with thousands separators.
     *
     * @param count the count
     * @return the text, such as {@code 1,000,000}
     */
    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /**
     * A size: bytes below 1 KiB, else the largest binary unit that keeps the number at 1 or more,
     * with one decimal.
     *
     * @param bytes the size; negative sizes are shown as they are, in bytes
     * @return the text, such as {@code 512 B} or {@code 116.0 MiB}
     */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        // A value that one decimal would round up to 1024.0 moves to the next unit: 1.0 MiB, not 1024.0 KiB.
        while (value >= ROUNDS_TO_NEXT_UNIT && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /**
     * A time: milliseconds below a second, seconds with one decimal below a minute, then minutes
     * and seconds, then hours and minutes (rounded down: a remaining time is an estimate, and an
     * elapsed time past a minute needs no more).
     *
     * @param duration the time; negative is shown as zero
     * @return the text, such as {@code 215 ms}, {@code 4.1 s}, {@code 2 min 5 s}, {@code 1 h 2 min}
     */
    static String duration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            // Tenths rounded down, so that 59,999 ms reads 59.9 s and never 60.0 s.
            return String.format(Locale.ROOT, "%d.%d s", millis / 1000, millis % 1000 / 100);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static String entriesSoFar(TransferProgress progress) {
        long expected = progress.expectedEntries();
        if (expected < 0) {
            return entries(progress.entries());
        }
        long percent = expected == 0 ? 100 : (long) Math.min(100, progress.entries() * 100.0 / expected);
        return count(progress.entries()) + "/" + count(expected) + " entries (" + percent + "%)";
    }
}
