package dev.skeleton.storage.benchmarks;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The reference of the export benchmark: entries already in memory, in key order, written to one
 * file through one {@link BufferedOutputStream} with the framing of a dump frame
 * ({@code DUMP-FORMAT.md}: key length, value length and a checksum before the key, a checksum after
 * the value, {@value #FRAMING} bytes in all), so that the file has the size of the dump, but with
 * nothing computed: the checksums are zeros, there is no content hash, no store is read. What an
 * export takes beyond this is the export's own work. With {@code force}, the file is forced to disk
 * before it is closed, as a dump is before it is renamed into place.
 *
 * <p>Stateless; any thread may call it.
 */
final class PlainFrameFile {

    /** Bytes of framing per entry, as in a dump frame: three u32 before the key, one after the value. */
    static final int FRAMING = 16;
    /** The buffer of the stream: the dump writer's buffers are of the same size. */
    private static final int BUFFER = 64 * 1024;

    private PlainFrameFile() {
    }

    /**
     * Writes the entries {@code keys[order[i]]}, {@code values[order[i]]} in the order given.
     *
     * @param file   the file, created or truncated
     * @param keys   keys
     * @param values values, index for index
     * @param order  the indexes to write, in that order
     * @param force  whether to force the file to disk before closing it
     * @return bytes written
     */
    static long write(Path file, byte[][] keys, byte[][] values, int[] order, boolean force) {
        long bytes = 0;
        byte[] lengths = new byte[12];
        byte[] checksum = new byte[4];
        try (FileOutputStream channel = new FileOutputStream(file.toFile());
             OutputStream out = new BufferedOutputStream(channel, BUFFER)) {
            for (int index : order) {
                byte[] key = keys[index];
                byte[] value = values[index];
                putInt(lengths, 0, key.length);
                putInt(lengths, 4, value.length);
                out.write(lengths);
                out.write(key);
                out.write(value);
                out.write(checksum);
                bytes += FRAMING + key.length + value.length;
            }
            out.flush();
            if (force) {
                channel.getFD().sync();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return bytes;
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }
}
