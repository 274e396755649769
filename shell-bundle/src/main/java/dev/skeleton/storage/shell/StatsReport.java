package dev.skeleton.storage.shell;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.LatencyPercentiles;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of {@code store:stats}: one store's figures, one per line under the names its MBean
 * shows them by, or a table of every store.
 *
 * <p>Thread-safe: it holds nothing but the thread-safe multistore.
 */
final class StatsReport {

    private final MultiStore stores;

    /**
     * Reports over a multistore.
     *
     * @param stores the multistore
     * @throws StorageException INVALID_ARGUMENT if {@code stores} is null
     */
    StatsReport(MultiStore stores) {
        if (stores == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "the stats commands need a multistore");
        }
        this.stores = stores;
    }

    /**
     * Every store in a table: operations by group, bytes and the 99th percentile of reads and
     * writes.
     *
     * @return the table, or a line saying there are no stores
     */
    String all() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"store", "engine", "available", "reads", "writes", "commits", "failed", "read",
            "written", "p99 read", "p99 write"});
        for (String name : stores.listStores()) {
            StoreStats stats;
            try {
                stats = stores.storeStats(name);
            } catch (StorageException deletedMeanwhile) {
                continue;
            }
            rows.add(new String[] {name, stats.engine(), stats.available() ? "yes" : "no",
                String.valueOf(stats.count(StoreStats.GET) + stats.count(StoreStats.HAS)
                        + stats.count(StoreStats.ITERATE)),
                String.valueOf(stats.count(StoreStats.SET) + stats.count(StoreStats.DELETE)),
                String.valueOf(stats.count(StoreStats.COMMIT)),
                String.valueOf(stats.count(StoreStats.FAILED)),
                bytes(stats.bytesRead()), bytes(stats.bytesWritten()),
                p99(stats.latency(StoreStats.READS)), p99(stats.latency(StoreStats.WRITES))});
        }
        return rows.size() == 1 ? "(no stores)" : String.join("\n", Columns.align(rows));
    }

    /**
     * One store's every figure, one per line: name, engine, availability, versions, bytes,
     * {@code operations.<kind>}, {@code latency.<group>.<figure>} and {@code engine.<metric>}.
     *
     * @param store the store's name
     * @return the lines
     */
    String one(String store) {
        StoreStats stats = stores.storeStats(store);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"store", stats.name()});
        rows.add(new String[] {"engine", stats.engine()});
        rows.add(new String[] {"available", stats.available() ? "yes" : "no"});
        rows.add(new String[] {"versions", stats.versions() < 0 ? "-" : String.valueOf(stats.versions())});
        rows.add(new String[] {"bytes_read", String.valueOf(stats.bytesRead())});
        rows.add(new String[] {"bytes_written", String.valueOf(stats.bytesWritten())});
        stats.operations().forEach((kind, count) -> rows.add(new String[] {"operations." + kind, count.toString()}));
        for (Map.Entry<String, LatencyPercentiles> group : stats.latencies().entrySet()) {
            LatencyPercentiles latency = group.getValue();
            String prefix = "latency." + group.getKey() + ".";
            rows.add(new String[] {prefix + "samples", String.valueOf(latency.samples())});
            boolean none = latency.samples() == 0;
            rows.add(new String[] {prefix + "p50", none ? "-" : micros(latency.p50Nanos())});
            rows.add(new String[] {prefix + "p90", none ? "-" : micros(latency.p90Nanos())});
            rows.add(new String[] {prefix + "p99", none ? "-" : micros(latency.p99Nanos())});
            rows.add(new String[] {prefix + "p999", none ? "-" : micros(latency.p999Nanos())});
            rows.add(new String[] {prefix + "max", none ? "-" : micros(latency.maxNanos())});
        }
        stats.engineMetrics().forEach((metric, value) -> rows.add(new String[] {"engine." + metric,
            value instanceof Double || value instanceof Float
                    ? String.format(Locale.ROOT, "%.2f", value.doubleValue()) : value.toString()}));
        return String.join("\n", Columns.align(rows));
    }

    /** A duration in microseconds, with one decimal. */
    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1000.0);
    }

    private static String p99(LatencyPercentiles latency) {
        return latency.samples() == 0 ? "-" : micros(latency.p99Nanos());
    }

    /** Bytes in B, KiB, MiB or GiB, with one decimal above bytes. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
