package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk format piece by piece: frames, payloads, snapshot files and log segments, each
 * written and read back, and each kind of damage recognised for what it is.
 */
class FormatTest {

    @TempDir
    Path directory;

    private static Output payload(Consumer<Output> writer) {
        Output output = Frame.newPayload(16);
        writer.accept(output);
        return output;
    }

    /** A frame around a body given byte by byte, with a correct checksum. */
    private static byte[] frameOfBody(int... values) {
        byte[] body = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            body[i] = (byte) values[i];
        }
        return frameOfBodyBytes(body);
    }

    private static byte[] frameOfBodyBytes(byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(Frame.HEADER_BYTES + body.length);
        frame.putInt(body.length).putInt(Frame.checksum(body.length, body, 0)).put(body);
        return frame.array();
    }

    private Path file(byte[]... parts) throws IOException {
        Path path = Files.createTempFile(directory, "frames", "");
        for (byte[] part : parts) {
            Files.write(path, part, StandardOpenOption.APPEND);
        }
        return path;
    }

    private static byte[] bytes(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    private static byte[] frame(Consumer<Output> writer, boolean compress) {
        return bytes(Frame.seal(payload(writer), compress));
    }

    private static List<Input> readAll(Path path) throws IOException, DamagedFileException {
        List<Input> payloads = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(path)) {
            FrameReader reader = new FrameReader(path, channel, 0);
            for (Input next = reader.next(); next != null; next = reader.next()) {
                // A payload is valid until the next frame is read (the reader reuses its buffer): keep a copy.
                payloads.add(new Input(Arrays.copyOfRange(next.getBuffer(), next.position(), next.limit())));
            }
        }
        return payloads;
    }

    private DamagedFileException damage(byte[]... parts) throws IOException {
        Path path = file(parts);
        return assertThrows(DamagedFileException.class, () -> readAll(path));
    }

    @Test
    void framesRoundTripPlainAndDeflated() throws Exception {
        byte[] random = new byte[500];
        new Random(1).nextBytes(random);
        byte[] compressible = frame(out -> out.writeBytes(new byte[4000]), true);
        byte[] incompressible = frame(out -> out.writeBytes(random), true);
        byte[] small = frame(out -> out.writeInt(42), true);

        assertTrue(compressible.length < 200, "deflated: " + compressible.length);
        assertEquals(Frame.PLAIN, incompressible[Frame.HEADER_BYTES], "not worth deflating");
        List<Input> read = readAll(file(compressible, incompressible, small));
        assertArrayEquals(new byte[4000], read.get(0).readBytes(4000));
        assertArrayEquals(random, read.get(1).readBytes(500));
        assertEquals(42, read.get(2).readInt());
    }

    @Test
    void everyKindOfBrokenFrameIsDamage() throws IOException {
        byte[] good = frame(out -> out.writeInt(7), false);
        assertTrue(damage(good, new byte[] {0, 0, 0}).getMessage().contains("torn frame header"));
        assertTrue(damage(new byte[] {0, 0, 0, 0, 0, 0, 0, 0}).getMessage().contains("impossible frame length 0"));
        assertTrue(damage(new byte[] {0, 0, 0, 9, 0, 0, 0, 0, 1}).getMessage().contains("torn frame"));
        assertTrue(damage(frameOfBody(7, 1, 2)).getMessage().contains("unknown frame flags"));
        assertTrue(damage(frameOfBody(Frame.DEFLATED, 0)).getMessage().contains("unknown frame flags"));
        assertTrue(damage(frameOfBody(Frame.DEFLATED, 0x80, 0, 0, 0, 1)).getMessage()
                .contains("impossible inflated length"));
        assertTrue(damage(frameOfBody(Frame.DEFLATED, 0, 0, 0, 5, 1, 2, 3)).getMessage().contains("invalid"));
        byte[] deflated = frame(out -> out.writeBytes(new byte[1000]), true);
        ByteBuffer.wrap(deflated).putInt(Frame.HEADER_BYTES + 1, 999);
        byte[] wrongLength = frameOfBodyBytes(java.util.Arrays.copyOfRange(deflated, Frame.HEADER_BYTES, deflated.length));
        assertTrue(damage(wrongLength).getMessage().contains("does not inflate"));
        DamagedFileException atSecond = damage(good, frameOfBody(7));
        assertEquals(good.length, atSecond.offset(), "damage is reported where the bad frame starts");
    }

    @Test
    void recordsRoundTrip() {
        StoredValue.Large large = new StoredValue.Large(7, 5000, 1200, 0xCAFE, true, new byte[32]);
        List<LogRecord> records = List.of(
                new LogRecord.Changes(List.of(new Change(new byte[] {1}, new StoredValue.Inline(new byte[] {2})),
                        new Change(new byte[] {3}, null), new Change(new byte[0], large))),
                new LogRecord.VersionSaved(9, 4),
                new LogRecord.VersionLoaded(3, List.of(new Change(new byte[] {4}, null))));
        for (LogRecord record : records) {
            Output out = new Output(64, -1);
            RecordCodec.writeRecord(out, record);
            LogRecord read = RecordCodec.readRecord(new Input(out.toBytes()));
            assertEquals(record.getClass(), read.getClass());
            if (read instanceof LogRecord.Changes changes) {
                assertEquals(3, changes.changes().size());
                assertTrue(changes.changes().get(1).isDelete());
                StoredValue.Large readLarge = assertInstanceOf(StoredValue.Large.class, changes.changes().get(2).value());
                assertEquals(7, readLarge.id());
                assertEquals(0xCAFE, readLarge.crc());
                assertTrue(readLarge.compressed());
            }
        }
    }

    private static RecordCodec.MalformedPayloadException malformed(Consumer<Output> writer, Consumer<Input> reader) {
        Output out = new Output(64, -1);
        writer.accept(out);
        return assertThrows(RecordCodec.MalformedPayloadException.class, () -> reader.accept(new Input(out.toBytes())));
    }

    @Test
    void payloadsOfAnotherFormatAreMalformed() {
        Consumer<Input> logHeader = in -> RecordCodec.readFileHeader(in, RecordCodec.FileKind.LOG, 1);
        assertTrue(malformed(out -> {
            out.writeByte(RecordCodec.FILE_HEADER);
            out.writeInt(0x12345678);
        }, logHeader).getMessage().contains("not a file"));
        assertTrue(malformed(out -> {
            out.writeByte(RecordCodec.FILE_HEADER);
            out.writeInt(RecordCodec.MAGIC);
            out.writeVarInt(RecordCodec.FORMAT_VERSION + 1, true);
        }, logHeader).getMessage().contains("format version " + (RecordCodec.FORMAT_VERSION + 1)));
        assertTrue(malformed(out -> RecordCodec.writeFileHeader(out, RecordCodec.FileKind.CHECKPOINT, 1), logHeader)
                .getMessage().contains("header says C 1"));
        assertTrue(malformed(out -> RecordCodec.writeFileHeader(out, RecordCodec.FileKind.LOG, 2), logHeader)
                .getMessage().contains("expected L 1"));
        assertTrue(malformed(out -> out.writeByte(99), RecordCodec::readRecord).getMessage().contains("type 99"));
        assertTrue(malformed(out -> {
            out.writeByte(RecordCodec.CHANGES);
            out.writeVarInt(1, true);
            out.writeByte(9);
            out.writeVarInt(0, true);
        }, RecordCodec::readRecord).getMessage().contains("unknown change 9"));
        assertTrue(malformed(out -> {
            out.writeByte(RecordCodec.CHANGES);
            out.writeVarInt(1000, true);
        }, RecordCodec::readRecord).getMessage().contains("runs past"));
        assertTrue(malformed(out -> out.writeByte(RecordCodec.END), in -> RecordCodec.expectType(in, RecordCodec.ENTRIES))
                .getMessage().contains("where"));
    }

    private Path snapshotFile(byte[]... frames) throws IOException {
        byte[] header = frame(out -> RecordCodec.writeFileHeader(out, RecordCodec.FileKind.CHECKPOINT, 5), false);
        byte[] meta = frame(out -> out.writeByte(RecordCodec.CHECKPOINT_META), false);
        List<byte[]> parts = new ArrayList<>(List.of(header, meta));
        parts.addAll(List.of(frames));
        return file(parts.toArray(byte[][]::new));
    }

    private static byte[] end(long count) {
        return frame(out -> {
            out.writeByte(RecordCodec.END);
            out.writeVarLong(count, true);
        }, false);
    }

    private static DamagedFileException snapshotDamage(Path path) {
        return assertThrows(DamagedFileException.class,
                () -> SnapshotFile.read(path, RecordCodec.FileKind.CHECKPOINT, 5, in -> { }, (key, value) -> { }));
    }

    @Test
    void snapshotFilesMustBeCompleteAndConsistent() throws Exception {
        SnapshotFile.read(snapshotFile(end(0)), RecordCodec.FileKind.CHECKPOINT, 5, in -> { }, (key, value) -> { });
        assertTrue(snapshotDamage(snapshotFile()).getMessage().contains("ends before its last frame"));
        assertTrue(snapshotDamage(snapshotFile(end(3))).getMessage().contains("counts 3 entries, 0 read"));
        assertTrue(snapshotDamage(snapshotFile(end(0), end(0))).getMessage().contains("after the end frame"));
        assertTrue(snapshotDamage(snapshotFile(frame(out -> out.writeByte(RecordCodec.CHANGES), false)))
                .getMessage().contains("unexpected frame type"));
        assertTrue(snapshotDamage(snapshotFile(frame(out -> out.writeByte(RecordCodec.ENTRIES), false)))
                .getMessage().contains("undecodable"));
    }

    /** A checkpoint-5 holding the given changes in one ENTRIES frame, in the order given. */
    private StoreFiles checkpointOf(Change... changes) throws IOException {
        byte[] header = frame(out -> RecordCodec.writeFileHeader(out, RecordCodec.FileKind.CHECKPOINT, 5), false);
        byte[] meta = frame(out -> {
            out.writeByte(RecordCodec.CHECKPOINT_META);
            out.writeVarLong(1, true);
            out.writeVarLong(2, true);
            out.writeVarLong(1, true);
        }, false);
        byte[] entries = frame(out -> {
            out.writeByte(RecordCodec.ENTRIES);
            out.writeInt(changes.length);
            for (Change change : changes) {
                RecordCodec.writeChange(out, change.key(), change.value());
            }
        }, false);
        Path store = Files.createDirectories(directory.resolve("store"));
        Files.move(file(header, meta, entries, end(changes.length)), store.resolve("checkpoint-5"),
                StandardCopyOption.REPLACE_EXISTING);
        return new StoreFiles(store);
    }

    private static Change put(String key) {
        return new Change(TestStores.utf8(key), new StoredValue.Inline(TestStores.utf8("v")));
    }

    @Test
    void checkpointsLoadStraightIntoATreeAndMustBeInKeyOrder() throws Exception {
        Checkpoint read = Checkpoint.read(checkpointOf(put("a"), put("b"), put("c")), 5, FileStore.emptyTree(),
                large -> { });
        assertEquals(3, read.data().size());
        assertEquals(2, read.lastVersion());

        StoreFiles unordered = checkpointOf(put("a"), put("c"), put("b"));
        assertTrue(assertThrows(DamagedFileException.class, () -> Checkpoint.read(unordered, 5,
                FileStore.emptyTree(), large -> { })).getMessage().contains("out of key order"));
        StoreFiles withDelete = checkpointOf(put("a"), new Change(TestStores.utf8("b"), null));
        assertTrue(assertThrows(DamagedFileException.class, () -> Checkpoint.read(withDelete, 5,
                FileStore.emptyTree(), large -> { })).getMessage().contains("a delete where only puts belong"));
    }

    @Test
    void logSegmentsStopAtTheFirstBadRecord() throws Exception {
        Path empty = file();
        LogScanner.Result nothing = LogScanner.scan(empty, 1, record -> { });
        assertEquals(0, nothing.validEnd());
        assertTrue(nothing.damage().getMessage().contains("empty segment"));

        byte[] header = frame(out -> RecordCodec.writeFileHeader(out, RecordCodec.FileKind.LOG, 1), false);
        byte[] record = frame(out -> RecordCodec.writeRecord(out, new LogRecord.VersionSaved(1, 1)), false);
        byte[] unknown = frame(out -> out.writeByte(42), false);
        List<LogRecord> applied = new ArrayList<>();
        LogScanner.Result result = LogScanner.scan(file(header, record, unknown, record), 1, applied::add);
        assertEquals(1, applied.size());
        assertEquals(header.length + record.length, result.validEnd());
        assertTrue(result.damage().getMessage().contains("undecodable record"));
        assertNull(LogScanner.scan(file(header, record), 1, r -> { }).damage());
    }
}
