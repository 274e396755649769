package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.core.ContentHash;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NavigableMap;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * Builds dump bytes by hand, straight from {@code DUMP-FORMAT.md} and without the production
 * classes: a second reading of the document, so that the writer can be compared with it byte for
 * byte, and so that tests can make dumps whose checksums hold but whose content is wrong (which
 * flipping bits of a real dump cannot).
 */
final class RawDump {

    private RawDump() {
    }

    /** A header with a correct checksum. */
    static byte[] header(int version, int flags, String store, String engine, long entries) {
        byte[] storeBytes = store.getBytes(StandardCharsets.UTF_8);
        byte[] engineBytes = engine.getBytes(StandardCharsets.UTF_8);
        ByteBuffer fields = ByteBuffer.allocate(8 + 2 + 1 + 2 + storeBytes.length + 2 + engineBytes.length + 8);
        fields.put("SKLDUMP\n".getBytes(StandardCharsets.US_ASCII)).putShort((short) version).put((byte) flags);
        fields.putShort((short) storeBytes.length).put(storeBytes);
        fields.putShort((short) engineBytes.length).put(engineBytes);
        fields.putLong(entries);
        return withCrc(fields.array());
    }

    /** A frame's lengths and their checksum. */
    static byte[] head(int keyLength, int valueLength) {
        return withCrc(ByteBuffer.allocate(8).putInt(keyLength).putInt(valueLength).array());
    }

    /** A whole frame. */
    static byte[] frame(byte[] key, byte[] value) {
        return concat(head(key.length, value.length), withCrc(concat(key, value)));
    }

    static byte[] endFrame() {
        return head(-1, 0);
    }

    static byte[] trailer(long entries, byte[] hash) {
        return withCrc(ByteBuffer.allocate(8 + 32).putLong(entries).put(hash).array());
    }

    /** The stored body: {@code logical} (frames, end frame, trailer), deflated if asked, and its checksum. */
    static byte[] body(boolean compress, byte[] logical) {
        byte[] stored = compress ? deflate(logical) : logical;
        return withCrc(stored);
    }

    /** The logical body of a valid dump of {@code entries}. */
    static byte[] logicalBody(NavigableMap<byte[], byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContentHash hash = new ContentHash();
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            out.writeBytes(frame(entry.getKey(), entry.getValue()));
            hash.add(entry.getKey(), entry.getValue());
        }
        out.writeBytes(endFrame());
        out.writeBytes(trailer(entries.size(), hash.digest()));
        return out.toByteArray();
    }

    /** A valid dump of {@code entries}. */
    static byte[] dump(String store, String engine, boolean compress, NavigableMap<byte[], byte[]> entries) {
        return concat(header(1, compress ? 1 : 0, store, engine, entries.size()),
                body(compress, logicalBody(entries)));
    }

    static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater();
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** {@code bytes} followed by their CRC32C, big-endian. */
    static byte[] withCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return concat(bytes, ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
