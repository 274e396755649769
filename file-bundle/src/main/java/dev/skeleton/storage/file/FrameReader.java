package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Input;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the {@link Frame}s of one file in order and hands out their payloads, trusting a frame only
 * when all of it is present and its checksum holds.
 *
 * <p>It tells a clean end (the file ends exactly after a frame: {@link #next()} returns null) from
 * damage (a torn frame, a failed checksum, an impossible length, a payload that does not inflate:
 * {@link DamagedFileException} with the offset of the damaged frame). {@link #validEnd()} is always
 * the offset just past the last good frame, which is where recovery cuts a torn log. Reads through
 * a 64 KiB buffer. Not thread-safe; closing it does not close the channel.
 */
final class FrameReader {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final long fileSize;
    private final InputStream in;
    private final byte[] header = new byte[Frame.HEADER_BYTES];
    /** The body of the current frame, reused from frame to frame: reading a file allocates no buffer per frame. */
    private byte[] body = new byte[0];
    private long validEnd;

    /**
     * A reader from {@code start} to the end of the file.
     *
     * @param file    the file's path, for messages
     * @param channel the open file
     * @param start   the offset of the first frame
     * @throws IOException if the file cannot be read
     */
    FrameReader(Path file, FileChannel channel, long start) throws IOException {
        this.file = file;
        this.fileSize = channel.size();
        this.in = new BufferedInputStream(Channels.newInputStream(channel.position(start)), BUFFER_BYTES);
        this.validEnd = start;
    }

    /**
     * The payload of the next frame.
     *
     * @return a Kryo input over the payload (inflated if it was deflated), or null at a clean end
     *         of the file; valid until the next call, which may reuse its bytes
     * @throws DamagedFileException if the next frame is torn or fails its checks
     * @throws IOException          if the file cannot be read
     */
    Input next() throws DamagedFileException, IOException {
        if (validEnd == fileSize) {
            return null;
        }
        if (fileSize - validEnd < Frame.HEADER_BYTES) {
            throw damaged("torn frame header (" + (fileSize - validEnd) + " bytes left)");
        }
        readFully(header, Frame.HEADER_BYTES);
        ByteBuffer fields = ByteBuffer.wrap(header);
        int bodyLength = fields.getInt(0);
        int checksum = fields.getInt(Integer.BYTES);
        if (bodyLength < 1 || bodyLength > Frame.MAX_BODY_BYTES) {
            throw damaged("impossible frame length " + bodyLength);
        }
        if (bodyLength > fileSize - validEnd - Frame.HEADER_BYTES) {
            throw damaged("torn frame: " + bodyLength + " bytes announced, "
                    + (fileSize - validEnd - Frame.HEADER_BYTES) + " present");
        }
        if (body.length < bodyLength) {
            body = new byte[bodyLength];
        }
        readFully(body, bodyLength);
        if (Frame.checksum(bodyLength, body, 0) != checksum) {
            throw damaged("checksum mismatch");
        }
        Input payload = payloadOf(bodyLength);
        validEnd += Frame.HEADER_BYTES + bodyLength;
        return payload;
    }

    /**
     * The payload of the next frame, which must exist: for files that end with a known frame.
     *
     * @return a Kryo input over the payload
     * @throws DamagedFileException if the file ends here, or the frame is damaged
     * @throws IOException          if the file cannot be read
     */
    Input require() throws DamagedFileException, IOException {
        Input payload = next();
        if (payload == null) {
            throw damaged("the file ends before its last frame");
        }
        return payload;
    }

    /**
     * The offset just past the last frame that {@link #next()} returned.
     *
     * @return the offset
     */
    long validEnd() {
        return validEnd;
    }

    private Input payloadOf(int bodyLength) throws DamagedFileException {
        return payloadOf(file, validEnd, body, 0, bodyLength);
    }

    /**
     * The payload of a frame body whose checksum holds: plain, or inflated.
     *
     * @param file       the file, for messages
     * @param offset     the frame's offset, for messages
     * @param bytes      an array holding the body
     * @param start      where the body starts in it (a reader's buffer: 0; a whole frame: after its header)
     * @param bodyLength the body's length
     * @return a Kryo input over the payload
     * @throws DamagedFileException if the flags or the deflated data are invalid
     */
    static Input payloadOf(Path file, long offset, byte[] bytes, int start, int bodyLength)
            throws DamagedFileException {
        if (bytes[start] == Frame.PLAIN) {
            return new Input(bytes, start + 1, bodyLength - 1);
        }
        if (bytes[start] != Frame.DEFLATED || bodyLength < 1 + Integer.BYTES) {
            throw new DamagedFileException(file, offset, "unknown frame flags " + bytes[start]);
        }
        int rawLength = ByteBuffer.wrap(bytes, start + 1, Integer.BYTES).getInt();
        if (rawLength < 0 || rawLength > Frame.MAX_BODY_BYTES) {
            throw new DamagedFileException(file, offset, "impossible inflated length " + rawLength);
        }
        return new Input(inflate(file, offset, bytes, start + bodyLength, start + 1 + Integer.BYTES, rawLength));
    }

    /** Inflates {@code bytes[from, end)} to exactly {@code rawLength} bytes. */
    private static byte[] inflate(Path file, long frameOffset, byte[] bytes, int end, int from, int rawLength)
            throws DamagedFileException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, from, end - from);
            byte[] payload = new byte[rawLength];
            int inflated = 0;
            while (inflated < rawLength && !inflater.finished()) {
                int n = inflater.inflate(payload, inflated, rawLength - inflated);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                inflated += n;
            }
            if (inflated != rawLength || !inflater.finished()) {
                throw new DamagedFileException(file, frameOffset, "deflated payload does not inflate to " + rawLength
                        + " bytes");
            }
            return payload;
        } catch (DataFormatException e) {
            throw new DamagedFileException(file, frameOffset, "deflated payload is invalid: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private void readFully(byte[] target, int length) throws IOException, DamagedFileException {
        int read = 0;
        while (read < length) {
            int n = in.read(target, read, length - read);
            if (n < 0) {
                throw damaged("file shrank while being read");
            }
            read += n;
        }
    }

    private DamagedFileException damaged(String reason) {
        return new DamagedFileException(file, validEnd, reason);
    }
}
