package dev.skeleton.storage.core;

/**
 * Walks the pages of a tree ({@link CopyOnWriteTree#visitPages}) without keeping them: told of every
 * page below a node it looks into, it decides whether to look into that page too. Used to find
 * what the pages of the kept trees refer to (live pages, live value files) while reading as little
 * as possible.
 *
 * @param <V> the value type
 */
public interface PageVisitor<V> {

    /**
     * A stored page below a node being looked into.
     *
     * @param ref the page
     * @return true to read it and look into it too
     */
    boolean enter(PageRef ref);

    /**
     * An entry of a leaf being looked into (a stored one entered, or one not written yet).
     *
     * @param key   its key
     * @param value its value
     */
    void entry(byte[] key, V value);
}
