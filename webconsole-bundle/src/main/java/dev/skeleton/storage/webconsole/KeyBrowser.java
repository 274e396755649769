package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code keys.json}: one page of the key browser, from the request's parameters.
 *
 * <ul>
 *   <li>{@code store}: the store (required);</li>
 *   <li>{@code prefix}, {@code start}, {@code end}: keys that start with the prefix, from start
 *       (inclusive) to end (exclusive); each optional, all three narrow the same range;</li>
 *   <li>{@code hex}: {@code true} if those three are hex and keys and values are to be shown as hex;
 *       otherwise they are UTF-8 text, and keys and values are shown as text where faithful
 *       ({@link ByteText});</li>
 *   <li>{@code after}: where the page starts: the {@code next} of the previous page, the hex of its
 *       last key (hex whatever {@code hex} says, so that a cursor is exact for any key); empty for
 *       the first page;</li>
 *   <li>{@code limit}: keys a page, {@value #DEFAULT_LIMIT} by default, 1 to {@value #MAX_LIMIT}.</li>
 * </ul>
 * The answer has {@code keys} (each {@code key}, {@code value}, {@code valueBytes}, {@code cut}),
 * {@code count}, {@code more} and {@code next}. See {@link KeyPager} for how a page is read.
 * Stateless.
 */
final class KeyBrowser {

    /** Keys a page unless asked otherwise. */
    static final int DEFAULT_LIMIT = 50;
    /** The most keys a page may ask for. */
    static final int MAX_LIMIT = 1000;

    private KeyBrowser() {
    }

    /**
     * A page of keys.
     *
     * @param stores the multistore
     * @param params the request's parameters
     * @return the JSON model
     */
    static Map<String, Object> page(MultiStore stores, RequestParams params) {
        String name = params.required("store");
        boolean hex = params.flag("hex");
        int limit = (int) params.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        KeyRange range = KeyRange.of(ByteText.parse(params.text("prefix"), hex, "the prefix"),
                ByteText.parse(params.text("start"), hex, "the start"),
                ByteText.parse(params.text("end"), hex, "the end"));
        String after = params.text("after");
        if (!after.isEmpty()) {
            range = range.after(ByteText.parse(after, true, "after"));
        }
        Store store = stores.getStore(name);
        KeyPage page = KeyPager.page(store, range, limit, hex);
        List<Object> keys = new ArrayList<>();
        for (KeyPage.Entry entry : page.entries()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", entry.key());
            row.put("value", entry.value());
            row.put("valueBytes", entry.valueBytes());
            row.put("cut", entry.cut());
            keys.add(row);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("store", name);
        model.put("hex", hex);
        model.put("limit", limit);
        model.put("keys", keys);
        model.put("count", keys.size());
        model.put("more", page.more());
        model.put("next", page.next());
        return model;
    }
}
