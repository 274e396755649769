package dev.skeleton.storage.health;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.StoreStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/**
 * Judges what the engines report of each available store ({@link StoreStats#engineMetrics()})
 * against limits:
 * <ul>
 *   <li>{@value #FSYNC_MICROS_RECENT} (the file engine's moving average of its log forces, in
 *       microseconds) above {@link EngineLimits#fsyncLimitMillis()}: {@code WARN}, since every
 *       durable write waits that long;</li>
 *   <li>{@value #CHECKPOINT_AGE_MILLIS} above {@link EngineLimits#checkpointAgeLimitSeconds()} while
 *       the store has been written since that checkpoint ({@link CheckpointWatch} says how that is
 *       told): {@code WARN}, since the next open replays all of it, and checkpoints may be failing.
 *       An old checkpoint of a store nobody writes is fine.</li>
 * </ul>
 * {@code WARN}, not {@code CRITICAL}: the stores still work, only slower, or with a longer
 * recovery ahead. A store whose engine reports neither name (memory, postgres) is skipped, and so
 * is an unavailable store (the stores check reports it). Each store's figures are in a debug line
 * ({@code hc:exec -v storage}).
 *
 * <p>Thread safety: as that of its {@link CheckpointWatch}; the rest is per call.
 */
final class EngineMetricLimits {

    /** The file engine's recent log force time, in microseconds. */
    static final String FSYNC_MICROS_RECENT = "fsync_micros_recent";
    /** The file engine's time since its last checkpoint (or open), in milliseconds. */
    static final String CHECKPOINT_AGE_MILLIS = "checkpoint_age_millis";

    private final CheckpointWatch checkpoints = new CheckpointWatch();

    /**
     * The verdict.
     *
     * @param stores    the multistore
     * @param limits    the limits
     * @param nowMillis the time of this run
     * @return OK with the number of stores that report these figures; WARN naming each figure above a limit
     */
    Result check(MultiStore stores, EngineLimits limits, long nowMillis) {
        List<StoreInfo> infos = KnownStores.of(stores);
        checkpoints.retain(infos.stream().map(StoreInfo::name).collect(Collectors.toSet()));
        FormattingResultLog log = new FormattingResultLog();
        int measured = 0;
        for (StoreInfo info : infos) {
            Optional<StoreStats> stats = info.available() ? statsOf(stores, info.name()) : Optional.empty();
            if (stats.isPresent() && judge(stats.get(), limits, nowMillis, log)) {
                measured++;
            }
        }
        log.info("{}", measured == 0 ? "no store reports log force or checkpoint figures"
                : measured + (measured == 1 ? " store" : " stores") + " with log force or checkpoint figures"
                        + " (" + limits.describe() + ")");
        return new Result(log);
    }

    /** The store's figures, or empty if it was deleted meanwhile. */
    private static Optional<StoreStats> statsOf(MultiStore stores, String name) {
        try {
            return Optional.of(stores.storeStats(name));
        } catch (StorageException e) {
            if (e.code() != ErrorCode.STORE_NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** Logs what is above a limit; false if the store reports neither figure. */
    private boolean judge(StoreStats stats, EngineLimits limits, long nowMillis, FormattingResultLog log) {
        Map<String, Number> metrics = stats.engineMetrics();
        Number fsync = metrics.get(FSYNC_MICROS_RECENT);
        Number age = metrics.get(CHECKPOINT_AGE_MILLIS);
        if (fsync == null && age == null) {
            return false;
        }
        List<String> figures = new ArrayList<>();
        if (fsync != null) {
            figures.add("log force " + Figures.micros(fsync.doubleValue()));
            if (fsync.doubleValue() > limits.fsyncLimitMicros()) {
                log.warn("{}", "store " + stats.name() + ": log forces take " + Figures.micros(fsync.doubleValue())
                        + " lately, above the limit of " + Figures.decimal(limits.fsyncLimitMillis())
                        + " ms: the disk is slow or overloaded");
            }
        }
        if (age != null) {
            long ageMillis = age.longValue();
            figures.add("checkpoint " + Figures.duration(ageMillis) + " ago");
            boolean written = checkpoints.writtenSinceCheckpoint(stats.name(), nowMillis, ageMillis, writeMark(stats));
            if (written && ageMillis > limits.checkpointAgeLimitMillis()) {
                log.warn("{}", "store " + stats.name() + ": last checkpoint " + Figures.duration(ageMillis)
                        + " ago, above the limit of " + Figures.duration(limits.checkpointAgeLimitMillis())
                        + ", and written since: the next open replays all of it; are checkpoints failing?");
            }
        }
        log.debug("{}", "store " + stats.name() + ": " + String.join(", ", figures));
        return true;
    }

    /** What the handle counted of writes: calls and bytes, so that neither empty values nor big ones go unseen. */
    private static long writeMark(StoreStats stats) {
        return stats.count(StoreStats.SET) + stats.count(StoreStats.DELETE) + stats.bytesWritten();
    }
}
