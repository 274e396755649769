package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.testkit.Bytes.show;
import static dev.skeleton.storage.testkit.Bytes.utf8;

import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Store content written and read as {@code "key=value"} strings, so that a test states the content
 * it expects as one readable list.
 *
 * <p>Keys and values are UTF-8 text on the way in; on the way out they are rendered with
 * {@link Bytes#show(byte[])}, so non-printable bytes appear as {@code 0x...}. An iteration is any
 * call that feeds a visitor, which covers {@link Store#iterate}, a transaction's iterate and
 * {@code iterateRange}:
 * <pre>{@code
 * assertEquals(List.of("a=1", "b=2"), Entries.visit(store::iterate));
 * assertEquals(List.of("b", "a"), Entries.keys(v -> range.iterateRange(null, null, false, v)));
 * }</pre>
 */
public final class Entries {

    private Entries() {
    }

    /**
     * Writes entries given as {@code "key=value"}; the key ends at the first {@code '='}.
     *
     * @param store   the store (or transaction) to write to
     * @param entries the entries, in the order they are written
     */
    public static void write(Store store, String... entries) {
        for (String entry : entries) {
            int split = entry.indexOf('=');
            if (split < 0) {
                throw new IllegalArgumentException("entry must be key=value: " + entry);
            }
            store.set(utf8(entry.substring(0, split)), utf8(entry.substring(split + 1)));
        }
    }

    /**
     * The entries that an iteration visits, as {@code "key=value"}, in visiting order.
     *
     * @param iteration the iteration, given the visitor to call
     * @return the visited entries
     */
    public static List<String> visit(Consumer<KeyValueVisitor> iteration) {
        List<String> visited = new ArrayList<>();
        iteration.accept((key, value) -> visited.add(show(key) + "=" + show(value)));
        return visited;
    }

    /**
     * The keys that an iteration visits, in visiting order.
     *
     * @param iteration the iteration, given the visitor to call
     * @return the visited keys
     */
    public static List<String> keys(Consumer<KeyValueVisitor> iteration) {
        List<String> visited = new ArrayList<>();
        iteration.accept((key, value) -> visited.add(show(key)));
        return visited;
    }

    /**
     * The whole content of a store (or transaction), as {@code "key=value"} in iteration order.
     *
     * @param store the store
     * @return its entries
     */
    public static List<String> of(Store store) {
        return visit(store::iterate);
    }
}
