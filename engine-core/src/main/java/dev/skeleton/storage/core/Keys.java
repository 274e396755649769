package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.HexFormat;

/**
 * How keys appear in error messages: as text when they are text, as hex when they are not, and
 * never so long that they drown the message.
 */
public final class Keys {

    /** Keys longer than this many bytes are cut to this length in a description. */
    static final int MAX_SHOWN_BYTES = 64;

    private static final int FIRST_PRINTABLE = 0x20;
    private static final int LAST_PRINTABLE = 0x7e;

    private Keys() {
    }

    /**
     * Describes a key for a message.
     *
     * <p>A key whose shown bytes are all printable ASCII (0x20 to 0x7e) appears as text in double
     * quotes, with {@code "} and {@code \} escaped by a backslash ({@code "user:42"}); any other
     * key as {@code 0x} and lower-case hex ({@code 0x00ff}). Only the first 64 bytes are shown;
     * a longer key is followed by {@code … (N bytes)} with its full length.
     *
     * @param key the key, may be null
     * @return the description; {@code null} for a null key and {@code ""} (two quotes) for the
     *         empty key
     */
    public static String describe(byte[] key) {
        if (key == null) {
            return "null";
        }
        int shown = Math.min(key.length, MAX_SHOWN_BYTES);
        String description = isPrintable(key, shown) ? quoted(key, shown) : hex(key, shown);
        if (shown == key.length) {
            return description;
        }
        return description + "\u2026 (" + key.length + " bytes)";
    }

    /**
     * The {@link ErrorCode#KEY_NOT_FOUND} of a store's {@code get}: cheap (no stack trace) and
     * naming the key and the store.
     *
     * @param key   the key that was not found
     * @param store the store's name
     * @return the exception to throw
     */
    public static StorageException notFound(byte[] key, String store) {
        return new StorageException(ErrorCode.KEY_NOT_FOUND, "key " + describe(key) + " not found in store " + store);
    }

    private static boolean isPrintable(byte[] key, int length) {
        for (int i = 0; i < length; i++) {
            if (key[i] < FIRST_PRINTABLE || key[i] > LAST_PRINTABLE) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(byte[] key, int length) {
        StringBuilder text = new StringBuilder(length + 2).append('"');
        for (int i = 0; i < length; i++) {
            char c = (char) key[i];
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        return text.append('"').toString();
    }

    private static String hex(byte[] key, int length) {
        return "0x" + HexFormat.of().formatHex(key, 0, length);
    }
}
