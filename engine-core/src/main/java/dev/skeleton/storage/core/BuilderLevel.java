package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * One level of a tree that a {@link SortedTreeBuilder} builds bottom-up: the node being filled at
 * that height, plus the last node completed there, which is held back until the next one completes
 * or the build ends. Holding it back is what lets the last node of a level, which may come out
 * underfull, share slots with its left neighbour before either goes up to the parent level.
 *
 * <p>Every node that leaves a level before the end is full: it was completed because it reached
 * {@link TreeSettings#maxSlots}. The level above is made when the first node goes up. Not
 * thread-safe; part of one builder.
 */
final class BuilderLevel {

    private final int height;
    private final int max;
    private final TreeSettings<?> settings;
    private byte[][] keys;
    private long[] prefixes;
    private Object[] slots;
    private int count;
    /** The last full node of this level, not yet handed to the level above. */
    private Node held;
    /** Whether a node of this level went up already. */
    private boolean handedUp;
    private BuilderLevel above;

    BuilderLevel(int height, TreeSettings<?> settings) {
        this.height = height;
        this.max = settings.maxSlots(height);
        this.settings = settings;
        newArrays();
    }

    /** Appends a slot: an entry at height 0, a child above. Keys come in ascending order. */
    void add(byte[] key, long prefix, Object slot) {
        if (count == max) {
            Node full = new Node(height, count, keys, prefixes, slots);
            newArrays();
            if (held != null) {
                handUp(held);
            }
            held = full;
        }
        keys[count] = key;
        prefixes[count] = prefix;
        slots[count] = slot;
        count++;
    }

    /** Whether no slot was ever added. */
    boolean isEmpty() {
        return count == 0 && held == null && !handedUp;
    }

    /** Whether this level holds exactly one node and none went up: that node is the root. */
    boolean isTop() {
        return !handedUp && (held == null) != (count == 0);
    }

    /** The root, once {@link #isTop()} holds. */
    Node root() {
        return held != null ? held : openNode();
    }

    /** The level above, which received this level's nodes. */
    BuilderLevel above() {
        return above;
    }

    /**
     * Hands the nodes still here to the level above: called on a level that is not the top, which
     * then holds a full node and the node being filled after it (a node is held only once the next
     * one has its first slot). The last one, if it came out underfull, is first evened out with the
     * held one: together they hold more than one node's worth, so two nodes of at least half a node
     * each result.
     */
    void finish() {
        if (count >= settings.minSlots(height)) {
            handUp(held);
            handUp(openNode());
        } else {
            evenOut();
        }
        held = null;
        count = 0;
    }

    private void evenOut() {
        int total = held.size + count;
        byte[][] allKeys = Arrays.copyOf(held.keys, total);
        long[] allPrefixes = Arrays.copyOf(held.prefixes, total);
        Object[] allSlots = Arrays.copyOf(held.slots, total);
        System.arraycopy(keys, 0, allKeys, held.size, count);
        System.arraycopy(prefixes, 0, allPrefixes, held.size, count);
        System.arraycopy(slots, 0, allSlots, held.size, count);
        int half = total / 2;
        handUp(new Node(height, half, Arrays.copyOf(allKeys, half), Arrays.copyOf(allPrefixes, half),
                Arrays.copyOf(allSlots, half)));
        handUp(new Node(height, total - half, Arrays.copyOfRange(allKeys, half, total),
                Arrays.copyOfRange(allPrefixes, half, total), Arrays.copyOfRange(allSlots, half, total)));
    }

    /** The node being filled, its arrays cut to its slots (it is the last of its level). */
    private Node openNode() {
        if (count == max) {
            return new Node(height, count, keys, prefixes, slots);
        }
        return new Node(height, count, Arrays.copyOf(keys, count), Arrays.copyOf(prefixes, count),
                Arrays.copyOf(slots, count));
    }

    private void handUp(Node node) {
        if (above == null) {
            above = new BuilderLevel(height + 1, settings);
        }
        handedUp = true;
        above.add(node.keys[0], node.prefixes[0], node);
    }

    private void newArrays() {
        keys = new byte[max][];
        prefixes = new long[max];
        slots = new Object[max];
        count = 0;
    }
}
