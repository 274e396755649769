package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Reads one log segment during recovery: checks its header frame, then hands every record whose
 * frame is intact to the caller, in order, and stops at the first frame that is not (torn by a
 * crash, damaged, or garbage after the end).
 *
 * <p>Why stop there and not skip ahead: records are changes that build on one another, so only a
 * prefix of the log describes a state the store was really in. Everything from the first bad frame
 * on is reported, never applied; the caller cuts the segment at {@link Result#validEnd()}.
 */
final class LogScanner {

    /**
     * What a scan found.
     *
     * @param validEnd the offset just past the last good frame (0 if even the header was bad)
     * @param records  how many records were applied
     * @param damage   why the scan stopped before the end of the file, or null if it did not
     */
    record Result(long validEnd, long records, DamagedFileException damage) {
    }

    private LogScanner() {
    }

    /**
     * Scans a segment.
     *
     * @param path    the segment's file
     * @param segment its number, which its header must carry
     * @param apply   receives each good record, in order
     * @return where the good part ends, and why it ended
     * @throws IOException if the file cannot be read at all
     */
    static Result scan(Path path, long segment, Consumer<LogRecord> apply) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(path, channel, 0);
            try {
                readHeader(reader, path, segment);
            } catch (DamagedFileException e) {
                return new Result(0, 0, e);
            }
            long records = 0;
            while (true) {
                long start = reader.validEnd();
                try {
                    Input payload = reader.next();
                    if (payload == null) {
                        return new Result(reader.validEnd(), records, null);
                    }
                    apply.accept(decode(payload, path, start));
                    records++;
                } catch (DamagedFileException e) {
                    return new Result(start, records, e);
                }
            }
        }
    }

    private static void readHeader(FrameReader reader, Path path, long segment) throws DamagedFileException, IOException {
        Input header = reader.next();
        if (header == null) {
            throw new DamagedFileException(path, 0, "empty segment, no header");
        }
        try {
            RecordCodec.readFileHeader(header, RecordCodec.FileKind.LOG, segment);
        } catch (KryoException | RecordCodec.MalformedPayloadException e) {
            throw new DamagedFileException(path, 0, "bad header: " + e.getMessage());
        }
    }

    private static LogRecord decode(Input payload, Path path, long offset) throws DamagedFileException {
        try {
            return RecordCodec.readRecord(payload);
        } catch (KryoException | RecordCodec.MalformedPayloadException e) {
            throw new DamagedFileException(path, offset, "undecodable record: " + e.getMessage());
        }
    }
}
