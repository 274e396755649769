package dev.skeleton.storage.shell;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How keys and values travel between the command line and bytes: as UTF-8 text (the default) or
 * as hex (the {@code -x}/{@code --hex} option).
 *
 * <h2>Input</h2>
 * {@link #TEXT} encodes the argument as UTF-8. {@link #HEX} reads pairs of hex digits, upper or
 * lower case, nothing else (no {@code 0x}, no blanks); anything else is
 * {@link ErrorCode#INVALID_ARGUMENT}.
 *
 * <h2>Output</h2>
 * {@link #HEX} shows every byte array as lower-case hex. {@link #TEXT} shows the bytes as text when
 * that is faithful and safe for a terminal: valid UTF-8 without control characters (a value shown
 * on its own, by {@code get}, may contain tabs and line breaks; a key or value on a line of
 * {@code scan} may not). Anything else is shown as {@value #HEX_MARKER} followed by the hex of the
 * bytes, and so is text that itself starts with {@value #HEX_MARKER}, so that in text output a
 * leading {@value #HEX_MARKER} always means hex. Empty arrays show as the empty string.
 */
enum Encoding {

    /** UTF-8 text; unprintable bytes are shown as marked hex. */
    TEXT,
    /** Hex digits, two per byte. */
    HEX;

    /** Prefix of bytes shown as hex in text output. */
    static final String HEX_MARKER = "hex:";

    private static final HexFormat HEX_FORMAT = HexFormat.of();

    /**
     * The encoding the {@code --hex} option selects.
     *
     * @param hex whether the option was given
     * @return {@link #HEX} or {@link #TEXT}
     */
    static Encoding of(boolean hex) {
        return hex ? HEX : TEXT;
    }

    /**
     * The bytes a command-line argument stands for.
     *
     * @param argument the argument as Gogo passed it
     * @param what     what the argument is, for the message ("the key", "--start", …)
     * @return the bytes
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if the argument is missing (an
     *         unset Gogo variable arrives as null) or, in hex, not pairs of hex digits
     */
    byte[] parse(String argument, String what) {
        if (argument == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "no value given for " + what);
        }
        if (this == TEXT) {
            return argument.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return HEX_FORMAT.parseHex(argument);
        } catch (IllegalArgumentException e) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "bad hex for " + what + ": \""
                    + argument + "\" (expected pairs of the hex digits 0-9, a-f)");
        }
    }

    /**
     * The bytes as a command prints them on their own (a value that may span lines).
     *
     * @param bytes the bytes
     * @return text or hex, see the class description
     */
    String show(byte[] bytes) {
        return show(bytes, false);
    }

    /**
     * The bytes as a command prints them within one line of output.
     *
     * @param bytes the bytes
     * @return text without any control character, or hex
     */
    String showInLine(byte[] bytes) {
        return show(bytes, true);
    }

    private String show(byte[] bytes, boolean inLine) {
        if (this == HEX) {
            return HEX_FORMAT.formatHex(bytes);
        }
        String text = decodeUtf8(bytes);
        if (text == null || text.startsWith(HEX_MARKER) || hasControlCharacter(text, inLine)) {
            return HEX_MARKER + HEX_FORMAT.formatHex(bytes);
        }
        return text;
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

    /**
     * Whether the text holds a character that would garble a terminal (escape sequences, C1
     * controls) or, within a line, break the line.
     */
    private static boolean hasControlCharacter(String text, boolean inLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean layout = c == '\n' || c == '\r' || c == '\t';
            if (Character.isISOControl(c) && (inLine || !layout)) {
                return true;
            }
        }
        return false;
    }
}
