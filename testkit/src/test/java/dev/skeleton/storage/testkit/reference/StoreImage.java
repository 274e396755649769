package dev.skeleton.storage.testkit.reference;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Everything a {@link ReferenceStore} holds, as plain values: what a new store starts from and what
 * a persistent reference store writes on close.
 *
 * @param maxVersions    the {@code max_versions} setting (0 or negative: unlimited)
 * @param data           the working data, in unsigned key order
 * @param versions       the saved versions by number
 * @param highestVersion the highest version number ever saved (pruned ones included)
 * @param currentVersion the version last saved or loaded, 0 before any
 */
public record StoreImage(int maxVersions, NavigableMap<byte[], byte[]> data,
                         NavigableMap<Long, SavedVersion> versions, long highestVersion,
                         long currentVersion) {

    /**
     * One saved version.
     *
     * @param content the entries of the version
     * @param hash    its content hash
     */
    public record SavedVersion(NavigableMap<byte[], byte[]> content, byte[] hash) {
    }

    /**
     * The image of a new, empty store.
     *
     * @param maxVersions the {@code max_versions} setting
     * @return the image
     */
    public static StoreImage empty(int maxVersions) {
        return new StoreImage(maxVersions, new TreeMap<>(Arrays::compareUnsigned), new TreeMap<>(), 0, 0);
    }
}
