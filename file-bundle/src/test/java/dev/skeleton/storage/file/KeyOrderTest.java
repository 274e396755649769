package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    /** What {@link KeyOrder#of} must return: a stable comparison sort of the indexes. */
    private static int[] reference(byte[][] keys) {
        return IntStream.range(0, keys.length).boxed()
                .sorted((a, b) -> Arrays.compareUnsigned(keys[a], keys[b]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static void assertSortsLikeTheReference(byte[][] keys) {
        assertArrayEquals(reference(keys), KeyOrder.of(keys, keys.length));
    }

    private static byte[] random(Random random, int length) {
        byte[] key = new byte[length];
        random.nextBytes(key);
        return key;
    }

    @Test
    void randomKeysWithRepeats() {
        Random random = new Random(1);
        byte[][] keys = new byte[100_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i % 7 == 0 && i > 0 ? keys[random.nextInt(i)].clone() : random(random, 16);
        }
        assertSortsLikeTheReference(keys);
    }

    @Test
    void fewKeysAndNone() {
        assertSortsLikeTheReference(new byte[0][]);
        assertSortsLikeTheReference(new byte[][] {{3}, {1}, {2}, {1}});
    }

    @Test
    void shortKeysTieWithTheirZeroPaddedExtensions() {
        Random random = new Random(2);
        byte[][] shapes = {{}, {0}, {0, 0}, {'a'}, {'a', 0}, {'a', 0, 0, 0, 0, 0, 0, 0}, {'a', 0, 0, 0, 0, 0, 0, 0, 0},
            {'a', 0, 0, 0, 0, 0, 0, 0, 1}, {'a', 0, 0, 0, 0, 0, 0, 0, 0, 0}, {(byte) 0xFF}, {(byte) 0x80, 1}};
        byte[][] keys = new byte[5_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = shapes[random.nextInt(shapes.length)].clone();
        }
        assertSortsLikeTheReference(keys);
    }

    @Test
    void keysSharingLongPrefixesOfEveryLength() {
        Random random = new Random(3);
        byte[] common = random(random, 200);
        byte[][] keys = new byte[20_000][];
        for (int i = 0; i < keys.length; i++) {
            int shared = random.nextInt(common.length);
            byte[] key = Arrays.copyOf(common, shared + random.nextInt(3));
            if (key.length > shared) {
                key[shared] = (byte) random.nextInt(4);
            }
            keys[i] = key;
        }
        assertSortsLikeTheReference(keys);
    }

    @Test
    void manyKeysWithOneLongPrefixGoPastTheRadixDepth() {
        Random random = new Random(4);
        byte[] common = random(random, 100);
        byte[][] keys = new byte[3_000][];
        for (int i = 0; i < keys.length; i++) {
            byte[] key = Arrays.copyOf(common, common.length + 2);
            key[common.length] = (byte) random.nextInt(3);
            key[common.length + 1] = (byte) random.nextInt(256);
            keys[i] = key;
        }
        assertSortsLikeTheReference(keys);
    }

    @Test
    void onlyTheFirstCountKeysAreSorted() {
        byte[][] keys = {{5}, {4}, {3}, null};
        assertArrayEquals(new int[] {2, 1, 0}, KeyOrder.of(keys, 3));
    }
}
