package dev.skeleton.storage.testkit.reference;

import java.util.function.Consumer;

/**
 * What a {@link ReferenceEngine} gives each store it makes.
 *
 * @param name    the store's name
 * @param path    the store's path
 * @param initial the content to start from
 * @param onClose called once, on the first close, with the final content
 */
public record StoreSettings(String name, String path, StoreImage initial, Consumer<StoreImage> onClose) {
}
