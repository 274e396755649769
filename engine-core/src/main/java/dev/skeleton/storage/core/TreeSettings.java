package dev.skeleton.storage.core;

import java.util.function.ToLongFunction;

/**
 * What every tree derived from one {@link CopyOnWriteTree#empty} shares: how to weigh a value and
 * how wide nodes may grow.
 *
 * <p>A node holds at most {@link #maxSlots(int)} slots; a node below {@link #minSlots(int)} is
 * underfull and is merged with a neighbour the next time its parent is rebuilt. The minimum is a
 * third of the maximum rather than the textbook half so that a node that has just been split in
 * two halves does not merge back after a single removal.
 *
 * @param <V>           the value type
 * @param valueWeight   the weight of a value, counted in {@link CopyOnWriteTree#weight()}
 * @param maxLeafSlots  the most entries a leaf holds, 3 or more
 * @param maxInnerSlots the most children an inner node holds, 3 or more
 */
record TreeSettings<V>(ToLongFunction<? super V> valueWeight, int maxLeafSlots, int maxInnerSlots) {

    /** Entries per leaf in production trees: a leaf's prefix array spans 8 cache lines. */
    static final int DEFAULT_MAX_LEAF_SLOTS = 64;
    /** Children per inner node in production trees: 1M entries fit in a tree of height 3. */
    static final int DEFAULT_MAX_INNER_SLOTS = 64;
    /** The narrowest nodes allowed: below this, a merged pair could not split into two valid halves. */
    static final int MIN_MAX_SLOTS = 3;

    TreeSettings {
        if (maxLeafSlots < MIN_MAX_SLOTS || maxInnerSlots < MIN_MAX_SLOTS) {
            throw new IllegalArgumentException("nodes need room for " + MIN_MAX_SLOTS
                    + " slots or more: leaves " + maxLeafSlots + ", inner nodes " + maxInnerSlots);
        }
    }

    /** The most slots a node of this height may hold. */
    int maxSlots(int height) {
        return height == 0 ? maxLeafSlots : maxInnerSlots;
    }

    /** The fewest slots a node of this height holds unless it is the root. */
    int minSlots(int height) {
        return Math.max(2, maxSlots(height) / 3);
    }

    boolean isUnderfull(Node node) {
        return node.size < minSlots(node.height);
    }

    @SuppressWarnings("unchecked")
    long weightOf(Object value) {
        return valueWeight.applyAsLong((V) value);
    }
}
