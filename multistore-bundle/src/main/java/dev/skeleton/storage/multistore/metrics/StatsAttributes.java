package dev.skeleton.storage.multistore.metrics;

import dev.skeleton.storage.LatencyPercentiles;
import dev.skeleton.storage.StoreStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of a store's stats by flat names, as its MBean's attributes and {@code store:stats}
 * show them: {@code available}, {@code versions}, {@code bytes_read}, {@code bytes_written},
 * {@code operations.<kind>}, {@code latency.<group>.<figure>} (figures {@code samples},
 * {@code p50_nanos}, {@code p90_nanos}, {@code p99_nanos}, {@code p999_nanos}, {@code max_nanos})
 * and {@code engine.<metric>} for each metric the engine reports.
 */
public final class StatsAttributes {

    private StatsAttributes() {
    }

    /**
     * The flat figures of {@code stats}, in a stable order.
     *
     * @param stats a store's stats
     * @return a new map of name to {@code String}, {@code Boolean}, {@code Long} or the engine's
     *         {@code Number}
     */
    public static Map<String, Object> of(StoreStats stats) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", stats.name());
        figures.put("engine", stats.engine());
        figures.put("available", stats.available());
        figures.put("versions", stats.versions());
        figures.put("bytes_read", stats.bytesRead());
        figures.put("bytes_written", stats.bytesWritten());
        stats.operations().forEach((kind, count) -> figures.put("operations." + kind, count));
        stats.latencies().forEach((group, latency) -> putLatency(figures, "latency." + group + ".", latency));
        stats.engineMetrics().forEach((metric, value) -> figures.put("engine." + metric, value));
        return figures;
    }

    private static void putLatency(Map<String, Object> figures, String prefix, LatencyPercentiles latency) {
        figures.put(prefix + "samples", latency.samples());
        figures.put(prefix + "p50_nanos", latency.p50Nanos());
        figures.put(prefix + "p90_nanos", latency.p90Nanos());
        figures.put(prefix + "p99_nanos", latency.p99Nanos());
        figures.put(prefix + "p999_nanos", latency.p999Nanos());
        figures.put(prefix + "max_nanos", latency.maxNanos());
    }
}
