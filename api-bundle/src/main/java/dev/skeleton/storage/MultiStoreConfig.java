package dev.skeleton.storage;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a {@link MultiStore} is set up.
 *
 * @param rootPath       the directory under which every store lives ({@code rootPath/<name>}) and
 *                       the catalog is kept; must not be null
 * @param defaultEngine  the engine used when {@link MultiStore#createStore} is given none; null or
 *                       empty: "memory"
 * @param engineConfigs  per engine name, configuration defaults that a store's own config
 *                       overrides; null: none. Copied.
 */
public record MultiStoreConfig(Path rootPath, String defaultEngine, Map<String, Config> engineConfigs) {

    /** The default engine when none is configured. */
    public static final String DEFAULT_ENGINE = "memory";

    /**
     * Validates, fills defaults and copies.
     *
     * @throws StorageException {@link ErrorCode#INVALID_CONFIG} if {@code rootPath} is null or a
     *         map entry is null
     */
    public MultiStoreConfig {
        if (rootPath == null) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "multistore rootPath must not be null");
        }
        if (defaultEngine == null || defaultEngine.isEmpty()) {
            defaultEngine = DEFAULT_ENGINE;
        }
        try {
            engineConfigs = engineConfigs == null ? Map.of() : Map.copyOf(engineConfigs);
        } catch (NullPointerException e) {
            throw new StorageException(ErrorCode.INVALID_CONFIG,
                    "multistore engineConfigs must not hold a null engine name or config", e);
        }
    }

    /**
     * A configuration with only a root path: default engine "memory", no engine defaults.
     *
     * @param rootPath the root directory
     * @return the configuration
     */
    public static MultiStoreConfig of(Path rootPath) {
        return new MultiStoreConfig(rootPath, null, null);
    }
}
