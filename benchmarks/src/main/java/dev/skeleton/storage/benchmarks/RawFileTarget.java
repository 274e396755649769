package dev.skeleton.storage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * The disk's own speed, as the reference of the large-value benchmark: each value in a file of its
 * own named by the key in hex, written in 1 MiB pieces (so the JDK's temporary direct buffers stay
 * small, as the file engine's 256 KiB pieces do) and, when synced, the file and then the directory
 * forced, which is what the file engine does for a large value. Not a store: no atomicity across
 * keys, no index; {@link #putAll} writes the files one by one.
 */
final class RawFileTarget implements PersistentTarget {

    private static final int PIECE = 1 << 20;

    private final Path directory;
    private final boolean synced;

    RawFileTarget(Path directory, boolean synced) {
        this.directory = directory;
        this.synced = synced;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try (FileChannel channel = FileChannel.open(file(key), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            for (int offset = 0; offset < value.length; offset += PIECE) {
                ByteBuffer piece = ByteBuffer.wrap(value, offset, Math.min(PIECE, value.length - offset));
                while (piece.hasRemaining()) {
                    channel.write(piece);
                }
            }
            if (synced) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (synced) {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void putAll(byte[][] keys, byte[][] values, int from, int to) {
        for (int i = from; i < to; i++) {
            put(keys[i], values[i]);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try (FileChannel channel = FileChannel.open(file(key), StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("value of " + size + " bytes");
            }
            byte[] value = new byte[(int) size];
            for (int offset = 0; offset < value.length; ) {
                int n = channel.read(ByteBuffer.wrap(value, offset, Math.min(PIECE, value.length - offset)));
                if (n < 0) {
                    throw new IllegalStateException("file shrank while read");
                }
                offset += n;
            }
            return value;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void compact() {
        // Nothing to compact: one file per value.
    }

    @Override
    public void close() {
        // Nothing is held open.
    }

    private Path file(byte[] key) {
        return directory.resolve("value-" + HexFormat.of().formatHex(key));
    }
}
