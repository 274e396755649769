package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyRangeTest {

    private static final byte[] NONE = new byte[0];

    @ParameterizedTest(name = "successor of {0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "61      | 62",
        "6162    | 6163",
        "61ff    | 62",
        "61ffff  | 62",
        "00      | 01",
        "fe      | ff",
        "ff      | ''",
        "ffff    | ''",
        "7fff01  | 7fff02",
    })
    void prefixSuccessorIsTheFirstStringAboveAllItsKeys(String prefix, String successor) {
        byte[] computed = KeyRange.successorOfPrefix(hex(prefix));
        if (successor.isEmpty()) {
            assertNull(computed);
        } else {
            assertArrayEquals(hex(successor), computed);
        }
    }

    @Test
    void prefixAloneIsItsRange() {
        KeyRange range = KeyRange.of(hex("6b"), NONE, NONE);
        assertEquals(new KeyRange(hex("6b"), hex("6c")), range);
        assertEquals(new KeyRange(hex("ff"), null), KeyRange.of(hex("ff"), NONE, NONE));
        assertEquals(KeyRange.ALL, KeyRange.of(NONE, NONE, NONE));
    }

    @Test
    void prefixStartAndEndNarrowEachOther() {
        assertEquals(new KeyRange(hex("6b35"), hex("6c")), KeyRange.of(hex("6b"), hex("6b35"), NONE));
        assertEquals(new KeyRange(hex("6b"), hex("6b35")), KeyRange.of(hex("6b"), hex("61"), hex("6b35")));
        assertEquals(new KeyRange(hex("6b"), hex("6c")), KeyRange.of(hex("6b"), hex("00"), hex("ff")));
        assertEquals(new KeyRange(hex("10"), hex("20")), KeyRange.of(NONE, hex("10"), hex("20")));
        assertEquals(new KeyRange(null, hex("20")), KeyRange.of(NONE, NONE, hex("20")));
    }

    @Test
    void afterStartsAtTheNextPossibleKey() {
        KeyRange range = KeyRange.of(NONE, hex("10"), hex("20"));
        assertEquals(new KeyRange(hex("1500"), hex("20")), range.after(hex("15")));
        // A cursor below the range does not widen it.
        assertEquals(range, range.after(hex("01")));
        assertEquals(new KeyRange(hex("00"), null), KeyRange.ALL.after(NONE));
        assertTrue(range.after(hex("20")).isEmpty());
    }

    @Test
    void emptinessAndPosition() {
        assertTrue(new KeyRange(hex("20"), hex("20")).isEmpty());
        assertTrue(new KeyRange(hex("30"), hex("20")).isEmpty());
        assertFalse(new KeyRange(hex("10"), hex("20")).isEmpty());
        assertFalse(KeyRange.ALL.isEmpty());
        assertTrue(KeyRange.of(hex("6b"), hex("70"), NONE).isEmpty());

        KeyRange range = new KeyRange(hex("10"), hex("20"));
        assertTrue(range.isBelow(hex("0fff")));
        assertFalse(range.isBelow(hex("10")));
        assertFalse(range.isAbove(hex("1fff")));
        assertTrue(range.isAbove(hex("20")));
        assertFalse(KeyRange.ALL.isBelow(NONE));
        assertFalse(KeyRange.ALL.isAbove(hex("ffff")));
        // Unsigned order: 0x80 sorts above 0x7f.
        assertTrue(new KeyRange(null, hex("80")).isAbove(hex("80")));
        assertFalse(new KeyRange(null, hex("80")).isAbove(hex("7f")));
    }

    @Test
    void boundsAreCopiesAndValuesCompareByContent() {
        byte[] start = hex("10");
        KeyRange range = new KeyRange(start, null);
        start[0] = 0x55;
        assertArrayEquals(hex("10"), range.start());
        range.start()[0] = 0x66;
        assertArrayEquals(hex("10"), range.start());
        assertNull(range.end());
        assertEquals(new KeyRange(hex("10"), null).hashCode(), range.hashCode());
        assertNotEquals(new KeyRange(hex("11"), null), range);
        assertNotEquals(range, "[10, -)");
        assertEquals("[10, -)", range.toString());
        assertEquals("[-, 20)", new KeyRange(null, hex("20")).toString());
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
