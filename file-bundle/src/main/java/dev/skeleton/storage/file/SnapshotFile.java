package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
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
 */
final class SnapshotFile {

    private static final int ENTRIES_PER_FRAME = 1024;
    private static final int FRAME_TARGET_BYTES = 1 << 20;

    private SnapshotFile() {
    }

    /**
     * Writes a snapshot file atomically.
     *
     * @param files    the store's files
     * @param kind     checkpoint or version
     * @param number   the number in its name and header
     * @param compress whether to deflate frames
     * @param meta     writes the meta payload (its type byte included)
     * @param entries  the changes, in key order
     * @throws IOException if writing fails; no file is left then
     */
    static void write(StoreFiles files, RecordCodec.FileKind kind, long number, boolean compress,
            Consumer<Output> meta, Iterator<Change> entries) throws IOException {
        String name = (kind == RecordCodec.FileKind.CHECKPOINT ? StoreFiles.CHECKPOINT : StoreFiles.VERSION) + number;
        files.writeAtomically(name, channel -> {
            Output header = Frame.newPayload(32);
            RecordCodec.writeFileHeader(header, kind, number);
            StoreFiles.writeFully(channel, Frame.seal(header, compress));
            Output metaPayload = Frame.newPayload(128);
            meta.accept(metaPayload);
            StoreFiles.writeFully(channel, Frame.seal(metaPayload, compress));
            long total = writeEntries(channel, entries, compress);
            Output end = Frame.newPayload(16);
            end.writeByte(RecordCodec.END);
            end.writeVarLong(total, true);
            StoreFiles.writeFully(channel, Frame.seal(end, compress));
        });
    }

    private static long writeEntries(FileChannel channel, Iterator<Change> entries, boolean compress)
            throws IOException {
        long total = 0;
        while (entries.hasNext()) {
            Output chunk = Frame.newPayload(64 * 1024);
            chunk.writeByte(RecordCodec.ENTRIES);
            int countAt = chunk.position();
            chunk.writeInt(0);
            int count = 0;
            while (entries.hasNext() && count < ENTRIES_PER_FRAME && chunk.position() < FRAME_TARGET_BYTES) {
                Change change = entries.next();
                RecordCodec.writeChange(chunk, change.key(), change.value());
                count++;
            }
            int end = chunk.position();
            chunk.setPosition(countAt);
            chunk.writeInt(count);
            chunk.setPosition(end);
            StoreFiles.writeFully(channel, Frame.seal(chunk, compress));
            total += count;
        }
        return total;
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
