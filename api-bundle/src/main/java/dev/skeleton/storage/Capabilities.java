package dev.skeleton.storage;

/**
 * What an {@link Engine}'s stores can do. A store of an engine with a capability implements the
 * matching interface ({@link Transactional}, {@link Versioned}, {@link RangeQueryable}), and so does
 * the handle that {@link MultiStore#getStore(String)} returns for it.
 *
 * @param transactions serializable transactions ({@link Transactional})
 * @param versioning   saved versions ({@link Versioned})
 * @param rangeQueries ordered range scans ({@link RangeQueryable})
 * @param persistence  data survives closing the store and the process: {@link Engine#open} finds it
 * @param compression  values can be stored compressed
 */
public record Capabilities(boolean transactions, boolean versioning, boolean rangeQueries,
                           boolean persistence, boolean compression) {
}
