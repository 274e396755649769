package dev.skeleton.storage.core;

import dev.skeleton.storage.KeyValueVisitor;
import java.util.function.Function;

/**
 * Hands the entries of a cursor to a caller's visitor, as the API's iterations do: each key and
 * value as an array of the caller's own, until the visitor returns false. Runs with no lock held,
 * since the visitor is user code.
 */
public final class CursorVisits {

    private CursorVisits() {
    }

    /**
     * Calls the visitor with copies of each entry until it returns false.
     *
     * @param cursor  the entries
     * @param copyOut turns a stored value into an array the caller owns
     * @param visitor the caller's visitor
     * @param <V>     the value type
     * @return the last key visited when the visitor stopped, or null if it walked to the end
     */
    public static <V> byte[] visit(TreeCursor<V> cursor, Function<V, byte[]> copyOut, KeyValueVisitor visitor) {
        while (cursor.next()) {
            if (!visitor.visit(cursor.key().clone(), copyOut.apply(cursor.value()))) {
                return cursor.key();
            }
        }
        return null;
    }
}
