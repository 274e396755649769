package dev.skeleton.storage.postgres;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link PostgresStore} tells through {@link dev.skeleton.storage.MetricsSource} (the
 * names, units and meanings are listed on that class): its own counters, kept here as the store
 * works, the pools' gauges, read from the pools when asked ({@link Database#putPoolMetrics}), and
 * the table figures, queried at most every few seconds ({@link TableFigures}).
 *
 * <p>Thread-safe: the counters are {@link LongAdder}s, bumped by any thread without a lock; a
 * reading adds up each on its own, so the values of one reading need not be of one instant.
 */
final class StoreMetrics {

    /** Counter: round trips to the server on behalf of the store ({@link RoundTrips}). */
    static final String ROUND_TRIPS = "round_trips";
    /** Counter: the store's changes committed. */
    static final String COMMITS = "commits";
    /** Counter: the store's changes whose commit failed. */
    static final String COMMIT_FAILURES = "commit_failures";
    /** Gauge: connections of the primary pool lent out now. */
    static final String POOL_ACTIVE = "pool_active";
    /** Gauge: idle connections of the primary pool. */
    static final String POOL_IDLE = "pool_idle";
    /** Gauge: the primary pool's limit. */
    static final String POOL_MAX = "pool_max";
    /** Gauge: threads waiting for a connection of the primary pool now. */
    static final String POOL_WAITING = "pool_waiting";
    /** Gauge: connections of the read pool lent out now. */
    static final String READ_POOL_ACTIVE = "read_pool_active";
    /** Gauge: idle connections of the read pool. */
    static final String READ_POOL_IDLE = "read_pool_idle";

    private final Database database;
    private final TableFigures tables;
    private final RoundTrips roundTrips = new RoundTrips();
    private final LongAdder commits = new LongAdder();
    private final LongAdder commitFailures = new LongAdder();

    /**
     * @param database the store's database, whose pools it reports
     * @param tables   the store's table figures
     */
    StoreMetrics(Database database, TableFigures tables) {
        this.database = database;
        this.tables = tables;
    }

    /** The store's round trips, counted where its statements are executed. */
    RoundTrips roundTrips() {
        return roundTrips;
    }

    /**
     * Runs the commit of one of the store's changes, counting it in {@code commits} if it returns
     * and in {@code commit_failures} if it throws (a conflict included).
     *
     * @param commit the commit
     * @param <T>    its result
     * @param <E>    what it may throw
     * @return its result
     * @throws E as it threw it
     */
    <T, E extends Exception> T countCommit(Commit<T, E> commit) throws E {
        try {
            T result = commit.run();
            commits.increment();
            return result;
        } catch (Exception e) {
            commitFailures.increment();
            throw e;
        }
    }

    /**
     * The metrics now: the table figures first (the names every engine shares), then the store's
     * counters, then the pools' gauges.
     *
     * @return a new map, the caller's
     */
    Map<String, Number> read() {
        Map<String, Number> metrics = new LinkedHashMap<>();
        tables.putInto(metrics);
        metrics.put(ROUND_TRIPS, roundTrips.count());
        metrics.put(COMMITS, commits.sum());
        metrics.put(COMMIT_FAILURES, commitFailures.sum());
        database.putPoolMetrics(metrics);
        return metrics;
    }

    /**
     * A commit to count.
     *
     * @param <T> its result
     * @param <E> what it may throw
     */
    @FunctionalInterface
    interface Commit<T, E extends Exception> {
        /**
         * Commits.
         *
         * @return the result
         * @throws E as the commit fails
         */
        T run() throws E;
    }
}
