package dev.skeleton.storage.core;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pages of one store's trees that are kept in the heap: a cache bounded in bytes that reads a
 * missing page through the engine's {@link PageReader}.
 *
 * <h2>How</h2>
 * A node read from disk (or just written) is kept in the {@link PageRef} that leads to it, so a
 * lookup that finds it there costs one field read, as following a pointer in a tree held wholly in
 * memory does; and every reference holding a node is queued here, so that the cache can let go of
 * nodes when the bytes it holds pass its capacity. It lets go by the clock rule: each reference
 * has a bit that a lookup sets; the oldest reference in the queue loses its node if its bit is
 * clear, else the bit is cleared and the reference goes to the back of the queue. So nodes used
 * since the clock last passed stay, the others go. Two references to the same page (a parent read
 * twice) each hold their own node; the bytes count both.
 *
 * <h2>Bounds</h2>
 * The cache holds at most about {@code capacityBytes} of nodes, each weighed as
 * {@link #weightOf twice its page's length plus a fixed overhead} (a decoded node is larger than
 * its bytes on disk: arrays, headers, the prefix array). What else is in the heap on the store's
 * behalf is bounded by the engine: the root of each kept tree, and the nodes written since its last
 * checkpoint. A node the cache let go of stays valid for whoever still holds it.
 *
 * <h2>Concurrency</h2>
 * A hit takes no lock. A miss reads the page with no lock held, then takes the queue's monitor to
 * queue the reference and evict; two threads missing the same reference may both read the page,
 * and the second node replaces the first (equal content).
 */
public final class PageSource {

    /** What a node costs beyond twice its page: the node object, its three arrays, headers. */
    private static final int NODE_OVERHEAD = 256;

    private final PageReader reader;
    private final long capacity;
    private final ArrayDeque<PageRef> queue = new ArrayDeque<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    /** Guarded by the queue's monitor. */
    private long bytes;

    /**
     * A cache in front of a reader.
     *
     * @param reader        reads missing pages
     * @param capacityBytes the most bytes of nodes kept (one node is kept whatever the capacity)
     */
    public PageSource(PageReader reader, long capacityBytes) {
        this.reader = reader;
        this.capacity = Math.max(1, capacityBytes);
    }

    /** The node of a page: the one its reference holds, or read and held. */
    Node node(PageRef ref) {
        Node held = ref.held();
        if (held != null) {
            ref.markUsed();
            hits.increment();
            return held;
        }
        misses.increment();
        Node node = Node.of(reader.read(ref));
        node.markStored(ref);
        hold(ref, node);
        return node;
    }

    /** Keeps a node just written as a page in the reference that now leads to it. */
    void remember(PageRef ref, Node node) {
        hold(ref, node);
    }

    private void hold(PageRef ref, Node node) {
        synchronized (queue) {
            if (ref.held() == null) {
                queue.addLast(ref);
                bytes += weightOf(ref);
            }
            ref.hold(node);
            evictOverCapacity();
        }
    }

    /** Lets go of nodes by the clock rule until the bytes held fit; under the queue's monitor. */
    private void evictOverCapacity() {
        int passes = 0;
        while (bytes > capacity && queue.size() > 1 && passes < 2 * queue.size() + 2) {
            PageRef oldest = queue.pollFirst();
            if (oldest.takeUsed()) {
                queue.addLast(oldest);
                passes++;
            } else {
                oldest.hold(null);
                bytes -= weightOf(oldest);
            }
        }
    }

    /**
     * Lets go of every node held (for instance when the store closes). Nodes in use stay valid for
     * their holders.
     */
    public void clear() {
        synchronized (queue) {
            for (PageRef ref : queue) {
                ref.hold(null);
            }
            queue.clear();
            bytes = 0;
        }
    }

    /** @return the bytes of nodes held now, by the weights described above */
    public long cachedBytes() {
        synchronized (queue) {
            return bytes;
        }
    }

    /** @return how many node lookups found their node held */
    public long hits() {
        return hits.sum();
    }

    /** @return how many node lookups read a page */
    public long misses() {
        return misses.sum();
    }

    /** The weight of a page's node in the cache. */
    static long weightOf(PageRef ref) {
        return 2L * ref.length() + NODE_OVERHEAD;
    }
}
