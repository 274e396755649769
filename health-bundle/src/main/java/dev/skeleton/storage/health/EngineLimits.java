package dev.skeleton.storage.health;

/**
 * The limits of the engine metrics check (see {@link EngineMetricLimits}).
 *
 * @param fsyncLimitMillis           a recent log force time above this many milliseconds is WARN
 * @param checkpointAgeLimitSeconds  a checkpoint older than this many seconds is WARN when the
 *                                   store has been written since
 */
record EngineLimits(double fsyncLimitMillis, long checkpointAgeLimitSeconds) {

    /** The defaults of {@link Settings}. */
    static final EngineLimits DEFAULTS = new EngineLimits(Settings.DEFAULT_FSYNC_LIMIT_MILLIS,
            Settings.DEFAULT_CHECKPOINT_AGE_LIMIT_SECONDS);

    /** The fsync limit in the unit of the metric {@value EngineMetricLimits#FSYNC_MICROS_RECENT}. */
    double fsyncLimitMicros() {
        return fsyncLimitMillis * 1000;
    }

    /** The checkpoint age limit in the unit of the metric {@value EngineMetricLimits#CHECKPOINT_AGE_MILLIS}. */
    long checkpointAgeLimitMillis() {
        // Saturates: a limit of more than 292 million years is "never", not a negative number.
        return checkpointAgeLimitSeconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : checkpointAgeLimitSeconds * 1000;
    }

    /** The limits as a result line shows them. */
    String describe() {
        return "log force within " + Figures.decimal(fsyncLimitMillis) + " ms, checkpoint age within "
                + Figures.duration(checkpointAgeLimitMillis());
    }
}
