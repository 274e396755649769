package dev.skeleton.storage.file;

/**
 * Internal sizes of the file engine that are not configuration (the contract fixes the config
 * keys), kept in one place so that tests can shrink them and reach every path with small data.
 *
 * @param largeValueBytes    values of at least this many bytes live in value files of their own
 * @param checkpointMinBytes a checkpoint is made once this many bytes (log records plus value
 *                           files) were written since the last one (or earlier, when the pages
 *                           changed since then pass their share of {@code cache_size})
 * @param maxVersionChain    how long the version-file chains of a first-format store may be
 *                           (read only when such a store is converted)
 * @param pageFileBytes      a checkpoint that finds its page file this long starts a new one
 * @param checkpointAtClose  whether {@code close} writes a checkpoint, so that the next open replays
 *                           nothing (tests of the log's recovery turn it off)
 */
record Tuning(int largeValueBytes, long checkpointMinBytes, int maxVersionChain, long pageFileBytes,
        boolean checkpointAtClose) {

    /** Page files of 64 MiB: few files, and small enough that compaction rewrites little at a time. */
    static final long DEFAULT_PAGE_FILE_BYTES = 64L << 20;

    /** The defaults: 1 MiB, 16 MiB, {@value VersionFiles#DEFAULT_MAX_CHAIN}, 64 MiB. */
    static final Tuning DEFAULTS = new Tuning(1 << 20, 16L << 20, VersionFiles.DEFAULT_MAX_CHAIN);

    /** Sizes with the default page file length. */
    Tuning(int largeValueBytes, long checkpointMinBytes, int maxVersionChain) {
        this(largeValueBytes, checkpointMinBytes, maxVersionChain, DEFAULT_PAGE_FILE_BYTES, true);
    }

    /** These sizes, with or without a checkpoint at close. */
    Tuning withCheckpointAtClose(boolean atClose) {
        return new Tuning(largeValueBytes, checkpointMinBytes, maxVersionChain, pageFileBytes, atClose);
    }
}
