package dev.skeleton.storage;

/**
 * What a {@link MultiStore} knows about one of its stores.
 *
 * @param name      the store's name
 * @param engine    the name of the store's engine
 * @param path      the store's directory, {@code rootPath/<name>}
 * @param available whether the engine is present, so that the store can be used now
 * @param config    the store's own configuration, as given at creation (engine defaults not merged)
 */
public record StoreInfo(String name, String engine, String path, boolean available, Config config) {
}
