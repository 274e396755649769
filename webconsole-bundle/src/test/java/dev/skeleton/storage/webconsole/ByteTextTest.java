package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteTextTest {

    @ParameterizedTest(name = "{0}: key {1}, value {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "6b6579            | key                  | key",
        "``                | ``                   | ``",
        "68c3a96c6c6f      | héllo                | héllo",
        "f09f9880          | \uD83D\uDE00         | \uD83D\uDE00",
        "ff                | hex:ff               | hex:ff",
        "c0af              | hex:c0af             | hex:c0af",
        "eda080            | hex:eda080           | hex:eda080",
        "610a62            | hex:610a62           | `a\nb`",
        "6109620d          | hex:6109620d         | `a\tb\r`",
        "00                | hex:00               | hex:00",
        "1b5b6d            | hex:1b5b6d           | hex:1b5b6d",
        "c29b              | hex:c29b             | hex:c29b",
        "7f                | hex:7f               | hex:7f",
        "6865783a6666      | hex:6865783a6666     | hex:6865783a6666",
        "3c623e            | <b>                  | <b>",
    })
    void showsPrintableUtf8AsTextAndTheRestAsMarkedHex(String hex, String key, String value) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(unescape(key), ByteText.showKey(bytes, false));
        assertEquals(unescape(value), ByteText.showValue(bytes, false, 1024));
        assertEquals(hex, ByteText.showKey(bytes, true));
        assertEquals(hex, ByteText.showValue(bytes, true, 1024));
    }

    @Test
    void cutsLongTextBetweenCharacters() {
        String text = "é".repeat(600); // 1200 bytes
        String shown = ByteText.showValue(utf8(text), false, 1024);
        assertEquals("é".repeat(512) + "\u2026(1200 bytes)", shown);
        String odd = "a" + "é".repeat(600); // 1201 bytes: the 512th é would end at byte 1025
        assertEquals("a" + "é".repeat(511) + "\u2026(1201 bytes)", ByteText.showValue(utf8(odd), false, 1024));
        String emoji = "\uD83D\uDE00".repeat(300); // 4 bytes each
        assertEquals("\uD83D\uDE00".repeat(256) + "\u2026(1200 bytes)", ByteText.showValue(utf8(emoji), false, 1024));
    }

    @Test
    void cutsLongBinaryAndHex() {
        byte[] binary = new byte[2000];
        Arrays.fill(binary, (byte) 0xab);
        assertEquals("hex:" + "ab".repeat(1024) + "\u2026(2000 bytes)", ByteText.showValue(binary, false, 1024));
        assertEquals("ab".repeat(1024) + "\u2026(2000 bytes)", ByteText.showValue(binary, true, 1024));
        byte[] exactly = new byte[1024];
        assertEquals("00".repeat(1024), ByteText.showValue(exactly, true, 1024));
    }

    @Test
    void textWithBinaryAfterTheCutIsHex() {
        byte[] value = Arrays.copyOf(utf8("a".repeat(1500)), 1501);
        value[1500] = (byte) 0xff;
        assertEquals("hex:" + "61".repeat(1024) + "\u2026(1501 bytes)", ByteText.showValue(value, false, 1024));
    }

    @Test
    void keysAreNeverCut() {
        String key = "k".repeat(5000);
        assertEquals(key, ByteText.showKey(utf8(key), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "ключ", "a b", "hex:ff", "<script>"})
    void textInputIsUtf8(String input) {
        assertArrayEquals(utf8(input), ByteText.parse(input, false, "the prefix"));
    }

    @Test
    void hexInputIsEitherCase() {
        assertArrayEquals(new byte[] {0x00, (byte) 0xff, 0x1a}, ByteText.parse("00FF1a", true, "the start"));
        assertArrayEquals(new byte[0], ByteText.parse("", true, "the start"));
        assertArrayEquals(new byte[0], ByteText.parse(null, false, "the start"));
        assertEquals("00ff1a", ByteText.hex(new byte[] {0x00, (byte) 0xff, 0x1a}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "abc", "zz", "0x00", "00 11", "-1"})
    void badHexIsAnInvalidArgumentNamingTheField(String input) {
        StorageException e = assertThrows(StorageException.class, () -> ByteText.parse(input, true, "the end"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("bad hex for the end: \"" + input + "\" (expected pairs of the hex digits 0-9, a-f)",
                e.getMessage());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    }
}
