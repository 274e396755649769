package dev.skeleton.storage.webconsole;

import java.util.Optional;

/**
 * What a request under the plugin's root asks for, by the path after the root. The servlet's
 * javadoc ({@link StorageConsolePlugin}) describes each one's parameters and answer.
 */
enum Endpoint {

    /** The page itself (the plugin's root). */
    PAGE("", false),
    /** Engines and stores, with their figures. */
    STORES("stores.json", false),
    /** One store's counters and latencies, for the charts. */
    STATS("stats.json", false),
    /** One page of the key browser. */
    KEYS("keys.json", false),
    /** One store's saved versions. */
    VERSIONS("versions.json", false),
    /** Creates a store. */
    CREATE("create", true),
    /** Deletes a store and its data. */
    DELETE("delete", true),
    /** Saves a version of a store. */
    SAVE("save", true),
    /** Loads a saved version into a store. */
    LOAD("load", true);

    private final String path;
    private final boolean changing;

    Endpoint(String path, boolean changing) {
        this.path = path;
        this.changing = changing;
    }

    /**
     * The endpoint at a path.
     *
     * @param path the path after the plugin's root, without a leading slash
     * @return the endpoint, or empty if there is none at that path
     */
    static Optional<Endpoint> at(String path) {
        for (Endpoint endpoint : values()) {
            if (endpoint.path.equals(path)) {
                return Optional.of(endpoint);
            }
        }
        return Optional.empty();
    }

    /**
     * The path after the plugin's root.
     *
     * @return the path, empty for the page
     */
    String path() {
        return path;
    }

    /**
     * Whether the endpoint changes the storage: only POST with the page's header reaches it.
     *
     * @return true for create, delete, save and load
     */
    boolean changing() {
        return changing;
    }
}
