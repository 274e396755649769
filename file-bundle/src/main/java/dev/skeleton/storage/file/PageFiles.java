package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.PageImage;
import dev.skeleton.storage.core.PageReader;
import dev.skeleton.storage.core.PageRef;
import dev.skeleton.storage.core.PageSource;
import dev.skeleton.storage.core.PageWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page files of a store ({@code pages-N}): where checkpoints append the pages of the trees, and
 * where the trees read them back through a bounded cache ({@link PageSource}).
 *
 * <h2>Positions</h2>
 * A page's position is its file's number and its offset in that file, packed into one long
 * ({@link #position}): {@value #OFFSET_BITS} bits of offset. A page is one frame (FORMAT.md,
 * "Frames"), so its checksum covers it, and its reference carries the frame's whole length, so
 * reading a page is one positional read.
 *
 * <h2>Threads</h2>
 * Reads come from any thread, through one read channel per file opened on first use. Writes come
 * from the store's checkpoint only ({@link #writer}), one at a time; each page is written to the
 * file at once (not buffered), so a page is readable as soon as its reference exists. Only a
 * checkpoint's force makes the pages durable; a checkpoint refers to none that are not.
 */
final class PageFiles implements PageReader {

    static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;

    private final StoreFiles files;
    private final String storeName;
    private final boolean compress;
    private final PageSource source;
    private final Map<Long, FileChannel> readers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * The page files of a store.
     *
     * @param files      the store's files
     * @param storeName  its name, for messages
     * @param compress   whether pages are deflated where that makes them smaller
     * @param cacheBytes the most bytes of pages kept in the heap
     */
    PageFiles(StoreFiles files, String storeName, boolean compress, long cacheBytes) {
        this.files = files;
        this.storeName = storeName;
        this.compress = compress;
        this.source = new PageSource(this, cacheBytes);
    }

    /** @return the cache the trees read pages through */
    PageSource source() {
        return source;
    }

    static long position(long file, long offset) {
        return file << OFFSET_BITS | offset;
    }

    static long fileOf(long position) {
        return position >>> OFFSET_BITS;
    }

    static long offsetOf(long position) {
        return position & OFFSET_MASK;
    }

    @Override
    public PageImage read(PageRef ref) {
        long offset = offsetOf(ref.position());
        Path path = files.numbered(StoreFiles.PAGES, fileOf(ref.position()));
        byte[] frame = readFrame(ref);
        return decode(path, offset, frame);
    }

    /**
     * A page's frame as it is on disk, its length and checksum checked.
     *
     * @param ref the page
     * @return the frame's bytes
     * @throws StorageException {@code CORRUPTED} naming file and offset, or {@code IO}
     */
    byte[] readFrame(PageRef ref) {
        long file = fileOf(ref.position());
        long offset = offsetOf(ref.position());
        Path path = files.numbered(StoreFiles.PAGES, file);
        byte[] frame = new byte[ref.length()];
        try {
            ByteBuffer buffer = ByteBuffer.wrap(frame);
            FileChannel channel = channel(file, path);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw damaged(path, offset, "the file ends inside the page (" + buffer.position() + " of "
                            + frame.length + " bytes)", null);
                }
            }
        } catch (ClosedChannelException e) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "file store " + storeName + " is closed");
        } catch (IOException e) {
            throw StoreFiles.ioFailure(storeName, "reading the page at offset " + offset + " of " + path, e);
        }
        ByteBuffer fields = ByteBuffer.wrap(frame);
        int bodyLength = frame.length >= Frame.HEADER_BYTES ? fields.getInt(0) : -1;
        if (bodyLength != frame.length - Frame.HEADER_BYTES || bodyLength < 1) {
            throw damaged(path, offset, "its frame length " + bodyLength + " is not the page's", null);
        }
        if (Frame.checksum(bodyLength, frame, Frame.HEADER_BYTES) != fields.getInt(Integer.BYTES)) {
            throw damaged(path, offset, "checksum mismatch", null);
        }
        return frame;
    }

    private PageImage decode(Path path, long offset, byte[] frame) {
        int bodyLength = frame.length - Frame.HEADER_BYTES;
        try {
            Input payload = FrameReader.payloadOf(path, offset, frame, Frame.HEADER_BYTES, bodyLength);
            PageImage page = PageCodec.read(payload, source);
            if (payload.position() != payload.limit()) {
                throw new RecordCodec.MalformedPayloadException("bytes left after the page");
            }
            return page;
        } catch (DamagedFileException e) {
            throw damaged(path, offset, e.getMessage(), e);
        } catch (RecordCodec.MalformedPayloadException | KryoException e) {
            throw damaged(path, offset, "the page does not decode: " + e.getMessage(), e);
        }
    }

    private StorageException damaged(Path path, long offset, String reason, Exception cause) {
        StorageException failure = new StorageException(ErrorCode.CORRUPTED, "store " + storeName + ": the page at offset "
                + offset + " of " + path + " is damaged: " + reason);
        if (cause != null) {
            failure.initCause(cause);
        }
        return failure;
    }

    private FileChannel channel(long file, Path path) throws IOException {
        FileChannel channel = readers.get(file);
        if (channel != null) {
            return channel;
        }
        if (closed) {
            throw new ClosedChannelException();
        }
        FileChannel opened = FileChannel.open(path, StandardOpenOption.READ);
        FileChannel raced = readers.putIfAbsent(file, opened);
        if (raced != null) {
            opened.close();
            return raced;
        }
        return opened;
    }

    /**
     * A writer that appends pages to {@code pages-N} from {@code end} on, creating the file with its
     * header when {@code end} is 0 (and cutting off whatever a crashed checkpoint left after
     * {@code end} otherwise).
     *
     * @param file the file's number
     * @param end  where its pages end
     * @return the writer; close it after forcing
     * @throws IOException if the file cannot be opened
     */
    Writer writer(long file, long end) throws IOException {
        return new Writer(file, end);
    }

    /**
     * Opens a file's read channel if it is not open yet, so that the file stays readable through it
     * after its name is deleted (until {@link #forget}).
     *
     * @param file the file's number
     * @throws IOException if it cannot be opened
     */
    void holdOpen(long file) throws IOException {
        channel(file, files.numbered(StoreFiles.PAGES, file));
    }

    /** Forgets the read channel of a file (deleted, or cut). */
    void forget(long file) throws IOException {
        FileChannel channel = readers.remove(file);
        if (channel != null) {
            channel.close();
        }
    }

    /** Closes every read channel; reads fail with {@code STORE_CLOSED} from now on. */
    void close() throws IOException {
        closed = true;
        for (long file : readers.keySet()) {
            forget(file);
        }
        source.clear();
    }

    /** Appends pages to one file; used by one checkpoint at a time. */
    final class Writer implements PageWriter, AutoCloseable {
        private final long file;
        private final Path path;
        private final FileChannel channel;
        private long end;

        private Writer(long file, long end) throws IOException {
            this.file = file;
            this.path = files.numbered(StoreFiles.PAGES, file);
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.end = end;
            try {
                if (end == 0) {
                    Output header = Frame.newPayload(32);
                    RecordCodec.writeFileHeader(header, RecordCodec.FileKind.PAGES, file);
                    append(Frame.seal(header, false));
                } else if (channel.size() > end) {
                    channel.truncate(end);
                }
            } catch (IOException e) {
                // Nobody holds this writer yet to close it.
                channel.close();
                throw new IOException("store " + storeName + ": starting the page file " + path + " failed: " + e, e);
            }
        }

        /** @return the file's number */
        long file() {
            return file;
        }

        /** @return where its pages end */
        long end() {
            return end;
        }

        @Override
        public PageRef write(PageImage page) {
            Output out = Frame.newPayload(PageCodec.estimatedBytes(page));
            PageCodec.write(out, page);
            ByteBuffer frame = Frame.seal(out, compress);
            int length = frame.remaining();
            if (end + length > OFFSET_MASK) {
                throw new StorageException(ErrorCode.IO, "store " + storeName + ": page file " + path + " is full");
            }
            long offset = end;
            try {
                append(frame);
            } catch (IOException e) {
                throw StoreFiles.ioFailure(storeName, "writing a page to " + path, e);
            }
            return new PageRef(position(file, offset), length, PageCodec.flagsOf(page), source);
        }

        /**
         * Appends a page's frame as it was read elsewhere: a leaf moved by a compaction, whose bytes
         * (and checksum) do not depend on where it lies.
         *
         * @param frame the frame, checked
         * @param flags the page's flags
         * @return where it now lies
         */
        PageRef writeFrame(byte[] frame, int flags) {
            long offset = end;
            try {
                append(ByteBuffer.wrap(frame));
            } catch (IOException e) {
                throw StoreFiles.ioFailure(storeName, "writing a page to " + path, e);
            }
            return new PageRef(position(file, offset), frame.length, flags, source);
        }

        private void append(ByteBuffer frame) throws IOException {
            long at = end;
            while (frame.hasRemaining()) {
                at += channel.write(frame, at);
            }
            end = at;
        }

        /** Makes every page written durable. */
        void force() throws IOException {
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
