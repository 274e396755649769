package dev.skeleton.storage.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''             | '\"\"'",
        "75736572       | '\"user\"'",
        "757365723a3432 | '\"user:42\"'",
        "20             | '\" \"'",
        "7e             | '\"~\"'",
        "61225c62       | '\"a\\\"\\\\b\"'",
        "00             | 0x00",
        "1f             | 0x1f",
        "7f             | 0x7f",
        "80ff           | 0x80ff",
        "6100           | 0x6100",
        "00ff7f80       | 0x00ff7f80",
    })
    void showsPrintableKeysAsQuotedTextAndOthersAsHex(String keyHex, String expected) {
        assertEquals(expected, Keys.describe(HexFormat.of().parseHex(keyHex)));
    }

    @Test
    void describesNullAsNull() {
        assertEquals("null", Keys.describe(null));
    }

    @Test
    void showsKeysOfSixtyFourBytesInFull() {
        String text = "k".repeat(64);

        assertEquals('"' + text + '"', Keys.describe(text.getBytes(US_ASCII)));
    }

    @Test
    void cutsLongTextKeysAndGivesTheirLength() {
        byte[] key = ("k".repeat(64) + "tail").getBytes(US_ASCII);

        assertEquals('"' + "k".repeat(64) + "\"\u2026 (68 bytes)", Keys.describe(key));
    }

    @Test
    void cutsLongBinaryKeysAndGivesTheirLength() {
        byte[] key = new byte[1000];

        assertEquals("0x" + "00".repeat(64) + "\u2026 (1000 bytes)", Keys.describe(key));
    }
}
