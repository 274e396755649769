package dev.skeleton.storage.testkit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

/**
 * Byte-array test data: text keys and values as UTF-8, raw bytes from hex, and a readable
 * rendering of any array for assertion messages.
 *
 * <p>Typical use: {@code import static dev.skeleton.storage.testkit.Bytes.utf8;} and then
 * {@code store.set(utf8("key"), utf8("value"))}. All methods are pure and thread-safe.
 */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    /**
     * The UTF-8 encoding of a text.
     *
     * @param text the text
     * @return a new array
     */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The bytes written as hex digits, for keys whose unsigned order matters ({@code "7f"},
     * {@code "80"}, {@code "ff00"}).
     *
     * @param hexDigits an even number of hex digits; empty for the empty array
     * @return a new array
     */
    public static byte[] hex(String hexDigits) {
        return HEX.parseHex(hexDigits);
    }

    /**
     * A readable rendering for messages and for comparing iteration results: the text itself when
     * every byte is printable ASCII, otherwise {@code 0x} followed by lower-case hex digits.
     *
     * @param bytes the array; null is shown as {@code null}
     * @return the rendering
     */
    public static String show(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HEX.formatHex(bytes);
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /**
     * Reproducible pseudo-random bytes, so that a failing test fails the same way every run.
     *
     * @param length how many bytes
     * @param seed   the seed of the generator
     * @return a new array
     */
    public static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
