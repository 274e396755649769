package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.testkit.reference.ReferenceEngine;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the hash oracle against answers computed outside Java, and its content-only nature. */
class ContentHashReferenceTest {

    @Test
    void emptyStoreHashIsSha256OfFiveHundredTwelveZeroBytes() throws Exception {
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(new byte[512]);

        assertArrayEquals(expected, ContentHashReference.emptyStoreHash());
        assertEquals(ContentHashReference.KNOWN_EMPTY_STORE, hexOf(ContentHashReference.emptyStoreHash()));
    }

    @Test
    void oracleReproducesTheKnownAnswers() {
        assertEquals(ContentHashReference.KNOWN_A_BC, hexOf(hashOfOne("a", "bc")));
        assertEquals(ContentHashReference.KNOWN_AB_C, hexOf(hashOfOne("ab", "c")));
        ContentHashReference three = new ContentHashReference()
                .add(new byte[0], new byte[0])
                .add(utf8("apple"), utf8("red"))
                .add(hex("ff00"), hex("80"));
        assertEquals(ContentHashReference.KNOWN_THREE_ENTRIES, hexOf(three.hash()));
    }

    @Test
    void orderOfAddingDoesNotMatter() {
        byte[] forward = new ContentHashReference().add(utf8("a"), utf8("1")).add(utf8("b"), utf8("2")).hash();
        byte[] backward = new ContentHashReference().add(utf8("b"), utf8("2")).add(utf8("a"), utf8("1")).hash();

        assertArrayEquals(forward, backward);
    }

    @Test
    void hashOfStoreEqualsHashOfItsEntries(@TempDir Path directory) {
        Map<byte[], byte[]> entries = new TreeMap<>(java.util.Arrays::compareUnsigned);
        entries.put(utf8("a"), utf8("bc"));
        entries.put(hex("ff"), new byte[0]);
        try (Store store = new ReferenceEngine().create("store", directory.toString(), Config.empty())) {
            entries.forEach(store::set);

            assertArrayEquals(ContentHashReference.hashOf(entries), ContentHashReference.hashOf(store));
        }
    }

    private static byte[] hashOfOne(String key, String value) {
        return new ContentHashReference().add(utf8(key), utf8(value)).hash();
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
