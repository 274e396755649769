package dev.skeleton.storage.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pages of one store's trees that are kept in the heap: a cache of nodes by page position,
 * bounded in bytes, that reads a missing page through the engine's {@link PageReader}.
 *
 * <h2>Bounds</h2>
 * The cache holds at most about {@code capacityBytes} of nodes, each weighed as
 * {@link #weightOf twice its page's length plus a fixed overhead} (a decoded node is larger than
 * its bytes on disk: arrays, headers, the prefix array). What else is in the heap on the store's
 * behalf is bounded by the engine: the root of each kept tree, and the nodes written since its last
 * checkpoint. Readers hold the few nodes on their path while they use them; an evicted node stays
 * valid for whoever holds it, it is only no longer shared.
 *
 * <h2>Concurrency</h2>
 * The cache is split into {@value #SEGMENTS} segments by position, each an access-ordered map
 * under its own monitor, so that threads reading different pages rarely wait for each other. The
 * read of a missing page happens outside any monitor; two threads missing the same page may both
 * read it, and the second one's node replaces the first in the cache (equal content).
 */
public final class PageSource {

    private static final int SEGMENTS = 16;
    /** What a node costs beyond twice its page: the node object, its three arrays, headers. */
    private static final int NODE_OVERHEAD = 256;

    private final PageReader reader;
    private final Segment[] segments = new Segment[SEGMENTS];
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /**
     * A cache in front of a reader.
     *
     * @param reader        reads missing pages
     * @param capacityBytes the most bytes of nodes kept; at least one node per segment is kept
     *                      whatever the capacity
     */
    public PageSource(PageReader reader, long capacityBytes) {
        this.reader = reader;
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(Math.max(1, capacityBytes / SEGMENTS));
        }
    }

    /** The node of a page: cached, or read and cached. */
    Node node(PageRef ref) {
        Segment segment = segmentOf(ref.position());
        Node cached = segment.get(ref.position());
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        Node node = Node.of(reader.read(ref));
        node.markStored(ref);
        segment.put(ref.position(), node, weightOf(ref));
        return node;
    }

    /** Caches a node just written as a page. */
    void remember(PageRef ref, Node node) {
        segmentOf(ref.position()).put(ref.position(), node, weightOf(ref));
    }

    /**
     * Forgets every cached page (for instance of files deleted by a compaction). Nodes in use stay
     * valid for their holders.
     */
    public void clear() {
        for (Segment segment : segments) {
            segment.clear();
        }
    }

    /** @return the bytes of nodes cached now, by the weights described above */
    public long cachedBytes() {
        long bytes = 0;
        for (Segment segment : segments) {
            bytes += segment.bytes();
        }
        return bytes;
    }

    /** @return how many node lookups the cache answered */
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

    private Segment segmentOf(long position) {
        long mixed = position * 0x9E3779B97F4A7C15L;
        return segments[(int) (mixed >>> 60)];
    }

    /** One part of the cache: least recently used first, evicted down to its capacity on insert. */
    private static final class Segment {
        private final long capacity;
        private final LinkedHashMap<Long, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
        private long bytes;

        Segment(long capacity) {
            this.capacity = capacity;
        }

        synchronized Node get(long position) {
            Entry entry = entries.get(position);
            return entry == null ? null : entry.node;
        }

        synchronized void put(long position, Node node, long weight) {
            Entry old = entries.put(position, new Entry(node, weight));
            if (old != null) {
                bytes -= old.weight;
            }
            bytes += weight;
            Iterator<Map.Entry<Long, Entry>> eldest = entries.entrySet().iterator();
            while (bytes > capacity && entries.size() > 1) {
                bytes -= eldest.next().getValue().weight;
                eldest.remove();
            }
        }

        synchronized void clear() {
            entries.clear();
            bytes = 0;
        }

        synchronized long bytes() {
            return bytes;
        }
    }

    private record Entry(Node node, long weight) {
    }
}
