package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Config;

/**
 * What the catalog records of one store.
 *
 * @param name       the store's name
 * @param engine     the name of its engine
 * @param config     the store's own configuration, as given at creation
 * @param persistent whether its engine keeps data across closing: only such entries are written to
 *                   disk, since a non-persistent store cannot be reopened
 */
record CatalogEntry(String name, String engine, Config config, boolean persistent) {
}
