package dev.skeleton.storage.core;

/**
 * Where a node of a {@link CopyOnWriteTree} lies on disk: the engine's position and length of its
 * page, a few flags the engine keeps about the subtree below it, and the {@link PageSource} that
 * reads it back. An inner node's slot holds either the child node itself (a node not written yet,
 * or one the tree keeps in memory) or such a reference, which {@link Node#child} resolves through
 * the source's cache. Immutable; equal when the positions are: one position is one page.
 */
public final class PageRef {

    private final long position;
    private final int length;
    private final int flags;
    private final PageSource source;
    /** The node, while the source's cache holds it here; written under the source's queue monitor. */
    private volatile Node held;
    /** Set by each lookup that finds {@link #held}; cleared by the cache's clock. Racy on purpose: a hint. */
    private boolean used;

    /**
     * A reference to a page.
     *
     * @param position where the page starts, as the engine numbers positions (unique per page)
     * @param length   its length in bytes on disk
     * @param flags    what the engine notes about the subtree, opaque to the tree
     * @param source   what reads it back
     */
    public PageRef(long position, int length, int flags, PageSource source) {
        this.position = position;
        this.length = length;
        this.flags = flags;
        this.source = source;
    }

    /** @return where the page starts */
    public long position() {
        return position;
    }

    /** @return its length in bytes on disk */
    public int length() {
        return length;
    }

    /** @return what the engine noted about the subtree when it wrote the page */
    public int flags() {
        return flags;
    }

    /** The node, from the cache or read from disk. */
    Node node() {
        return source.node(this);
    }

    /** The node the cache holds here, or null. */
    Node held() {
        return held;
    }

    /** Holds a node here for the cache, or lets go of it (null). */
    void hold(Node node) {
        this.held = node;
    }

    /** Notes a lookup that found the node held. */
    void markUsed() {
        if (!used) {
            used = true;
        }
    }

    /** Whether a lookup found the node since the last call; clears the mark. */
    boolean takeUsed() {
        boolean wasUsed = used;
        used = false;
        return wasUsed;
    }

    /** Remembers a node just written as this page, so that it is not read back at once. */
    void cache(Node node) {
        source.remember(this, node);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageRef ref && ref.position == position;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(position);
    }

    @Override
    public String toString() {
        return "PageRef[" + position + ", " + length + " bytes]";
    }
}
