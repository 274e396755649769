package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class EngineMetricLimitsTest {

    private static final long NOW = 1_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final EngineLimits LIMITS = new EngineLimits(50, 15 * 60);

    private final FakeMultiStore stores = new FakeMultiStore(Path.of("stores").toAbsolutePath())
            .engine("file").engine("memory");
    private final EngineMetricLimits judge = new EngineMetricLimits();

    @Test
    void figuresWithinTheLimitsAreOkWithADebugLinePerStore() {
        stores.store("ledger", "file").metrics("ledger", Map.of("fsync_micros_recent", 1234.5,
                "checkpoint_age_millis", 2 * MINUTE), 10, 100);

        Result result = judge.check(stores.service(), LIMITS, NOW);

        assertEquals(List.of("DEBUG store ledger: log force 1.23 ms, checkpoint 2 min ago",
                "OK 1 store with log force or checkpoint figures (log force within 50 ms, checkpoint age within"
                        + " 15 min)"), Results.lines(result));
    }

    @Test
    void storesWithoutTheseFiguresAreSkipped() {
        stores.store("scratch", "memory").metrics("scratch", Map.of("entries", 3L), 3, 30)
                .store("orders", "postgres");

        Result result = judge.check(stores.service(), LIMITS, NOW);

        assertEquals(List.of("OK no store reports log force or checkpoint figures"), Results.lines(result));
    }

    @Test
    void slowLogForcesAreWarn() {
        stores.store("ledger", "file").metrics("ledger", Map.of("fsync_micros_recent", 73_250.0), 1, 1)
                .store("fast", "file").metrics("fast", Map.of("fsync_micros_recent", 50_000.0), 1, 1);

        Result result = judge.check(stores.service(), LIMITS, NOW);

        assertEquals(Result.Status.WARN, result.getStatus());
        assertEquals(List.of("DEBUG store fast: log force 50 ms",
                "WARN store ledger: log forces take 73.25 ms lately, above the limit of 50 ms: the disk is slow or"
                        + " overloaded",
                "DEBUG store ledger: log force 73.25 ms",
                "OK 2 stores with log force or checkpoint figures (log force within 50 ms, checkpoint age within"
                        + " 15 min)"), Results.lines(result));
    }

    @Test
    void anOldCheckpointOfAWrittenStoreIsWarn() {
        stores.store("ledger", "file").metrics("ledger", Map.of("checkpoint_age_millis", 20 * MINUTE), 4, 400);

        Result result = judge.check(stores.service(), LIMITS, NOW);

        assertEquals(Result.Status.WARN, result.getStatus());
        assertEquals("WARN store ledger: last checkpoint 20 min ago, above the limit of 15 min, and written since:"
                + " the next open replays all of it; are checkpoints failing?", Results.lines(result).get(0));
    }

    @Test
    void anOldCheckpointOfAStoreNobodyWritesIsOk() {
        stores.store("archive", "file").metrics("archive", Map.of("checkpoint_age_millis", 20 * MINUTE), 0, 0);

        assertEquals(Result.Status.OK, judge.check(stores.service(), LIMITS, NOW).getStatus());
    }

    @Test
    void theCheckpointRuleFollowsWritesAcrossRuns() {
        stores.store("ledger", "file").metrics("ledger", Map.of("checkpoint_age_millis", MINUTE), 4, 400);
        judge.check(stores.service(), LIMITS, NOW);

        stores.metrics("ledger", Map.of("checkpoint_age_millis", 21 * MINUTE), 4, 400);
        assertEquals(Result.Status.OK, judge.check(stores.service(), LIMITS, NOW + 20 * MINUTE).getStatus(),
                "old, but not written since");

        stores.metrics("ledger", Map.of("checkpoint_age_millis", 22 * MINUTE), 5, 410);
        assertEquals(Result.Status.WARN, judge.check(stores.service(), LIMITS, NOW + 21 * MINUTE).getStatus(),
                "old and written since");
    }

    @Test
    void unavailableAndVanishedStoresAreSkipped() {
        stores.store("ledger", "postgres").vanished("gone").store("late", "file")
                .metrics("late", Map.of("fsync_micros_recent", 99_000.0), 1, 1).deletedBeforeStats("late");

        Result result = judge.check(stores.service(), LIMITS, NOW);

        assertEquals(List.of("OK no store reports log force or checkpoint figures"), Results.lines(result));
    }

    @Test
    void otherFailuresOfTheMultistoreReachTheExecutor() {
        stores.store("ledger", "file").failing(ErrorCode.IO);

        StorageException e = assertThrows(StorageException.class, () -> judge.check(stores.service(), LIMITS, NOW));

        assertEquals(ErrorCode.IO, e.code());
    }
}
