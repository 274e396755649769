package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * The payloads of the frames a file store writes, encoded with Kryo's {@link Output} and
 * {@link Input} as primitives and byte arrays only: no object graph and no class name is ever
 * written, so reading needs no class resolution (and works the same inside OSGi, where Kryo lives
 * privately in this bundle). FORMAT.md spells the layouts out; this class is their one definition.
 *
 * <p>Every payload starts with a type byte. Lengths and counts are Kryo variable-length positive
 * ints ({@code varint}), numbers Kryo variable-length positive longs ({@code varlong}), fixed
 * {@code int}s big-endian. A payload that does not decode (unknown type, lengths that run past its
 * end) raises {@link MalformedPayloadException}; since its frame's checksum held, that means a file
 * of another format or version, and readers treat it as damage. Stateless and thread-safe.
 */
final class RecordCodec {

    /** "SKST": the first int of the header frame of every file. */
    static final int MAGIC = 0x534B5354;
    /** The format version this code writes and reads. */
    static final int FORMAT_VERSION = 2;
    /** The first format: logs and the config read as in this one; checkpoints and versions only by conversion. */
    static final int FIRST_FORMAT_VERSION = 1;

    static final byte FILE_HEADER = 1;
    static final byte CHANGES = 2;
    static final byte VERSION_SAVED = 3;
    static final byte VERSION_LOADED = 4;
    static final byte CHECKPOINT_META = 5;
    static final byte VERSION_META = 6;
    static final byte ENTRIES = 7;
    static final byte END = 8;
    static final byte CONFIG = 9;
    static final byte LEAF_PAGE = 10;
    static final byte INNER_PAGE = 11;
    static final byte ROOTS = 12;

    private static final byte DELETE = 0;
    private static final byte PUT_INLINE = 1;
    private static final byte PUT_LARGE = 2;
    private static final int SEED_BYTES = 32;

    /** Signals a payload whose frame was intact but whose content does not decode. */
    static final class MalformedPayloadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedPayloadException(String message) {
            super(message);
        }
    }

    /** The kinds of file, as named in their header frame. */
    enum FileKind {
        LOG('L'), CHECKPOINT('C'), VERSION('V'), CONFIG('K'), PAGES('P');

        private final char code;

        FileKind(char code) {
            this.code = code;
        }
    }

    private RecordCodec() {
    }

    // ---- file header ----

    static void writeFileHeader(Output out, FileKind kind, long number) {
        out.writeByte(FILE_HEADER);
        out.writeInt(MAGIC);
        out.writeVarInt(FORMAT_VERSION, true);
        out.writeByte((byte) kind.code);
        out.writeVarLong(number, true);
    }

    /**
     * Checks a file's header frame.
     *
     * @param in     the payload of the file's first frame
     * @param kind   the kind the file must be
     * @param number the number its name carries
     * @return the file's format version: {@value #FIRST_FORMAT_VERSION} or {@value #FORMAT_VERSION}
     */
    static int readFileHeader(Input in, FileKind kind, long number) {
        expectType(in, FILE_HEADER);
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new MalformedPayloadException("not a file of a Skeleton Storage file store (magic "
                    + Integer.toHexString(magic) + ")");
        }
        int version = in.readVarInt(true);
        if (version < FIRST_FORMAT_VERSION || version > FORMAT_VERSION) {
            throw new MalformedPayloadException("format version " + version + ", this engine reads "
                    + FIRST_FORMAT_VERSION + " to " + FORMAT_VERSION);
        }
        char code = (char) in.readByte();
        long found = in.readVarLong(true);
        if (code != kind.code || found != number) {
            throw new MalformedPayloadException("header says " + code + " " + found + ", expected "
                    + kind.code + " " + number);
        }
        return version;
    }

    // ---- log records ----

    static void writeRecord(Output out, LogRecord record) {
        if (record instanceof LogRecord.Changes changes) {
            out.writeByte(CHANGES);
            writeChanges(out, changes.changes());
        } else if (record instanceof LogRecord.VersionSaved saved) {
            out.writeByte(VERSION_SAVED);
            out.writeVarLong(saved.number(), true);
            out.writeVarLong(saved.oldestKept(), true);
        } else {
            LogRecord.VersionLoaded loaded = (LogRecord.VersionLoaded) record;
            out.writeByte(VERSION_LOADED);
            out.writeVarLong(loaded.number(), true);
            writeChanges(out, loaded.changes());
        }
    }

    /**
     * About how many bytes a record's payload takes, so that its buffer is allocated once instead
     * of growing (and being copied) step by step; never less than a small minimum.
     *
     * @param record the record
     * @return the estimate
     */
    static int estimatedBytes(LogRecord record) {
        List<Change> changes = record instanceof LogRecord.Changes c ? c.changes()
                : record instanceof LogRecord.VersionLoaded l ? l.changes() : List.of();
        long bytes = 64;
        for (Change change : changes) {
            // op, two lengths, key, and the value inline or the fixed fields of a reference.
            bytes += 11 + change.key().length + (change.value() instanceof StoredValue.Inline inline
                    ? inline.length() : change.value() == null ? 0 : 64);
        }
        return (int) Math.min(bytes, Frame.MAX_BODY_BYTES);
    }

    static LogRecord readRecord(Input in) {
        byte type = in.readByte();
        return switch (type) {
            case CHANGES -> new LogRecord.Changes(readChanges(in));
            case VERSION_SAVED -> new LogRecord.VersionSaved(in.readVarLong(true), in.readVarLong(true));
            case VERSION_LOADED -> new LogRecord.VersionLoaded(in.readVarLong(true), readChanges(in));
            default -> throw new MalformedPayloadException("unknown log record type " + type);
        };
    }

    // ---- changes ----

    static void writeChanges(Output out, List<Change> changes) {
        out.writeVarInt(changes.size(), true);
        for (Change change : changes) {
            writeChange(out, change.key(), change.value());
        }
    }

    static List<Change> readChanges(Input in) {
        int count = readCount(in);
        List<Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(readChange(in));
        }
        return changes;
    }

    /**
     * Writes one change.
     *
     * @param out   the output
     * @param key   the key
     * @param value the value, or null for a delete
     */
    static void writeChange(Output out, byte[] key, StoredValue value) {
        if (value == null) {
            out.writeByte(DELETE);
            writeBytes(out, key);
        } else if (value instanceof StoredValue.Large large) {
            out.writeByte(PUT_LARGE);
            writeBytes(out, key);
            out.writeVarLong(large.id(), true);
            out.writeVarInt(large.length(), true);
            out.writeVarLong(large.storedBytes(), true);
            out.writeInt(large.crc());
            out.writeBoolean(large.compressed());
            out.writeBytes(large.seed());
        } else {
            out.writeByte(PUT_INLINE);
            writeBytes(out, key);
            writeBytes(out, ((StoredValue.Inline) value).bytes());
        }
    }

    /** Receives decoded changes one by one, without a {@link Change} object per entry. */
    @FunctionalInterface
    interface ChangeSink {
        /**
         * Takes one change.
         *
         * @param key   the key
         * @param value the value, or null for a delete
         */
        void accept(byte[] key, StoredValue value);
    }

    static Change readChange(Input in) {
        byte op = in.readByte();
        byte[] key = readBytes(in);
        return new Change(key, readValue(in, op));
    }

    /**
     * Reads one change into a sink: for snapshots, whose entries go straight into a tree.
     *
     * @param in   the payload, at a change
     * @param sink receives it
     */
    static void readChange(Input in, ChangeSink sink) {
        byte op = in.readByte();
        byte[] key = readBytes(in);
        sink.accept(key, readValue(in, op));
    }

    /** The value of a change whose op and key were read: null for a delete. */
    static StoredValue readValue(Input in, byte op) {
        return switch (op) {
            case DELETE -> null;
            case PUT_INLINE -> new StoredValue.Inline(readBytes(in));
            case PUT_LARGE -> new StoredValue.Large(in.readVarLong(true), in.readVarInt(true),
                    in.readVarLong(true), in.readInt(), in.readBoolean(), in.readBytes(SEED_BYTES));
            default -> throw new MalformedPayloadException("unknown change " + op);
        };
    }

    // ---- helpers ----

    static void writeBytes(Output out, byte[] bytes) {
        out.writeVarInt(bytes.length, true);
        out.writeBytes(bytes);
    }

    static byte[] readBytes(Input in) {
        int length = in.readVarInt(true);
        checkCount(in, length);
        return in.readBytes(length);
    }

    /**
     * Reads the type byte of a payload and checks it.
     *
     * @param in       the payload
     * @param expected the type it must have
     */
    static void expectType(Input in, byte expected) {
        byte type = in.readByte();
        if (type != expected) {
            throw new MalformedPayloadException("payload of type " + type + " where " + expected + " belongs");
        }
    }

    /**
     * Reads a count of elements that follow, each at least one byte.
     *
     * @param in the payload, at a count
     * @return the count
     * @throws MalformedPayloadException if it is negative or runs past the payload's end
     */
    static int readCount(Input in) {
        int count = in.readVarInt(true);
        checkCount(in, count);
        return count;
    }

    /** A count or length can never exceed the bytes left: each element takes at least one. */
    private static void checkCount(Input in, int count) {
        if (count < 0 || count > in.limit() - in.position()) {
            throw new MalformedPayloadException("count " + count + " runs past the payload's end");
        }
    }
}
