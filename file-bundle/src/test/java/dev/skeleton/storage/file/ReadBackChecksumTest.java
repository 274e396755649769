package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReadBackChecksum}: what it computes is what the file holds, and it ends when told to. */
class ReadBackChecksumTest {

    @TempDir
    Path directory;

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    @Test
    void checksumsWhatWasWrittenInPieces() throws Exception {
        byte[] value = new byte[700_000];
        new Random(3).nextBytes(value);
        Path path = directory.resolve("v");
        MessageDigest seed = sha256();
        int crc;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ReadBackChecksum checksum = ReadBackChecksum.start(path, value.length, seed);
            for (int offset = 0; offset < value.length; offset += 100_000) {
                int length = Math.min(100_000, value.length - offset);
                channel.write(ByteBuffer.wrap(value, offset, length));
                checksum.written(offset + length);
            }
            crc = checksum.finish();
        }
        CRC32C expected = new CRC32C();
        expected.update(value);
        assertEquals((int) expected.getValue(), crc);
        assertArrayEquals(sha256().digest(value), seed.digest());
    }

    @Test
    void anAbandonedWriteStopsTheReader() throws Exception {
        Path path = directory.resolve("v");
        Files.write(path, new byte[10]);
        ReadBackChecksum checksum = ReadBackChecksum.start(path, 1_000, sha256());
        checksum.written(10);

        checksum.abandon();

        assertTrue(Files.exists(path), "the reader has ended; the writer may delete the file now");
    }

    @Test
    void aFileShorterThanReportedFails() throws Exception {
        Path path = directory.resolve("v");
        Files.write(path, new byte[10]);
        ReadBackChecksum checksum = ReadBackChecksum.start(path, 20, sha256());

        checksum.written(20);

        IOException e = assertThrows(IOException.class, checksum::finish);
        assertTrue(e.getMessage().contains("less than was written"), e.getMessage());
    }

    @Test
    void aMissingFileFails() throws Exception {
        ReadBackChecksum checksum = ReadBackChecksum.start(directory.resolve("absent"), 20, sha256());
        checksum.written(20);

        assertThrows(IOException.class, checksum::finish);
    }
}
