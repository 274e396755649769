package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The layout shared by checkpoints and version files: a whole set of entries written once,
 * atomically ({@link StoreFiles#writeAtomically}), and trusted only if every frame of it is intact.
 *
 * <pre>
 * file    := header  meta  entries*  end
 * header  := frame FILE_HEADER(kind, number)
 * meta    := frame of the kind's own metadata (CHECKPOINT_META or VERSION_META)
 * entries := frame ENTRIES(count:varint, change*)     at most 1024 changes or about 1 MiB each
 * end     := frame END(total:varlong)                 the number of changes in all ENTRIES frames
 * </pre>
 * The {@code END} frame proves the file complete: a file without it, with a different count, with
 * a bad frame or with bytes after it is damaged as a whole. Entries are streamed in and out, never
 * held twice in memory. Stateless and thread-safe.
 *
 * <p>Part of the first format (FORMAT.md, "Converting a format 1 store"): read only by
 * {@link FormatOneConversion} when such a store is opened.
 */
final class SnapshotFile {

    private static final int ENTRIES_PER_FRAME = 1024;
    private static final int FRAME_TARGET_BYTES = 1 << 20;

    private SnapshotFile() {
    }

    /**
     * Reads a snapshot file. The callers build from what they receive and keep it only if this
     * returns normally.
     *
     * @param path    the file
     * @param kind    the kind it must be
     * @param number  the number it must carry
     * @param meta    receives the meta payload, before any entry
     * @param entries receives each change, in order
     * @throws DamagedFileException if any frame is bad, the end is missing or the count differs
     * @throws IOException          if the file cannot be read
     */
    static void read(Path path, RecordCodec.FileKind kind, long number, Consumer<Input> meta,
            RecordCodec.ChangeSink entries) throws DamagedFileException, IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(path, channel, 0);
            try {
                RecordCodec.readFileHeader(reader.require(), kind, number);
                meta.accept(reader.require());
                long total = 0;
                while (true) {
                    long at = reader.validEnd();
                    Input frame = reader.require();
                    byte type = frame.readByte();
                    if (type == RecordCodec.END) {
                        checkEnd(reader, path, at, frame.readVarLong(true), total);
                        return;
                    }
                    if (type != RecordCodec.ENTRIES) {
                        throw new DamagedFileException(path, at, "unexpected frame type " + type);
                    }
                    total += readEntries(frame, entries);
                }
            } catch (KryoException | RecordCodec.MalformedPayloadException e) {
                throw new DamagedFileException(path, reader.validEnd(), "undecodable content: " + e.getMessage());
            }
        }
    }

    private static int readEntries(Input frame, RecordCodec.ChangeSink entries) {
        int count = frame.readInt();
        for (int i = 0; i < count; i++) {
            RecordCodec.readChange(frame, entries);
        }
        return count;
    }

    private static void checkEnd(FrameReader reader, Path path, long at, long announced, long total)
            throws DamagedFileException, IOException {
        if (announced != total) {
            throw new DamagedFileException(path, at, "end frame counts " + announced + " entries, " + total + " read");
        }
        if (reader.next() != null) {
            throw new DamagedFileException(path, reader.validEnd(), "frames after the end frame");
        }
    }
}
