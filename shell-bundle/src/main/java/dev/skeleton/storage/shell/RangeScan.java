package dev.skeleton.storage.shell;

import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One bounded walk over a store for the {@code scan} command: the entries with
 * {@code start <= key < end}, ascending or descending, at most {@code limit} of them.
 *
 * <p>Bounds follow {@link RangeQueryable#iterateRange}: half-open, unsigned byte order, an empty
 * bound is unbounded, {@code start >= end} (both given) is empty. A store that is
 * {@link RangeQueryable} walks only the range, in the asked direction, and stops after
 * {@code limit + 1} entries (the extra one tells whether there are more). Any other store is
 * iterated from its first key in ascending order: ascending scans stop at {@code end} or after
 * {@code limit + 1} entries; descending scans must read the whole range and keep only the last
 * {@code limit + 1} entries they saw, so memory stays bounded by the limit. With a limit of 0 every
 * entry of the range is collected.
 *
 * <p>Each scan sees the store's point-in-time snapshot (the iteration contract of {@link Store}).
 */
final class RangeScan {

    /** One entry found. */
    record Entry(byte[] key, byte[] value) {
    }

    /**
     * What a scan found.
     *
     * @param entries the entries, in scan order, at most the limit
     * @param next    the first entry beyond the limit, or null if the range held no more
     */
    record Result(List<Entry> entries, Entry next) {
    }

    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;
    private final int limit;

    /**
     * A scan.
     *
     * @param start   lowest key, inclusive; empty: unbounded
     * @param end     key where the range ends, exclusive; empty: unbounded
     * @param reverse true to walk from the highest key down
     * @param limit   most entries returned; 0: no limit
     */
    RangeScan(byte[] start, byte[] end, boolean reverse, int limit) {
        this.start = start;
        this.end = end;
        this.reverse = reverse;
        this.limit = limit;
    }

    /**
     * Runs the scan.
     *
     * @param store the store
     * @return the entries and whether there are more
     */
    Result run(Store store) {
        if (store instanceof RangeQueryable ranges && ranges.supportsRangeQueries()) {
            return walkRange(ranges);
        }
        return reverse ? iterateDescending(store) : iterateAscending(store);
    }

    private Result walkRange(RangeQueryable ranges) {
        List<Entry> found = new ArrayList<>();
        ranges.iterateRange(start, end, !reverse, collectUpTo(found, wanted()));
        return result(found);
    }

    private Result iterateAscending(Store store) {
        List<Entry> found = new ArrayList<>();
        KeyValueVisitor collect = collectUpTo(found, wanted());
        store.iterate((key, value) -> {
            if (!aboveStart(key)) {
                return true;
            }
            return belowEnd(key) && collect.visit(key, value);
        });
        return result(found);
    }

    private Result iterateDescending(Store store) {
        ArrayDeque<Entry> lastSeen = new ArrayDeque<>();
        long wanted = wanted();
        store.iterate((key, value) -> {
            if (!aboveStart(key)) {
                return true;
            }
            if (!belowEnd(key)) {
                return false;
            }
            lastSeen.addLast(new Entry(key, value));
            if (lastSeen.size() > wanted) {
                lastSeen.removeFirst();
            }
            return true;
        });
        List<Entry> found = new ArrayList<>(lastSeen.size());
        lastSeen.descendingIterator().forEachRemaining(found::add);
        return result(found);
    }

    /** The limit plus the one entry that tells whether there are more. */
    private long wanted() {
        return limit == 0 ? Long.MAX_VALUE : limit + 1L;
    }

    private static KeyValueVisitor collectUpTo(List<Entry> found, long wanted) {
        return (key, value) -> {
            found.add(new Entry(key, value));
            return found.size() < wanted;
        };
    }

    private Result result(List<Entry> found) {
        if (limit == 0 || found.size() <= limit) {
            return new Result(found, null);
        }
        return new Result(found.subList(0, limit), found.get(limit));
    }

    private boolean aboveStart(byte[] key) {
        return start.length == 0 || Arrays.compareUnsigned(key, start) >= 0;
    }

    private boolean belowEnd(byte[] key) {
        return end.length == 0 || Arrays.compareUnsigned(key, end) < 0;
    }
}
