package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPrefixTest {

    @ParameterizedTest(name = "{0} and {1} have equal prefixes")
    @CsvSource({"'', 00", "61, 6100", "0102030405060708, 010203040506070809", "'', 0000000000000000ff"})
    void padsShortKeysWithZerosAndIgnoresBytesAfterTheEighth(String left, String right) {
        assertEquals(KeyPrefix.of(hex(left)), KeyPrefix.of(hex(right)));
    }

    @Test
    void ordersLikeTheUnsignedKeysWheneverThePrefixesDiffer() {
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            byte[] left = randomKey(random);
            byte[] right = randomKey(random);
            long leftPrefix = KeyPrefix.of(left);
            long rightPrefix = KeyPrefix.of(right);
            if (leftPrefix != rightPrefix) {
                assertEquals(Integer.signum(Arrays.compareUnsigned(left, right)),
                        Long.signum(Long.compare(leftPrefix, rightPrefix)),
                        HexFormat.of().formatHex(left) + " vs " + HexFormat.of().formatHex(right));
            }
        }
    }

    @Test
    void putsHighBytesAboveLowBytesAcrossTheWholeRangeOfLong() {
        assertTrue(KeyPrefix.of(new byte[] {(byte) 0x80}) > KeyPrefix.of(new byte[] {0x7f}));
        assertTrue(KeyPrefix.of(new byte[] {(byte) 0xff}) > KeyPrefix.of(new byte[] {0x00, 0x01}));
        assertEquals(Long.MIN_VALUE, KeyPrefix.of(new byte[0]));
        assertEquals(Long.MAX_VALUE, KeyPrefix.of(hex("ffffffffffffffff")));
    }

    private static byte[] randomKey(Random random) {
        byte[] key = new byte[random.nextInt(11)];
        byte[] alphabet = {0, 1, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return key;
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
