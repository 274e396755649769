package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How keys and values travel between the page and bytes: as UTF-8 text, or as hex when the key
 * browser's "hex" box is ticked. The same rule as the shell's, so that a key reads the same in
 * both.
 *
 * <h2>Input</h2>
 * Text is encoded as UTF-8. Hex is pairs of hex digits, upper or lower case, nothing else (no
 * {@code 0x}, no blanks); anything else is {@link ErrorCode#INVALID_ARGUMENT}.
 *
 * <h2>Output</h2>
 * In hex mode every byte array is shown as lower-case hex. In text mode bytes are shown as text
 * when that is faithful: well-formed UTF-8 without control characters (a value may hold tabs and
 * line breaks, which the page keeps; a key may not). Anything else is shown as {@value #HEX_MARKER}
 * followed by the hex of the bytes, and so is text that itself starts with {@value #HEX_MARKER},
 * so that a leading {@value #HEX_MARKER} always means hex.
 *
 * <h2>Cutting</h2>
 * {@link #showCut} shows at most a given number of bytes of a long value and then says how long
 * the whole is: {@code "…(N bytes)"}. Text is cut between characters, never inside one. Whether a
 * value is text is judged on the whole value.
 *
 * <p>Stateless and thread-safe.
 */
final class ByteText {

    /** Prefix of bytes shown as hex in text mode. */
    static final String HEX_MARKER = "hex:";

    private static final HexFormat HEX = HexFormat.of();

    private ByteText() {
    }

    /**
     * The bytes a field of the page stands for.
     *
     * @param input the field's text
     * @param hex   whether the field is hex
     * @param what  what the field is, for the message ("the prefix", "after", …)
     * @return the bytes; empty for null or empty input
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} for bad hex
     */
    static byte[] parse(String input, boolean hex, String what) {
        if (input == null || input.isEmpty()) {
            return new byte[0];
        }
        if (!hex) {
            return input.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return HEX.parseHex(input);
        } catch (IllegalArgumentException e) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "bad hex for " + what + ": \"" + input
                    + "\" (expected pairs of the hex digits 0-9, a-f)");
        }
    }

    /**
     * The bytes as lower-case hex, whatever the mode (the key browser's page cursor).
     *
     * @param bytes the bytes
     * @return two hex digits a byte
     */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * A key as the page shows it: text without any control character, or hex.
     *
     * @param key the key
     * @param hex whether hex mode is on
     * @return the text
     */
    static String showKey(byte[] key, boolean hex) {
        return showCut(key, hex, false, Integer.MAX_VALUE);
    }

    /**
     * A value as the page shows it, cut after {@code maxBytes} bytes.
     *
     * @param value    the value
     * @param hex      whether hex mode is on
     * @param maxBytes how many bytes of the value to show at most
     * @return the text, ending in {@code "…(N bytes)"} if cut
     */
    static String showValue(byte[] value, boolean hex, int maxBytes) {
        return showCut(value, hex, true, maxBytes);
    }

    private static String showCut(byte[] bytes, boolean hex, boolean layoutAllowed, int maxBytes) {
        boolean cut = bytes.length > maxBytes;
        String suffix = cut ? "\u2026(" + bytes.length + " bytes)" : "";
        if (hex) {
            return HEX.formatHex(bytes, 0, Math.min(bytes.length, maxBytes)) + suffix;
        }
        String text = decodeUtf8(bytes);
        if (text == null || text.startsWith(HEX_MARKER) || hasControlCharacter(text, layoutAllowed)) {
            return HEX_MARKER + HEX.formatHex(bytes, 0, Math.min(bytes.length, maxBytes)) + suffix;
        }
        return (cut ? textPrefix(text, maxBytes) : text) + suffix;
    }

    /** The longest start of the text whose UTF-8 form has at most {@code maxBytes} bytes. */
    private static String textPrefix(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = utf8Length(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /** The text, or null if the bytes are not well-formed UTF-8. */
    private static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the text holds a control character other than, where allowed, tab and line breaks. */
    private static boolean hasControlCharacter(String text, boolean layoutAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean layout = c == '\n' || c == '\r' || c == '\t';
            if (Character.isISOControl(c) && !(layoutAllowed && layout)) {
                return true;
            }
        }
        return false;
    }
}
