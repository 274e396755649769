package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncodingTest {

    @ParameterizedTest(name = "{0}: get shows {1}, scan shows {2}")
    @CsvSource(delimiter = '|', value = {
        "68c3a96c6c6f      | héllo                  | héllo",
        "''                | ''                     | ''",
        "ff                | hex:ff                 | hex:ff",
        "c0af              | hex:c0af               | hex:c0af",
        "eda080            | hex:eda080             | hex:eda080",
        "610a62            | 'a\nb'                 | hex:610a62",
        "6109620d          | 'a\tb\r'               | hex:6109620d",
        "1b5b6d            | hex:1b5b6d             | hex:1b5b6d",
        "c29b              | hex:c29b               | hex:c29b",
        "00                | hex:00                 | hex:00",
        "6865783a          | hex:6865783a           | hex:6865783a",
        "68657820          | 'hex '                 | 'hex '",
    })
    void textShowsPrintableUtf8AndMarksTheRest(String hex, String shown, String shownInLine) {
        byte[] bytes = Encoding.HEX.parse(hex, "test");
        assertEquals(unescape(shown), Encoding.TEXT.show(bytes));
        assertEquals(unescape(shownInLine), Encoding.TEXT.showInLine(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "ff00", "0123456789abcdef"})
    void hexRoundTrips(String hex) {
        byte[] bytes = Encoding.HEX.parse(hex.toUpperCase(), "test");
        assertEquals(hex, Encoding.HEX.show(bytes));
        assertEquals(hex, Encoding.HEX.showInLine(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "abc", "zz", "0x00", "00 11", "-1"})
    void badHexIsAnInvalidArgument(String input) {
        StorageException e = assertThrows(StorageException.class, () -> Encoding.HEX.parse(input, "the key"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("bad hex for the key: \"" + input + "\" (expected pairs of the hex digits 0-9, a-f)",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "ключ", "a b", "hex:ff"})
    void textIsUtf8(String input) {
        assertArrayEquals(input.getBytes(StandardCharsets.UTF_8), Encoding.TEXT.parse(input, "the key"));
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    }
}
