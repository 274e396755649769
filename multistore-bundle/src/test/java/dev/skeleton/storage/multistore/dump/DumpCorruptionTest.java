package dev.skeleton.storage.multistore.dump;

import static dev.skeleton.storage.multistore.dump.RawDump.body;
import static dev.skeleton.storage.multistore.dump.RawDump.concat;
import static dev.skeleton.storage.multistore.dump.RawDump.endFrame;
import static dev.skeleton.storage.multistore.dump.RawDump.frame;
import static dev.skeleton.storage.multistore.dump.RawDump.head;
import static dev.skeleton.storage.multistore.dump.RawDump.header;
import static dev.skeleton.storage.multistore.dump.RawDump.trailer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every damage to a dump is CORRUPTED with a one-line message naming the file: every truncation
 * and every single flipped bit of a small dump, foreign files, and dumps made by hand whose
 * checksums hold but whose content breaks a rule of the format.
 */
class DumpCorruptionTest {

    private static final byte[] A = bytes("a");
    private static final byte[] B = bytes("b");

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Path file() {
        return dir.resolve("damaged.dump");
    }

    /** A real dump of 20 entries, as the writer made it. */
    private byte[] smallDump(boolean compress) throws IOException {
        Path original = dir.resolve("original.dump");
        Dumps.write(original, Dumps.randomEntries(20, 42), compress);
        return Files.readAllBytes(original);
    }

    /** Writes {@code bytes} as the damaged dump and returns the reader's message. */
    private String corruption(byte[] bytes) throws IOException {
        Files.write(file(), bytes);
        return Dumps.corruption(file());
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void everyTruncationIsCorrupted(boolean compress) throws IOException {
        byte[] dump = smallDump(compress);
        for (int length = 0; length < dump.length; length++) {
            String message = corruption(Arrays.copyOf(dump, length));
            if (length > DumpFormat.MAGIC.length) {
                assertTrue(message.contains("truncated") || compress && message.contains("corrupt compressed body"),
                        length + ": " + message);
            }
        }
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void everyFlippedBitIsCorrupted(boolean compress) throws IOException {
        byte[] dump = smallDump(compress);
        for (int bit = 0; bit < dump.length * 8; bit++) {
            byte[] damaged = dump.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Files.write(file(), damaged);
            StorageException e = assertThrows(StorageException.class, () -> Dumps.readAll(file()),
                    "bit " + bit + " of " + dump.length * 8 + " flipped, yet the dump read as valid");
            assertEquals(ErrorCode.CORRUPTED, e.code(), "bit " + bit + ": " + e);
        }
    }

    @Test
    void aFlippedBitInTheLengthsIsCaughtBeforeTheyAreUsed() throws IOException {
        byte[] dump = RawDump.dump("s", "e", false, entries(A, B));
        int firstLength = header(1, 0, "s", "e", 1).length;
        dump[firstLength] ^= 0x40; // key length 2^30 + 1: above the cap, but the checksum speaks first
        assertTrue(corruption(dump).endsWith("checksum mismatch in frame 1 (lengths) at byte " + firstLength));
    }

    @Test
    void anotherFormatVersionIsNamed() throws IOException {
        byte[] dump = concat(header(7, 0, "s", "e", 0), body(false, concat(endFrame(), trailer(0, emptyHash()))));
        assertTrue(corruption(dump).endsWith("format version 7 is not supported (this build reads 1)"));
        byte[] real = smallDump(false);
        real[9] = 2;
        assertTrue(corruption(real).endsWith("format version 2 is not supported (this build reads 1)"));
    }

    @Test
    void filesThatAreNoDumpsAreNamedSo() throws IOException {
        assertTrue(corruption(new byte[0]).endsWith("not a Skeleton dump (empty file)"));
        assertTrue(corruption(bytes("hello, this is a text file\n")).endsWith("not a Skeleton dump (bad magic)"));
        byte[] random = new byte[4096];
        new Random(9).nextBytes(random);
        assertTrue(corruption(random).endsWith("not a Skeleton dump (bad magic)"));
        assertTrue(corruption(bytes("SKLD")).endsWith("truncated in the header at byte 4"));
    }

    @Test
    void aDamagedHeaderIsNamed() throws IOException {
        byte[] dump = smallDump(false);
        dump[14] ^= 1; // in the store name
        assertTrue(corruption(dump).endsWith("checksum mismatch in the header"));
    }

    @Test
    void unknownFlagsAreRefused() throws IOException {
        byte[] dump = concat(header(1, 2, "s", "e", 0), body(false, concat(endFrame(), trailer(0, emptyHash()))));
        assertTrue(corruption(dump).endsWith("unknown flags 0x02 in the header"));
    }

    @Test
    void aNameThatIsNoUtf8IsRefused() throws IOException {
        byte[] header = header(1, 0, "s\u00e9", "e", 0);
        header[13] = (byte) 0xC3; // the name becomes C3 C3 A9: a lead byte where a continuation must be
        byte[] fixed = RawDump.withCrc(Arrays.copyOf(header, header.length - 4));
        byte[] dump = concat(fixed, body(false, concat(endFrame(), trailer(0, emptyHash()))));
        assertTrue(corruption(dump).endsWith("the store name in the header is not valid UTF-8"));
    }

    @Test
    void aDamagedFrameIsNamedWithItsNumberAndPosition() throws IOException {
        NavigableMap<byte[], byte[]> entries = entries(A, B, B, A);
        byte[] dump = RawDump.dump("s", "e", false, entries);
        int secondFrame = header(1, 0, "s", "e", 2).length + frame(A, B).length;
        dump[secondFrame + 12] ^= 1; // the key of frame 2
        assertTrue(corruption(dump).endsWith("checksum mismatch in frame 2 (key and value) at byte " + secondFrame));
    }

    @Test
    void aTruncatedFrameIsNamedWithItsNumberAndWhereTheDataEnds() throws IOException {
        byte[] dump = RawDump.dump("s", "e", false, entries(A, B, B, A));
        int cut = header(1, 0, "s", "e", 2).length + frame(A, B).length + 13;
        assertTrue(corruption(Arrays.copyOf(dump, cut)).endsWith("truncated in frame 2 at byte " + cut));
    }

    @Test
    void lengthsAboveTheCapAreRefusedEvenWithAGoodChecksum() throws IOException {
        byte[] dump = concat(header(1, 0, "s", "e", 1), body(false, head(1, DumpFormat.MAX_LENGTH + 1)));
        assertTrue(corruption(dump).endsWith("value length 268435457 in frame 1 is above the cap of 268435456 bytes"));
        dump = concat(header(1, 0, "s", "e", 1), body(false, head(-2, 0)));
        assertTrue(corruption(dump).endsWith("key length 4294967294 in frame 1 is above the cap of 268435456 bytes"));
    }

    @Test
    void keysOutOfOrderAreRefused() throws IOException {
        byte[] hash = ContentHash.of(entries(A, A, B, B).entrySet());
        byte[] dump = concat(header(1, 0, "s", "e", 2),
                body(false, concat(frame(B, B), frame(A, A), endFrame(), trailer(2, hash))));
        assertTrue(corruption(dump).endsWith("keys out of order at frame 2 (61 after 62)"));
        dump = concat(header(1, 0, "s", "e", 2),
                body(false, concat(frame(A, A), frame(A, B), endFrame(), trailer(2, hash))));
        assertTrue(corruption(dump).endsWith("keys out of order at frame 2 (61 after 61)"));
    }

    @Test
    void countsThatDisagreeWithTheFramesAreRefused() throws IOException {
        byte[] hash = ContentHash.of(entries(A, B).entrySet());
        byte[] frames = concat(frame(A, B), endFrame());
        assertTrue(corruption(concat(header(1, 0, "s", "e", 10), body(false, concat(frames, trailer(1, hash)))))
                .endsWith("entry count 10 in header but 1 frames"));
        assertTrue(corruption(concat(header(1, 0, "s", "e", 1), body(false, concat(frames, trailer(2, hash)))))
                .endsWith("entry count 2 in trailer but 1 frames"));
        assertTrue(corruption(concat(header(1, 0, "s", "e", -1), body(false, concat(frames, trailer(1, hash)))))
                .endsWith("entry count 18446744073709551615 in header but 1 frames"));
    }

    @Test
    void aHashThatDisagreesWithTheEntriesIsRefused() throws IOException {
        byte[] otherHash = ContentHash.of(entries(A, A).entrySet());
        byte[] computed = ContentHash.of(entries(A, B).entrySet());
        byte[] dump = concat(header(1, 0, "s", "e", 1),
                body(false, concat(frame(A, B), endFrame(), trailer(1, otherHash))));
        assertTrue(corruption(dump).endsWith("content hash mismatch: trailer " + DumpFormat.shortHex(otherHash)
                + " computed " + DumpFormat.shortHex(computed)));
    }

    @Test
    void anEndFrameWithAValueLengthIsRefused() throws IOException {
        byte[] dump = concat(header(1, 0, "s", "e", 0), body(false, concat(head(-1, 3), trailer(0, emptyHash()))));
        assertTrue(corruption(dump).contains("end frame with value length 3"));
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void bytesAfterTheEndAreRefused(boolean compress) throws IOException {
        byte[] dump = RawDump.dump("s", "e", compress, entries(A, B));
        assertTrue(corruption(concat(dump, new byte[1])).endsWith("trailing bytes after the end of the dump"));
    }

    @Test
    void logicalBytesAfterTheTrailerAreRefused() throws IOException {
        byte[] logical = concat(frame(A, B), endFrame(), trailer(1, ContentHash.of(entries(A, B).entrySet())));
        assertTrue(corruption(concat(header(1, 1, "s", "e", 1), body(true, concat(logical, new byte[] {0}))))
                .endsWith("trailing bytes after the trailer, inside the compressed body"));
        assertTrue(corruption(concat(header(1, 0, "s", "e", 1), body(false, concat(logical, new byte[] {0}))))
                .endsWith("checksum mismatch of the stored body"));
    }

    @Test
    void aZlibStreamThatDoesNotEndIsTruncated() throws IOException {
        byte[] logical = concat(frame(A, B), endFrame(), trailer(1, ContentHash.of(entries(A, B).entrySet())));
        byte[] zlib = RawDump.deflate(logical);
        byte[] cut = Arrays.copyOf(zlib, zlib.length - 4); // without its Adler-32
        String message = corruption(concat(header(1, 1, "s", "e", 1), cut));
        assertTrue(message.contains("truncated in the compressed body after the trailer"), message);
    }

    @Test
    void garbageWhereTheZlibStreamShouldBeIsCorruptCompressedData() throws IOException {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xFF);
        String message = corruption(concat(header(1, 1, "s", "e", 0), RawDump.withCrc(garbage)));
        assertTrue(message.contains("corrupt compressed body near byte"), message);
    }

    @Test
    void aZlibStreamAskingForADictionaryIsCorrupt() throws IOException {
        byte[] withDictionary = {0x78, (byte) 0xBB, 0, 0, 0, 1}; // FDICT set, FCHECK valid, dictionary id 1
        String message = corruption(concat(header(1, 1, "s", "e", 0), RawDump.withCrc(withDictionary)));
        assertTrue(message.endsWith("corrupt compressed body: it asks for a preset dictionary"), message);
    }

    @Test
    void aMissingBodyChecksumIsTruncation() throws IOException {
        byte[] dump = RawDump.dump("s", "e", false, entries(A, B));
        assertTrue(corruption(Arrays.copyOf(dump, dump.length - 2)).endsWith("truncated in the body checksum"));
    }

    @Test
    void aFailedReaderRepeatsItsFailure() throws IOException {
        byte[] dump = RawDump.dump("s", "e", false, entries(A, B));
        Files.write(file(), Arrays.copyOf(dump, dump.length - 10));
        try (DumpReader reader = DumpReader.open(file())) {
            StorageException first = assertThrows(StorageException.class, () -> {
                while (reader.next()) {
                    reader.key();
                }
            });
            assertSame(first, assertThrows(StorageException.class, reader::next));
            assertThrows(IllegalStateException.class, reader::key);
        }
    }

    @Test
    void aFileThatCannotBeReadIsAnIoErrorNamingIt() throws IOException {
        Path missing = dir.resolve("missing.dump");
        StorageException e = assertThrows(StorageException.class, () -> DumpReader.open(missing));
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().equals("cannot read dump " + missing + ": no such file " + missing), e.getMessage());
        Path directory = Files.createDirectory(dir.resolve("a-directory.dump"));
        e = assertThrows(StorageException.class, () -> DumpReader.open(directory));
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().startsWith("cannot read dump " + directory), e.getMessage());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(StorageException.class, () -> DumpReader.open(null)).code());
    }

    @Test
    void anUnfinishedDumpIsNeverAccepted() throws IOException {
        // A partial file copied away before finish: its header still has the placeholder count and
        // a checksum made not to hold.
        try (DumpWriter writer = DumpWriter.create(dir.resolve("store.dump"), "users", "memory", false)) {
            writer.write(A, B);
            Files.copy(dir.resolve("store.dump.partial"), file());
        }
        assertTrue(Dumps.corruption(file()).endsWith("checksum mismatch in the header"));
    }

    /** A map of the given key, value pairs. */
    private static NavigableMap<byte[], byte[]> entries(byte[]... keysAndValues) {
        NavigableMap<byte[], byte[]> entries = Dumps.newMap();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return entries;
    }

    private static byte[] emptyHash() {
        return new ContentHash().digest();
    }
}
