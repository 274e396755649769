package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of keys of a store for the key browser, without reading the rest of the store.
 *
 * <h2>How</h2>
 * A store that is {@link RangeQueryable} is asked for the page's range only ({@link KeyRange}: the
 * browser's prefix, start and end, and for a later page "after the last key shown"); the visitor
 * keeps {@code limit} entries, and stops the iteration at the entry after them, which only tells
 * that there is a next page. Each page therefore costs the engine a seek and {@code limit + 1}
 * entries, however large the store and however far the page is into it.
 *
 * <p>A store without range queries can only be iterated from its first key: the visitor skips the
 * keys below the range and stops at the first above it or after {@code limit + 1} entries. Such a
 * page costs the keys before it, but never the keys after it.
 *
 * <p>Values are shown cut after {@link #MAX_VALUE_BYTES} bytes, and converted while visiting, so a
 * page never holds more than that of any value.
 *
 * <p>Stateless and thread-safe; the visitor runs in the caller's thread and holds no lock.
 */
final class KeyPager {

    /** How many bytes of a value a page shows at most (1 KiB). */
    static final int MAX_VALUE_BYTES = 1024;

    private KeyPager() {
    }

    /**
     * A page of keys.
     *
     * @param store the store
     * @param range the keys to show
     * @param limit how many entries at most, 1 or more
     * @param hex   whether to show keys and values as hex
     * @return the page
     */
    static KeyPage page(Store store, KeyRange range, int limit, boolean hex) {
        Collector collector = new Collector(range, limit, hex);
        if (store instanceof RangeQueryable ranged && ranged.supportsRangeQueries()) {
            if (!range.isEmpty()) {
                ranged.iterateRange(range.start(), range.end(), true, collector::visitInRange);
            }
        } else {
            store.iterate(collector::visitFromFirst);
        }
        return collector.page();
    }

    /** Keeps the entries of one page and notices the first entry after it. */
    private static final class Collector {

        private final KeyRange range;
        private final int limit;
        private final boolean hex;
        private final List<KeyPage.Entry> entries = new ArrayList<>();
        private byte[] lastKey;
        private boolean more;

        Collector(KeyRange range, int limit, boolean hex) {
            this.range = range;
            this.limit = limit;
            this.hex = hex;
        }

        /** A {@link KeyValueVisitor} over the page's range only. */
        boolean visitInRange(byte[] key, byte[] value) {
            if (entries.size() == limit) {
                more = true;
                return false;
            }
            entries.add(new KeyPage.Entry(ByteText.showKey(key, hex), ByteText.showValue(value, hex, MAX_VALUE_BYTES),
                    value.length, value.length > MAX_VALUE_BYTES));
            lastKey = key;
            return true;
        }

        /** A {@link KeyValueVisitor} over the whole store, from its first key. */
        boolean visitFromFirst(byte[] key, byte[] value) {
            if (range.isBelow(key)) {
                return true;
            }
            return !range.isAbove(key) && visitInRange(key, value);
        }

        KeyPage page() {
            return new KeyPage(entries, more, more ? ByteText.hex(lastKey) : null);
        }
    }
}
