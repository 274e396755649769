package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogBuffer}: frames reach the file only when drained, whole, and in the order offered. */
class LogBufferTest {

    @TempDir
    Path directory;

    private Path file;
    private FileChannel channel;
    private final LogBuffer buffer = new LogBuffer();

    @BeforeEach
    void open() throws IOException {
        file = directory.resolve("segment");
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @AfterEach
    void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer frame(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private String fileText() throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    @Test
    void framesReachTheFileWhenDrainedInTheOrderOffered() throws IOException {
        assertTrue(buffer.offer(frame("one,")));
        assertTrue(buffer.offer(frame("two,")));
        assertEquals(0, Files.size(file), "nothing written before the drain");
        assertFalse(buffer.isEmpty());

        buffer.drainTo(channel);
        buffer.drainTo(channel);

        assertEquals("one,two,", fileText(), "written once, in order");
        assertTrue(buffer.isEmpty());
        assertTrue(buffer.offer(frame("three")));
        buffer.drainTo(channel);
        assertEquals("one,two,three", fileText());
    }

    @Test
    void aFrameThatDoesNotFitIsWrittenThroughAfterTheBufferedOnes() throws IOException {
        assertTrue(buffer.offer(frame("first,")));
        byte[] big = new byte[LogBuffer.CAPACITY];
        Arrays.fill(big, (byte) 'x');

        ByteBuffer bigFrame = ByteBuffer.wrap(big);
        assertFalse(buffer.offer(bigFrame), "the rest of the buffer is too small");
        assertEquals(big.length, bigFrame.remaining(), "a refused frame is not consumed");
        buffer.writeThrough(bigFrame, channel);

        assertEquals("first," + new String(big, StandardCharsets.US_ASCII), fileText());
        assertTrue(buffer.isEmpty());
    }

    @Test
    void aFullBufferRefusesTheNextFrame() {
        assertTrue(buffer.offer(ByteBuffer.allocate(LogBuffer.CAPACITY - 3)));
        assertTrue(buffer.offer(frame("abc")));
        assertFalse(buffer.offer(frame("d")));
    }

    @Test
    void drainsRacingOffersKeepEveryFrameInOrder() throws Exception {
        int frames = 200_000;
        AtomicBoolean offering = new AtomicBoolean(true);
        CompletableFuture<Void> drains = CompletableFuture.runAsync(() -> {
            try {
                while (offering.get()) {
                    buffer.drainTo(channel);
                }
                buffer.drainTo(channel);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        for (int i = 0; i < frames; i++) {
            ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES).putInt(0, i);
            while (!buffer.offer(frame)) {
                Thread.onSpinWait();
            }
        }
        offering.set(false);
        drains.get(30, TimeUnit.SECONDS);

        ByteBuffer written = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(frames * Integer.BYTES, written.remaining());
        for (int i = 0; i < frames; i++) {
            assertEquals(i, written.getInt(), "frame " + i);
        }
    }

    @Test
    void aFailedDrainIsAnIoError() throws IOException {
        assertTrue(buffer.offer(frame("lost")));
        channel.close();

        assertThrows(IOException.class, () -> buffer.drainTo(channel));
        assertThrows(IOException.class, () -> buffer.writeThrough(ByteBuffer.allocate(LogBuffer.CAPACITY + 1), channel));
        assertArrayEquals(new byte[0], Files.readAllBytes(file));
    }
}
