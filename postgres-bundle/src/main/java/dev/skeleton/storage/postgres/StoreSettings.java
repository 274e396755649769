package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.List;

/**
 * The settings of one postgres store, from the config given at {@code create} and kept in the
 * catalog on the database, so every engine that opens the store uses them.
 *
 * <ul>
 *   <li>{@code max_versions}: how many saved versions to keep, newest first; default 100; 0 or
 *       negative keeps every version.</li>
 * </ul>
 * The connection settings ({@code url}, {@code user}, {@code password}, ...) belong to the engine,
 * not to a store: given to a store they are refused, so that a password never lands in a store's
 * config (which a multistore shows and saves). Any other unknown key is {@code INVALID_CONFIG} too.
 *
 * @param maxVersions versions kept; 0 or negative: all
 */
record StoreSettings(int maxVersions) {

    static final String MAX_VERSIONS = "max_versions";
    static final int DEFAULT_MAX_VERSIONS = 100;

    /**
     * Reads and checks a store's config.
     *
     * @param config the config given at create
     * @return the settings
     * @throws StorageException INVALID_CONFIG naming the bad key
     */
    static StoreSettings from(Config config) {
        for (String key : PostgresSettings.KEYS) {
            if (config.contains(key)) {
                throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres store config key " + key
                        + " is a setting of the engine (ConfigAdmin PID dev.skeleton.storage.postgres, or "
                        + "PostgresEngine.connect), not of a store");
            }
        }
        config.requireKnownKeys(PostgresEngine.NAME + " engine", List.of(MAX_VERSIONS));
        return new StoreSettings(config.getInt(MAX_VERSIONS, DEFAULT_MAX_VERSIONS));
    }
}
