package dev.skeleton.storage.postgres;

import java.time.Duration;

/**
 * Internal sizes of the engine's log pruning and of its stores' metrics, fixed in production and
 * made small by tests, so that pruning runs after a handful of commits instead of thousands, and a
 * test sees fresh table figures without waiting for them.
 *
 * @param retainedChanges     changes always kept in a store's log, for transactions of other
 *                            processes; a transaction open longer than that conflicts at commit
 * @param maintenanceInterval every how many commits (by sequence number) the log is pruned
 * @param inBackground        whether pruning runs on the engine's maintenance thread (production)
 *                            or on the committing thread before the commit returns (tests that
 *                            look at the log right after a write)
 * @param figuresMaxAge       how long a store's {@code entries} and {@code disk_bytes} are reused
 *                            before the next look at them queries the server again
 * @param exactCountBelow     up to which planner estimate of a store's rows {@code entries} is
 *                            counted exactly; from there on it is the estimate ({@link TableFigures})
 */
record Tuning(long retainedChanges, long maintenanceInterval, boolean inBackground, Duration figuresMaxAge,
        long exactCountBelow) {

    /** How long table figures are reused in production. */
    static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(5);
    /** Rows up to which {@code entries} is exact in production: a count of them takes milliseconds. */
    static final long EXACT_COUNT_BELOW = 100_000;

    /**
     * The sizes of production: 10,000 changes kept, pruning every 1,024 commits, in the background;
     * table figures reused for 5 s, exact below 100,000 rows.
     */
    static final Tuning DEFAULTS = new Tuning(10_000, 1024, true);

    /** Pruning sizes with the production metrics. */
    Tuning(long retainedChanges, long maintenanceInterval, boolean inBackground) {
        this(retainedChanges, maintenanceInterval, inBackground, FIGURES_MAX_AGE, EXACT_COUNT_BELOW);
    }

    /**
     * These sizes with other metrics settings.
     *
     * @param maxAge     see {@link #figuresMaxAge()}; zero queries at every look
     * @param exactBelow see {@link #exactCountBelow()}; zero uses the estimate whenever there is one
     * @return the new sizes
     */
    Tuning withFigures(Duration maxAge, long exactBelow) {
        return new Tuning(retainedChanges, maintenanceInterval, inBackground, maxAge, exactBelow);
    }
}
