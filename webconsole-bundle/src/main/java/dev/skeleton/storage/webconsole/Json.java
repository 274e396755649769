package dev.skeleton.storage.webconsole;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the page's JSON: a value built of maps, collections, strings, numbers, booleans and null,
 * as one line of RFC 8259 JSON. Our own small writer, so the bundle needs no JSON library in every
 * container it runs in.
 *
 * <h2>Strings</h2>
 * Quotes and backslashes are escaped, and so is every control character (U+0000 to U+001F and
 * U+007F): the short forms {@code \b \f \n \r \t} where JSON has them, {@code \}{@code uXXXX}
 * otherwise. Also escaped, although JSON would allow them raw:
 * <ul>
 *   <li>{@code <}, {@code >} and {@code &}, so that no response can be read as markup by a browser
 *       that sniffs, and {@code </script>} can never close anything;</li>
 *   <li>U+2028 and U+2029, which JavaScript source (not {@code JSON.parse}) reads as line ends;</li>
 *   <li>a surrogate that is not half of a pair: it has no UTF-8 form, and the response writer would
 *       otherwise turn it into a question mark.</li>
 * </ul>
 * Everything else, non-ASCII text included, is written as it is (responses are UTF-8).
 *
 * <h2>Numbers</h2>
 * Integers as they are; a {@code double} or {@code float} that is NaN or infinite (which JSON
 * cannot write) as {@code null}.
 *
 * <p>Maps are written in their iteration order; their keys are turned into strings with
 * {@code String.valueOf}. Stateless and thread-safe.
 */
final class Json {

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /**
     * A value as JSON.
     *
     * @param value a {@link Map}, {@link Collection}, {@link CharSequence}, {@link Number},
     *              {@link Boolean} or null, nested as deep as wanted
     * @return the JSON text
     * @throws IllegalArgumentException for a value of any other type (a programming error)
     */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        append(out, value);
        return out.toString();
    }

    /**
     * A string as a JSON string literal, quotes included.
     *
     * @param text the text; null gives {@code null}
     * @return the literal
     */
    static String quote(CharSequence text) {
        StringBuilder out = new StringBuilder(text == null ? 4 : text.length() + 2);
        appendString(out, text);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null || value instanceof CharSequence) {
            appendString(out, (CharSequence) value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Number number) {
            appendNumber(out, number);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(out, map);
        } else if (value instanceof Collection<?> items) {
            appendArray(out, items);
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, String.valueOf(entry.getKey()));
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    private static void appendArray(StringBuilder out, Collection<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, item);
        }
        out.append(']');
    }

    private static void appendNumber(StringBuilder out, Number number) {
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            out.append(Double.isFinite(d) ? String.valueOf(number) : "null");
        } else if (number instanceof BigDecimal decimal) {
            out.append(decimal.toString());
        } else if (number instanceof BigInteger || number instanceof Long || number instanceof Integer
                || number instanceof Short || number instanceof Byte) {
            out.append(number);
        } else {
            // An unknown Number (an AtomicLong, a metric's own type): its long value is what it counts.
            out.append(number.longValue());
        }
    }

    private static void appendString(StringBuilder out, CharSequence text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                appendChar(out, c);
            }
        }
        out.append('"');
    }

    private static void appendChar(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029'
                        || Character.isSurrogate(c)) {
                    appendUnicodeEscape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX_DIGITS[(c >> 12) & 0xf])
                .append(HEX_DIGITS[(c >> 8) & 0xf])
                .append(HEX_DIGITS[(c >> 4) & 0xf])
                .append(HEX_DIGITS[c & 0xf]);
    }
}
