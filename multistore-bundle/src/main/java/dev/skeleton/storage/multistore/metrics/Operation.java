package dev.skeleton.storage.multistore.metrics;

import dev.skeleton.storage.StoreStats;

/** The kinds of operation a store's handle counts, each named as in {@link StoreStats}. */
public enum Operation {
    /** {@code get}. */
    GET(StoreStats.GET),
    /** {@code has}. */
    HAS(StoreStats.HAS),
    /** {@code set}. */
    SET(StoreStats.SET),
    /** {@code delete}. */
    DELETE(StoreStats.DELETE),
    /** A whole or ranged iteration of the store. */
    ITERATE(StoreStats.ITERATE),
    /** A transaction begun. */
    BEGIN(StoreStats.BEGIN),
    /** A transaction committed. */
    COMMIT(StoreStats.COMMIT),
    /** A transaction rolled back. */
    ROLLBACK(StoreStats.ROLLBACK),
    /** A commit refused for a conflict. */
    CONFLICT(StoreStats.CONFLICT),
    /** A version saved. */
    SAVE_VERSION(StoreStats.SAVE_VERSION),
    /** A version loaded. */
    LOAD_VERSION(StoreStats.LOAD_VERSION),
    /** A call that threw. */
    FAILED(StoreStats.FAILED);

    private final String statsName;

    Operation(String statsName) {
        this.statsName = statsName;
    }

    /** The name in {@link StoreStats#operations()}. */
    public String statsName() {
        return statsName;
    }
}
