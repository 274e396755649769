package dev.skeleton.storage.webconsole;

import java.util.List;

/**
 * One page of the key browser, as the page shows it.
 *
 * @param entries the keys and values of the page, in ascending key order
 * @param more    whether the range holds a key after the last one of this page
 * @param next    where the next page starts: the hex of the last key shown (the {@code after}
 *                parameter of the next request); null when there is no next page
 */
record KeyPage(List<Entry> entries, boolean more, String next) {

    /**
     * Copies.
     */
    KeyPage {
        entries = List.copyOf(entries);
    }

    /**
     * One key and its value, as shown.
     *
     * @param key        the key, as text or hex (see {@link ByteText})
     * @param value      the value, as text or hex, cut if long
     * @param valueBytes the length of the whole value in bytes
     * @param cut        whether {@code value} shows only the start of the value
     */
    record Entry(String key, String value, int valueBytes, boolean cut) {
    }
}
