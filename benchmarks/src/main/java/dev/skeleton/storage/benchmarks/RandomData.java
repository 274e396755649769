package dev.skeleton.storage.benchmarks;

import java.util.SplittableRandom;

/**
 * The data every benchmark and the footprint probe store: keys of {@value #KEY_LENGTH} random
 * bytes and values of {@value #VALUE_LENGTH} bytes, drawn from a fixed seed, so that every target
 * and every run holds exactly the same entries.
 */
final class RandomData {

    /** Length of every key. */
    static final int KEY_LENGTH = 16;
    /** Length of every value. */
    static final int VALUE_LENGTH = 100;

    private static final long SEED = 42L;

    private RandomData() {
    }

    /** A new generator at the fixed seed: the same sequence of keys each time. */
    static SplittableRandom generator() {
        return new SplittableRandom(SEED);
    }

    /**
     * The next key of a generator.
     *
     * @param random from {@link #generator()}
     * @return a new array of {@value #KEY_LENGTH} random bytes
     */
    static byte[] nextKey(SplittableRandom random) {
        return nextBytes(random, KEY_LENGTH);
    }

    /**
     * The first {@code count} keys of {@link #generator()}.
     *
     * @param count how many
     * @return new arrays; random 16-byte keys do not repeat in any count this suite uses
     */
    static byte[][] keys(int count) {
        SplittableRandom random = generator();
        byte[][] keys = new byte[count][];
        for (int i = 0; i < count; i++) {
            keys[i] = nextKey(random);
        }
        return keys;
    }

    /**
     * A value: {@value #VALUE_LENGTH} random bytes, not drawn from the key sequence.
     *
     * @return a new array
     */
    static byte[] value() {
        return nextBytes(new SplittableRandom(~SEED), VALUE_LENGTH);
    }

    private static byte[] nextBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
