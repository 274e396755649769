package dev.skeleton.storage.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.AbstractMap.SimpleEntry;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The content hash against its definition in {@link dev.skeleton.storage.VersionInfo}: known
 * answers computed by an independent implementation (Python's hashlib, noted next to each
 * constant), a vector recomputed here step by step from the definition, and the algebra that
 * makes the hash content-defined.
 */
class ContentHashTest {

    /** SHA-256 of 512 zero bytes: {@code hashlib.sha256(bytes(512)).hexdigest()}. */
    private static final String EMPTY_HASH =
            "076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560";
    /** The content {"k": "v"}, computed from the definition with Python's hashlib. */
    private static final String K_V_HASH =
            "0a68f4ec64097eba9301d2bb5da8a49ccf56d9cbb1bdbc470ea5f26837ab937d";
    /** The content {"a": "bc", "ab": "c"}, computed from the definition with Python's hashlib. */
    private static final String TWO_ENTRIES_HASH =
            "0ee05568b8279d9a0040a8249a54bb76d358ccc9f0e21358aef3fa7e2a931928";
    /** The content {"": "", 0x00ff80: bytes 0..199}, computed with Python's hashlib. */
    private static final String BINARY_HASH =
            "f2df3fec6f4a7bc7ec59705978b0575c7c4dfd7d5cad7f745885639887dc0984";

    @Test
    void emptyContentHashesToSha256OfFiveHundredTwelveZeroBytes() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(new byte[512]);

        assertArrayEquals(expected, new ContentHash().digest());
        assertEquals(EMPTY_HASH, hex(new ContentHash().digest()));
    }

    @Test
    void matchesKnownAnswers() {
        assertEquals(K_V_HASH, hex(hashOf("k", "v")));
        assertEquals(TWO_ENTRIES_HASH, hex(hashOf("a", "bc", "ab", "c")));

        ContentHash binary = new ContentHash();
        binary.add(new byte[0], new byte[0]);
        binary.add(new byte[] {0x00, (byte) 0xff, (byte) 0x80}, bytesUpTo(200));
        assertEquals(BINARY_HASH, hex(binary.digest()));
    }

    /** Spells the definition out with MessageDigest and BigInteger, sharing no code with ContentHash. */
    @Test
    void matchesTheDefinitionSpelledOutStepByStep() throws Exception {
        byte[] key = ascii("key");
        byte[] value = ascii("value");
        byte[] otherKey = ascii("other");
        byte[] otherValue = new byte[] {0, 1, 2};

        BigInteger[] state = new BigInteger[64];
        Arrays.fill(state, BigInteger.ZERO);
        addLaneWise(state, expansionByDefinition(key, value));
        addLaneWise(state, expansionByDefinition(otherKey, otherValue));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(stateBytes(state));

        ContentHash hash = new ContentHash();
        hash.add(key, value);
        hash.add(otherKey, otherValue);
        assertArrayEquals(expected, hash.digest());
    }

    @Test
    void aSeedStreamedThroughTheDigestHashesLikeTheValue() {
        byte[] key = ascii("large");
        byte[] value = ascii("a value fed in pieces");
        MessageDigest digest = ContentHash.seedDigest(key, value.length);
        digest.update(value, 0, 5);
        digest.update(value, 5, value.length - 5);
        byte[] seed = digest.digest();

        ContentHash bySeed = new ContentHash();
        bySeed.addSeed(seed);
        bySeed.add(ascii("other"), ascii("1"));
        assertArrayEquals(hashOf("large", "a value fed in pieces", "other", "1"), bySeed.digest());
        bySeed.removeSeed(seed);
        assertArrayEquals(hashOf("other", "1"), bySeed.digest());
        assertThrows(IllegalArgumentException.class, () -> bySeed.addSeed(new byte[3]));
    }

    @Test
    void addingThenRemovingEveryEntryGivesTheEmptyHash() {
        ContentHash hash = new ContentHash();
        hash.add(ascii("a"), ascii("1"));
        hash.add(ascii("b"), ascii("2"));
        hash.remove(ascii("a"), ascii("1"));
        hash.remove(ascii("b"), ascii("2"));

        assertEquals(EMPTY_HASH, hex(hash.digest()));
    }

    @Test
    void dependsOnTheSetOfEntriesNotOnTheOrderOfChanges() {
        ContentHash forward = new ContentHash();
        forward.add(ascii("a"), ascii("1"));
        forward.add(ascii("b"), ascii("2"));
        forward.add(ascii("c"), ascii("3"));

        ContentHash shuffled = new ContentHash();
        shuffled.add(ascii("c"), ascii("3"));
        shuffled.add(ascii("a"), ascii("old"));
        shuffled.add(ascii("b"), ascii("2"));
        shuffled.remove(ascii("a"), ascii("old"));
        shuffled.add(ascii("a"), ascii("1"));

        assertArrayEquals(forward.digest(), shuffled.digest());
    }

    @Test
    void framesKeysAndValuesByTheirLength() {
        assertFalse(Arrays.equals(hashOf("a", "bc"), hashOf("ab", "c")));
        assertFalse(Arrays.equals(hashOf("", "ab"), hashOf("ab", "")));
    }

    @Test
    void distinguishesDifferentContent() {
        assertFalse(Arrays.equals(hashOf("k", "v"), hashOf("k", "w")));
        assertFalse(Arrays.equals(hashOf("k", "v"), new ContentHash().digest()));
        assertFalse(Arrays.equals(hashOf("k", "v"), hashOf("k", "v", "k2", "v")));
    }

    @Test
    void digestLeavesTheStateAsItWas() {
        ContentHash hash = new ContentHash();
        hash.add(ascii("k"), ascii("v"));

        byte[] first = hash.digest();
        byte[] second = hash.digest();
        hash.add(ascii("a"), ascii("bc"));
        hash.remove(ascii("a"), ascii("bc"));

        assertArrayEquals(first, second);
        assertArrayEquals(first, hash.digest());
        assertEquals(32, first.length);
    }

    @Test
    void copiesAreIndependent() {
        ContentHash original = new ContentHash();
        original.add(ascii("k"), ascii("v"));
        ContentHash copy = original.copy();

        copy.add(ascii("more"), ascii("data"));

        assertEquals(K_V_HASH, hex(original.digest()));
        assertArrayEquals(hashOf("k", "v", "more", "data"), copy.digest());
    }

    @Test
    void hashesAWholeContentFromScratch() {
        List<Map.Entry<byte[], byte[]>> entries = List.of(
                new SimpleEntry<>(ascii("a"), ascii("bc")), new SimpleEntry<>(ascii("ab"), ascii("c")));

        assertEquals(TWO_ENTRIES_HASH, hex(ContentHash.of(entries)));
        assertEquals(EMPTY_HASH, hex(ContentHash.of(List.of())));
    }

    private static byte[] hashOf(String... keysAndValues) {
        ContentHash hash = new ContentHash();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            hash.add(ascii(keysAndValues[i]), ascii(keysAndValues[i + 1]));
        }
        return hash.digest();
    }

    /** Steps 1 and 2 of the definition: the seed, then 16 counter-mode blocks. */
    private static byte[] expansionByDefinition(byte[] key, byte[] value) throws Exception {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(u32(key.length));
        framed.write(key);
        framed.write(u32(value.length));
        framed.write(value);
        byte[] seed = MessageDigest.getInstance("SHA-256").digest(framed.toByteArray());

        ByteArrayOutputStream expansion = new ByteArrayOutputStream();
        for (int counter = 0; counter < 16; counter++) {
            MessageDigest block = MessageDigest.getInstance("SHA-256");
            block.update(seed);
            block.update(u32(counter));
            expansion.write(block.digest());
        }
        assertEquals(512, expansion.size());
        return expansion.toByteArray();
    }

    /** Step 3: the lane-wise sum modulo 2^64 of 64 unsigned big-endian lanes. */
    private static void addLaneWise(BigInteger[] state, byte[] expansion) {
        BigInteger modulus = BigInteger.ONE.shiftLeft(64);
        for (int lane = 0; lane < 64; lane++) {
            BigInteger value = new BigInteger(1, Arrays.copyOfRange(expansion, lane * 8, lane * 8 + 8));
            state[lane] = state[lane].add(value).mod(modulus);
        }
    }

    /** Step 4's input: each lane as 8 big-endian bytes. */
    private static byte[] stateBytes(BigInteger[] state) {
        byte[] bytes = new byte[512];
        for (int lane = 0; lane < 64; lane++) {
            byte[] magnitude = state[lane].toByteArray();
            int length = Math.min(magnitude.length, 8);
            System.arraycopy(magnitude, magnitude.length - length, bytes, lane * 8 + 8 - length, length);
        }
        return bytes;
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] bytesUpTo(int count) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    @Test
    void aSavedStateContinuesWhereItStopped() {
        ContentHash hash = new ContentHash();
        hash.add("a".getBytes(US_ASCII), "1".getBytes(US_ASCII));
        byte[] state = hash.state();
        assertEquals(512, state.length);

        ContentHash restored = ContentHash.fromState(state);
        assertArrayEquals(hash.digest(), restored.digest());
        restored.add("b".getBytes(US_ASCII), "2".getBytes(US_ASCII));
        hash.add("b".getBytes(US_ASCII), "2".getBytes(US_ASCII));
        assertArrayEquals(hash.digest(), restored.digest());
        assertArrayEquals(new ContentHash().digest(), ContentHash.fromState(new byte[512]).digest());
    }

    @Test
    void aStateOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ContentHash.fromState(new byte[511]));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
