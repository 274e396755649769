package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * The unit of every file a file store writes (log segments, checkpoints, version files, the config
 * file): a length-prefixed, checksummed body around a payload that Kryo's {@link Output} wrote.
 *
 * <pre>
 * frame   := length:u32  crc:u32  body
 * body    := flags:u8  payload                        (flags = 0)
 *          | flags:u8  rawLength:u32  deflated         (flags = 1: payload deflated with zlib)
 * length  = number of bytes of body (1 .. 2^30)
 * crc     = CRC32C over the 4 length bytes followed by the body
 * </pre>
 * Integers are big-endian. The checksum covers the length, so a damaged length is caught like a
 * damaged body; a frame is trusted only when all of it is present and its checksum holds
 * ({@link FrameReader}).
 *
 * <p>Writing a frame copies nothing: {@link #newPayload} reserves the header in front of the
 * payload, and {@link #seal} fills it in place. Stateless and thread-safe.
 */
final class Frame {

    /** Bytes before the body: length and checksum. */
    static final int HEADER_BYTES = 8;
    /** The largest body a reader accepts; anything longer is damage. */
    static final int MAX_BODY_BYTES = 1 << 30;
    static final byte PLAIN = 0;
    static final byte DEFLATED = 1;
    /** Payloads shorter than this are never worth deflating. */
    private static final int MIN_DEFLATE_BYTES = 128;

    private Frame() {
    }

    /**
     * A Kryo output positioned where the payload of a new frame starts.
     *
     * @param capacity the initial buffer size; it grows as needed
     * @return the output; hand it to {@link #seal} once the payload is written
     */
    static Output newPayload(int capacity) {
        Output output = new Output(Math.max(capacity, HEADER_BYTES + 64), -1);
        output.setPosition(HEADER_BYTES + 1);
        return output;
    }

    /**
     * Completes the frame around the payload written into {@code output}.
     *
     * @param output   an output from {@link #newPayload}, after the payload was written
     * @param compress whether to deflate the payload (done only when it makes the frame smaller)
     * @return the whole frame, ready to write
     */
    static ByteBuffer seal(Output output, boolean compress) {
        byte[] buffer = output.getBuffer();
        int end = output.position();
        int payloadLength = end - HEADER_BYTES - 1;
        if (compress && payloadLength >= MIN_DEFLATE_BYTES) {
            ByteBuffer deflated = deflatedFrame(buffer, HEADER_BYTES + 1, payloadLength);
            if (deflated != null) {
                return deflated;
            }
        }
        buffer[HEADER_BYTES] = PLAIN;
        writeHeader(buffer, end - HEADER_BYTES);
        return ByteBuffer.wrap(buffer, 0, end);
    }

    /** The frame of a deflated payload, or null if deflating does not make it smaller. */
    private static ByteBuffer deflatedFrame(byte[] payload, int offset, int length) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(payload, offset, length);
            deflater.finish();
            int prefix = HEADER_BYTES + 1 + Integer.BYTES;
            byte[] frame = new byte[prefix + length];
            int written = 0;
            while (!deflater.finished() && prefix + written < frame.length) {
                written += deflater.deflate(frame, prefix + written, frame.length - prefix - written);
            }
            if (!deflater.finished()) {
                return null;
            }
            frame[HEADER_BYTES] = DEFLATED;
            ByteBuffer.wrap(frame, HEADER_BYTES + 1, Integer.BYTES).putInt(length);
            writeHeader(frame, 1 + Integer.BYTES + written);
            return ByteBuffer.wrap(frame, 0, prefix + written);
        } finally {
            deflater.end();
        }
    }

    /** Writes length and checksum of a body of {@code bodyLength} bytes that follows the header. */
    private static void writeHeader(byte[] frame, int bodyLength) {
        ByteBuffer header = ByteBuffer.wrap(frame, 0, HEADER_BYTES);
        header.putInt(0, bodyLength);
        header.putInt(Integer.BYTES, checksum(bodyLength, frame, HEADER_BYTES));
    }

    /**
     * The checksum of a frame: CRC32C of its length, as 4 big-endian bytes, followed by its body.
     *
     * @param bodyLength the body's length
     * @param body       an array holding the body
     * @param offset     where the body starts in it
     * @return the checksum
     */
    static int checksum(int bodyLength, byte[] body, int offset) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(Integer.BYTES).putInt(0, bodyLength));
        crc.update(body, offset, bodyLength);
        return (int) crc.getValue();
    }
}
