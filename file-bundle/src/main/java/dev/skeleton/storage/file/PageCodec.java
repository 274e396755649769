package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.skeleton.storage.core.PageImage;
import dev.skeleton.storage.core.PageRef;
import dev.skeleton.storage.core.PageSource;

/**
 * The payloads of pages (FORMAT.md, "Pages"): a leaf's entries, or an inner node's children with
 * the smallest key below each. Like every payload, primitives and byte arrays only.
 *
 * <p>A child reference carries the flags of the child's page: {@link #LEAF} (the child is a leaf,
 * so a walk that wants inner pages only need not read it) and {@link #HAS_LARGE} (some entry below
 * it refers to a value file, so the collector of value files must look there). A page's own flags
 * are computed when it is written ({@link #flagsOf}).
 */
final class PageCodec {

    /** The page is a leaf. */
    static final int LEAF = 1;
    /** Some entry in the page's subtree is a large value. */
    static final int HAS_LARGE = 2;

    private PageCodec() {
    }

    /** The flags of a page about to be written. */
    static int flagsOf(PageImage page) {
        int flags = page.isLeaf() ? LEAF : 0;
        for (Object slot : page.slots()) {
            if (page.isLeaf() ? slot instanceof StoredValue.Large : (((PageRef) slot).flags() & HAS_LARGE) != 0) {
                return flags | HAS_LARGE;
            }
        }
        return flags;
    }

    /** About how many bytes a page's payload takes, so that its buffer is sized once. */
    static int estimatedBytes(PageImage page) {
        int bytes = 16;
        for (int i = 0; i < page.size(); i++) {
            bytes += page.keys()[i].length + 16;
            if (page.slots()[i] instanceof StoredValue.Inline inline) {
                bytes += inline.bytes().length;
            } else {
                bytes += 64;
            }
        }
        return bytes;
    }

    static void write(Output out, PageImage page) {
        if (page.isLeaf()) {
            out.writeByte(RecordCodec.LEAF_PAGE);
            out.writeVarInt(page.size(), true);
            for (int i = 0; i < page.size(); i++) {
                RecordCodec.writeChange(out, page.keys()[i], (StoredValue) page.slots()[i]);
            }
            return;
        }
        out.writeByte(RecordCodec.INNER_PAGE);
        out.writeVarInt(page.height(), true);
        out.writeVarInt(page.size(), true);
        for (int i = 0; i < page.size(); i++) {
            RecordCodec.writeBytes(out, page.keys()[i]);
            writeRef(out, (PageRef) page.slots()[i]);
        }
    }

    /**
     * Reads a page back.
     *
     * @param in     its payload
     * @param source the source its children are read through
     * @return the page
     * @throws RecordCodec.MalformedPayloadException if it does not decode
     */
    static PageImage read(Input in, PageSource source) {
        byte type = in.readByte();
        if (type == RecordCodec.LEAF_PAGE) {
            int count = RecordCodec.readCount(in);
            byte[][] keys = new byte[count][];
            Object[] values = new Object[count];
            for (int i = 0; i < count; i++) {
                Change change = RecordCodec.readChange(in);
                if (change.isDelete()) {
                    throw new RecordCodec.MalformedPayloadException("a delete in a leaf page");
                }
                keys[i] = change.key();
                values[i] = change.value();
            }
            return new PageImage(0, keys, values);
        }
        if (type != RecordCodec.INNER_PAGE) {
            throw new RecordCodec.MalformedPayloadException("payload of type " + type + " where a page belongs");
        }
        int height = in.readVarInt(true);
        int count = RecordCodec.readCount(in);
        if (height < 1 || count < 1) {
            throw new RecordCodec.MalformedPayloadException("an inner page of height " + height + " with " + count
                    + " children");
        }
        byte[][] keys = new byte[count][];
        Object[] children = new Object[count];
        for (int i = 0; i < count; i++) {
            keys[i] = RecordCodec.readBytes(in);
            children[i] = readRef(in, source);
        }
        return new PageImage(height, keys, children);
    }

    static void writeRef(Output out, PageRef ref) {
        out.writeVarLong(ref.position(), true);
        out.writeVarInt(ref.length(), true);
        out.writeVarInt(ref.flags(), true);
    }

    static PageRef readRef(Input in, PageSource source) {
        return new PageRef(in.readVarLong(true), in.readVarInt(true), in.readVarInt(true), source);
    }
}
