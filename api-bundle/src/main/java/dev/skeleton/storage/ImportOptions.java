package dev.skeleton.storage;

/**
 * How {@link MultiStore#importStore} makes a store from a dump. Start from {@link #defaults()} and
 * change what you need: {@code ImportOptions.defaults().onEngine("file").replacing(true)}.
 *
 * <p>Added in version 1.1 of this package.
 *
 * @param engine   the engine of the new store; null or empty: the multistore's default engine
 * @param config   the new store's configuration, as for {@link MultiStore#createStore}; never null
 * @param replace  whether an existing store of the name is replaced (deleted once the dump has been
 *                 verified) instead of refused with {@link ErrorCode#STORE_EXISTS}
 * @param listener receives progress; never null ({@link TransferListener#NONE} for none)
 */
public record ImportOptions(String engine, Config config, boolean replace, TransferListener listener) {

    /**
     * Validates.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if the config or listener is null
     */
    public ImportOptions {
        if (config == null || listener == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "import config and listener must not be null; use Config.empty() and TransferListener.NONE");
        }
    }

    /**
     * The default engine, an empty config, no replacing, no progress.
     *
     * @return the default options
     */
    public static ImportOptions defaults() {
        return new ImportOptions(null, Config.empty(), false, TransferListener.NONE);
    }

    /**
     * These options, on another engine.
     *
     * @param engineName the engine; null or empty for the default
     * @return the new options
     */
    public ImportOptions onEngine(String engineName) {
        return new ImportOptions(engineName, config, replace, listener);
    }

    /**
     * These options, with a store configuration.
     *
     * @param storeConfig the configuration
     * @return the new options
     */
    public ImportOptions withConfig(Config storeConfig) {
        return new ImportOptions(engine, storeConfig, replace, listener);
    }

    /**
     * These options, replacing an existing store or not.
     *
     * @param replacing whether to replace
     * @return the new options
     */
    public ImportOptions replacing(boolean replacing) {
        return new ImportOptions(engine, config, replacing, listener);
    }

    /**
     * These options, reporting progress.
     *
     * @param progress the listener
     * @return the new options
     */
    public ImportOptions reporting(TransferListener progress) {
        return new ImportOptions(engine, config, replace, progress);
    }
}
