package dev.skeleton.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types of metrics. */
class StatsTypesTest {

    private static void assertInvalid(Runnable construction) {
        StorageException e = assertThrows(StorageException.class, construction::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    private static StoreStats stats(Map<String, Long> operations, Map<String, LatencyPercentiles> latencies,
            Map<String, Number> engineMetrics) {
        return new StoreStats("users", "file", true, operations, 10, 20, latencies, 2, engineMetrics);
    }

    @Test
    void percentilesMustBeInOrderAndNotNegative() {
        LatencyPercentiles ok = new LatencyPercentiles(5, 1, 2, 3, 4, 5);
        assertEquals(3, ok.p99Nanos());
        new LatencyPercentiles(1, 7, 7, 7, 7, 7);
        assertInvalid(() -> new LatencyPercentiles(-1, 1, 2, 3, 4, 5));
        assertInvalid(() -> new LatencyPercentiles(1, -1, 2, 3, 4, 5));
        assertInvalid(() -> new LatencyPercentiles(1, 3, 2, 3, 4, 5));
        assertInvalid(() -> new LatencyPercentiles(1, 1, 4, 3, 4, 5));
        assertInvalid(() -> new LatencyPercentiles(1, 1, 2, 5, 4, 5));
        assertInvalid(() -> new LatencyPercentiles(1, 1, 2, 3, 6, 5));
        assertEquals(0, LatencyPercentiles.NONE.samples());
    }

    @Test
    void statsCopyTheirMapsInOrderAndAnswerForKindsNotCounted() {
        Map<String, Long> operations = new LinkedHashMap<>();
        operations.put(StoreStats.SET, 3L);
        operations.put(StoreStats.GET, 7L);
        Map<String, LatencyPercentiles> latencies = new HashMap<>(
                Map.of(StoreStats.READS, new LatencyPercentiles(1, 5, 5, 5, 5, 5)));
        StoreStats stats = stats(operations, latencies, Map.of(MetricsSource.ENTRIES, 4));
        operations.put(StoreStats.DELETE, 1L);
        latencies.clear();
        assertEquals(List.of(StoreStats.SET, StoreStats.GET), List.copyOf(stats.operations().keySet()));
        assertEquals(7, stats.count(StoreStats.GET));
        assertEquals(0, stats.count(StoreStats.DELETE), "copied on the way in");
        assertEquals(5, stats.latency(StoreStats.READS).maxNanos());
        assertEquals(LatencyPercentiles.NONE, stats.latency(StoreStats.COMMITS));
        assertEquals(4, stats.engineMetrics().get(MetricsSource.ENTRIES));
        assertThrows(UnsupportedOperationException.class, () -> stats.operations().put("x", 1L));
    }

    @Test
    void statsRefuseMissingNamesMapsAndNullEntries() {
        assertInvalid(() -> new StoreStats(null, "file", true, Map.of(), 0, 0, Map.of(), -1, Map.of()));
        assertInvalid(() -> new StoreStats("users", null, true, Map.of(), 0, 0, Map.of(), -1, Map.of()));
        assertInvalid(() -> stats(null, Map.of(), Map.of()));
        assertInvalid(() -> stats(Map.of(), null, Map.of()));
        assertInvalid(() -> stats(Map.of(), Map.of(), null));
        Map<String, Long> nullValue = new HashMap<>();
        nullValue.put(StoreStats.GET, null);
        assertInvalid(() -> stats(nullValue, Map.of(), Map.of()));
        Map<String, Number> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertInvalid(() -> stats(Map.of(), Map.of(), nullKey));
    }
}
