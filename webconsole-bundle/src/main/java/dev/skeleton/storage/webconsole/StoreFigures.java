package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.LatencyPercentiles;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StoreStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The answer of {@code stats.json}: one store's counters and latencies, read by the page every two
 * seconds for its charts.
 *
 * <p>The counters only grow (while the store's handle lives), so the page computes operations per
 * second from two successive answers: the difference of a count divided by the difference of
 * {@code millis}, a monotonic clock of the server (not the time of day, which may jump). The groups
 * the rates chart draws are summed here: {@code reads} ({@code get}, {@code has}, iterations),
 * {@code writes} ({@code set}, {@code delete}), {@code commits}; every kind is in
 * {@code operations} as well. Latencies are the multistore's percentiles in nanoseconds, by group
 * ({@code reads}, {@code writes}, {@code commits}).
 *
 * <p>Thread-safe: it holds only a clock.
 */
final class StoreFigures {

    private final LongSupplier nanoClock;

    /**
     * Figures stamped with a clock.
     *
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    StoreFigures(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * One store's figures now.
     *
     * @param stores the multistore
     * @param name   the store
     * @return the JSON model
     */
    Map<String, Object> of(MultiStore stores, String name) {
        StoreStats stats = stores.storeStats(name);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("store", stats.name());
        model.put("engine", stats.engine());
        model.put("available", stats.available());
        model.put("millis", TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong()));
        model.put("reads", stats.count(StoreStats.GET) + stats.count(StoreStats.HAS)
                + stats.count(StoreStats.ITERATE));
        model.put("writes", stats.count(StoreStats.SET) + stats.count(StoreStats.DELETE));
        model.put("commits", stats.count(StoreStats.COMMIT));
        model.put("failed", stats.count(StoreStats.FAILED));
        model.put("operations", stats.operations());
        model.put("bytesRead", stats.bytesRead());
        model.put("bytesWritten", stats.bytesWritten());
        Map<String, Object> latencies = new LinkedHashMap<>();
        for (String group : new String[] {StoreStats.READS, StoreStats.WRITES, StoreStats.COMMITS}) {
            latencies.put(group, latency(stats.latency(group)));
        }
        model.put("latencies", latencies);
        model.put("versions", stats.versions() >= 0 ? stats.versions() : null);
        model.put("engineMetrics", stats.engineMetrics());
        return model;
    }

    private static Map<String, Object> latency(LatencyPercentiles percentiles) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("samples", percentiles.samples());
        model.put("p50Nanos", percentiles.p50Nanos());
        model.put("p90Nanos", percentiles.p90Nanos());
        model.put("p99Nanos", percentiles.p99Nanos());
        model.put("p999Nanos", percentiles.p999Nanos());
        model.put("maxNanos", percentiles.maxNanos());
        return model;
    }
}
