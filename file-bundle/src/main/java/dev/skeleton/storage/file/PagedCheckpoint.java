package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.PageRef;
import dev.skeleton.storage.core.PageSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint of the paged format: not the data, but where it is. The roots of the working data
 * and of every kept version in the page files, the version numbers, the state of the content hash
 * of the working data, and which page files hold live pages and where the last one ends. Written
 * atomically as {@code checkpoint-<segment>} once every page it refers to is durable; recovery reads
 * it and replays the log from {@code segment} on. A few hundred bytes plus 60 per kept version:
 * opening a store reads this, a root page per tree, and the log since.
 *
 * <pre>
 * file  := FILE_HEADER(C, segment)  ROOTS  END(0)
 * ROOTS := type:u8=12  currentVersion:varlong  lastVersion:varlong  oldestKept:varlong
 *          pageFile:varlong  pageEnd:varlong  liveFiles:count:varint varlong*
 *          data:tree  versions:count:varint (number:varlong tree hash:32 bytes)*
 *          valueFiles:count:varint (id:varlong storedBytes:varlong)*  dataHashState:512 bytes
 * tree  := size:varint  weight:varlong  (0:u8 | 1:u8 ref)           (0: the empty tree)
 * ref   := position:varlong  length:varint  flags:varint
 * </pre>
 *
 * @param segment        the log segment this checkpoint precedes
 * @param currentVersion the version last saved or loaded, 0 for none
 * @param lastVersion    the highest version number ever handed out
 * @param oldestKept     the oldest version kept, 0 before any save
 * @param pageFile       the page file the next checkpoint appends to
 * @param pageEnd        where the pages of {@code pageFile} end (0: not created yet)
 * @param liveFiles      every page file with pages of these trees, ascending
 * @param data           the working data's root
 * @param versions       the kept versions, ascending
 * @param valueFiles     the value files the trees refer to, by number, with their stored lengths
 * @param dataHashState the content hash's state for the working data
 *                      ({@link dev.skeleton.storage.core.ContentHash#state()}), so that a
 *                      {@code saveVersion} after an open hashes only what changed since
 */
record PagedCheckpoint(long segment, long currentVersion, long lastVersion, long oldestKept, long pageFile,
        long pageEnd, long[] liveFiles, TreeRoot data, List<VersionRoot> versions, Map<Long, Long> valueFiles,
        byte[] dataHashState) {

    /**
     * A tree on disk.
     *
     * @param root   its root page, or null for the empty tree
     * @param size   its number of entries
     * @param weight its weight
     */
    record TreeRoot(PageRef root, int size, long weight) {

        /**
         * The tree, its root read now and the rest when needed.
         *
         * @param empty the store's empty tree, whose settings it takes
         * @return the tree; {@code empty} itself for the empty tree
         */
        CopyOnWriteTree<StoredValue> tree(CopyOnWriteTree<StoredValue> empty) {
            return root == null ? empty : empty.withStoredRoot(root, size, weight);
        }
    }

    /**
     * A kept version on disk.
     *
     * @param number its number
     * @param tree   its content
     * @param hash   its content hash
     */
    record VersionRoot(long number, TreeRoot tree, byte[] hash) {
    }

    /** The segment of a new store's first checkpoint and log. */
    static final long FIRST_SEGMENT = 1;

    private static final int HASH_BYTES = 32;

    /**
     * The checkpoint a new store starts with: nothing in it, the log at {@link #FIRST_SEGMENT}, no
     * page file yet. Every store of this format has a checkpoint; one without is of the first
     * format.
     *
     * @return the checkpoint
     */
    static PagedCheckpoint first() {
        return new PagedCheckpoint(FIRST_SEGMENT, 0, 0, 0, 1, 0, new long[0], new TreeRoot(null, 0, 0), List.of(),
                Map.of(), new dev.skeleton.storage.core.ContentHash().state());
    }
    private static final int HASH_STATE_BYTES = 512;

    /**
     * Writes this checkpoint atomically.
     *
     * @param files the store's files
     * @return the bytes of the file written
     * @throws IOException if writing fails; no file is left then
     */
    long write(StoreFiles files) throws IOException {
        String name = files.numbered(StoreFiles.CHECKPOINT, segment).getFileName().toString();
        return files.writeAtomically(name, channel -> {
            Output header = Frame.newPayload(32);
            RecordCodec.writeFileHeader(header, RecordCodec.FileKind.CHECKPOINT, segment);
            StoreFiles.writeFully(channel, Frame.seal(header, false));
            Output roots = Frame.newPayload(1024 + versions.size() * 96);
            writeRoots(roots);
            StoreFiles.writeFully(channel, Frame.seal(roots, false));
            Output end = Frame.newPayload(8);
            end.writeByte(RecordCodec.END);
            end.writeVarLong(0, true);
            StoreFiles.writeFully(channel, Frame.seal(end, false));
        });
    }

    private void writeRoots(Output out) {
        out.writeByte(RecordCodec.ROOTS);
        out.writeVarLong(currentVersion, true);
        out.writeVarLong(lastVersion, true);
        out.writeVarLong(oldestKept, true);
        out.writeVarLong(pageFile, true);
        out.writeVarLong(pageEnd, true);
        out.writeVarInt(liveFiles.length, true);
        for (long file : liveFiles) {
            out.writeVarLong(file, true);
        }
        writeTree(out, data);
        out.writeVarInt(versions.size(), true);
        for (VersionRoot version : versions) {
            out.writeVarLong(version.number(), true);
            writeTree(out, version.tree());
            out.writeBytes(version.hash());
        }
        out.writeVarInt(valueFiles.size(), true);
        for (Map.Entry<Long, Long> file : valueFiles.entrySet()) {
            out.writeVarLong(file.getKey(), true);
            out.writeVarLong(file.getValue(), true);
        }
        out.writeBytes(dataHashState);
    }

    private static void writeTree(Output out, TreeRoot tree) {
        out.writeVarInt(tree.size(), true);
        out.writeVarLong(tree.weight(), true);
        if (tree.root() == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            PageCodec.writeRef(out, tree.root());
        }
    }

    /**
     * The format version of a checkpoint file, from its header alone.
     *
     * @param files   the store's files
     * @param segment its number
     * @return {@link RecordCodec#FIRST_FORMAT_VERSION} or {@link RecordCodec#FORMAT_VERSION}
     * @throws DamagedFileException if even its header cannot be read
     * @throws IOException          if it cannot be read
     */
    static int formatOf(StoreFiles files, long segment) throws DamagedFileException, IOException {
        Path path = files.numbered(StoreFiles.CHECKPOINT, segment);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(path, channel, 0);
            try {
                return RecordCodec.readFileHeader(reader.require(), RecordCodec.FileKind.CHECKPOINT, segment);
            } catch (RecordCodec.MalformedPayloadException | KryoException e) {
                throw new DamagedFileException(path, 0, e.getMessage());
            }
        }
    }

    /**
     * Reads a checkpoint of this format.
     *
     * @param files   the store's files
     * @param segment its number
     * @param source  what its pages are read through
     * @return the checkpoint
     * @throws DamagedFileException if any of it is damaged or of another format
     * @throws IOException          if it cannot be read
     */
    static PagedCheckpoint read(StoreFiles files, long segment, PageSource source)
            throws DamagedFileException, IOException {
        Path path = files.numbered(StoreFiles.CHECKPOINT, segment);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(path, channel, 0);
            try {
                int format = RecordCodec.readFileHeader(reader.require(), RecordCodec.FileKind.CHECKPOINT, segment);
                if (format != RecordCodec.FORMAT_VERSION) {
                    throw new RecordCodec.MalformedPayloadException("format version " + format + " where "
                            + RecordCodec.FORMAT_VERSION + " belongs");
                }
                PagedCheckpoint checkpoint = readRoots(reader.require(), segment, source);
                Input end = reader.require();
                RecordCodec.expectType(end, RecordCodec.END);
                end.readVarLong(true);
                if (reader.next() != null) {
                    throw new RecordCodec.MalformedPayloadException("frames after the end");
                }
                return checkpoint;
            } catch (RecordCodec.MalformedPayloadException | KryoException e) {
                throw new DamagedFileException(path, reader.validEnd(), e.getMessage());
            }
        }
    }

    private static PagedCheckpoint readRoots(Input in, long segment, PageSource source) {
        RecordCodec.expectType(in, RecordCodec.ROOTS);
        long current = in.readVarLong(true);
        long last = in.readVarLong(true);
        long oldest = in.readVarLong(true);
        long pageFile = in.readVarLong(true);
        long pageEnd = in.readVarLong(true);
        long[] live = new long[RecordCodec.readCount(in)];
        for (int i = 0; i < live.length; i++) {
            live[i] = in.readVarLong(true);
        }
        TreeRoot data = readTree(in, source);
        int versionCount = RecordCodec.readCount(in);
        List<VersionRoot> versions = new ArrayList<>(versionCount);
        for (int i = 0; i < versionCount; i++) {
            versions.add(new VersionRoot(in.readVarLong(true), readTree(in, source), in.readBytes(HASH_BYTES)));
        }
        int valueCount = RecordCodec.readCount(in);
        Map<Long, Long> valueFiles = new TreeMap<>();
        for (int i = 0; i < valueCount; i++) {
            valueFiles.put(in.readVarLong(true), in.readVarLong(true));
        }
        byte[] state = in.readBytes(HASH_STATE_BYTES);
        return new PagedCheckpoint(segment, current, last, oldest, pageFile, pageEnd, live, data, versions, valueFiles,
                state);
    }

    private static TreeRoot readTree(Input in, PageSource source) {
        int size = in.readVarInt(true);
        long weight = in.readVarLong(true);
        byte present = in.readByte();
        if (present != 0 && present != 1) {
            throw new RecordCodec.MalformedPayloadException("a tree marked " + present);
        }
        return new TreeRoot(present == 1 ? PageCodec.readRef(in, source) : null, size, weight);
    }
}
