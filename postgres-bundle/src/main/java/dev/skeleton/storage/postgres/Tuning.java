package dev.skeleton.storage.postgres;

/**
 * Internal sizes of the engine's log pruning, fixed in production and made small by tests, so
 * that pruning runs after a handful of commits instead of thousands.
 *
 * @param retainedChanges     changes always kept in a store's log, for transactions of other
 *                            processes; a transaction open longer than that conflicts at commit
 * @param maintenanceInterval every how many commits (by sequence number) the log is pruned
 * @param inBackground        whether pruning runs on the engine's maintenance thread (production)
 *                            or on the committing thread before the commit returns (tests that
 *                            look at the log right after a write)
 */
record Tuning(long retainedChanges, long maintenanceInterval, boolean inBackground) {

    /** The sizes of production: 10,000 changes kept, pruning every 1,024 commits, in the background. */
    static final Tuning DEFAULTS = new Tuning(10_000, 1024, true);
}
