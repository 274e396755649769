package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A callback that receives entries during {@link Store#iterate(KeyValueVisitor)} and
 * {@link RangeQueryable#iterateRange(byte[], byte[], boolean, KeyValueVisitor)}.
 *
 * <p>The arrays passed in are the visitor's own copies: it may keep or change them without
 * affecting the store. The visitor may read and write the store it is iterating (even delete the
 * key it is visiting): the iteration runs over a point-in-time snapshot and does not see those
 * writes, and no lock of the store is held while the visitor runs. An exception thrown by the
 * visitor ends the iteration and propagates unchanged to the caller of {@code iterate}.
 */
@ConsumerType
@FunctionalInterface
public interface KeyValueVisitor {
    /**
     * Receives one entry.
     *
     * @param key   a copy of the key
     * @param value a copy of the value
     * @return true to continue with the next entry, false to stop the iteration
     */
    boolean visit(byte[] key, byte[] value);
}
