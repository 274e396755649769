package dev.skeleton.storage.file;

/**
 * Internal sizes of the file engine that are not configuration (the contract fixes the config
 * keys), kept in one place so that tests can shrink them and reach every path with small data.
 *
 * @param largeValueBytes    values of at least this many bytes live in value files of their own
 * @param checkpointMinBytes a checkpoint is made once this many bytes (log records plus value
 *                           files), and at least as many as the store holds, were written since
 *                           the last one
 * @param maxVersionChain    every this-many-th version file of a chain is written whole
 */
record Tuning(int largeValueBytes, long checkpointMinBytes, int maxVersionChain) {

    /** The defaults: 1 MiB, 16 MiB, {@value VersionFiles#DEFAULT_MAX_CHAIN}. */
    static final Tuning DEFAULTS = new Tuning(1 << 20, 16L << 20, VersionFiles.DEFAULT_MAX_CHAIN);
}
