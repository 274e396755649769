package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Output;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;

/**
 * Appends frames to the store's current log segment and makes them durable, sharing each fsync
 * among all the writers waiting for one (group commit, {@link GroupCommit}).
 *
 * <h2>Appending</h2>
 * {@link #append} is called under the store's write lock, which orders the records in the log
 * exactly as the changes are applied in memory, and returns the log position after the frame.
 * With {@code sync=interval} and {@code never} it writes the frame to the segment (into the page
 * cache: microseconds), so that a crash of the process alone loses nothing; a failed write is cut
 * off again ({@link FileChannel#truncate}), so that no partial frame can hide the records after it.
 * With {@code sync=always} it copies the frame into a {@link LogBuffer}, and the leader of the force
 * that covers it writes it together with the frames of the other writers just before it forces
 * (the writer waits for that force in any case; see {@link LogBuffer} for what this saves). If a
 * cut-off fails, a buffered write fails, or a force fails, the writer is <em>broken</em>: every
 * later append and sync fails with {@link ErrorCode#IO}, since what is on disk can no longer be
 * known (the store must be reopened, which recovers from the files; no write that was reported
 * durable is lost, and none that was not is reported durable).
 *
 * <h2>Group commit</h2>
 * {@link #awaitDurable} is called with no store lock held. {@link GroupCommit} decides who forces:
 * a writer that finds no force running leads one for everything appended so far (forcing the value
 * files it depends on first, {@link LargeValueFiles#syncPending}); the others wait for the force
 * that covers them. N concurrent writers therefore share about one fsync per round instead of
 * paying N, and durable throughput grows with the number of writers.
 *
 * <h2>Lock model</h2>
 * The segment channel and its size are touched by appenders under the store's write lock and by
 * the leader of a force; {@link #roll} and {@link #close} wait until no force runs and hold off the
 * next one ({@link GroupCommit#holdExclusively}) while they switch or close the channel, so a
 * leader never forces a closed channel.
 *
 * <h2>Figures</h2>
 * For the store's metrics it counts the frames appended ({@link #appends}; the bytes are the group
 * commit's position, {@link #bytesAppended}) and times every force of the segment itself
 * ({@link #segmentForces}): the forces of group commit leaders (the {@code sync=interval} timer's
 * among them), the force at a checkpoint's cut ({@link #roll}) and the one at {@link #close}. Only
 * the segment's {@link FileChannel#force} is timed, not the value files forced before it nor the
 * buffered frames written just before it, so that the figure is the disk's fsync latency.
 */
final class LogWriter implements AutoCloseable {

    private final StoreFiles files;
    private final String storeName;
    private final SyncMode sync;
    private final LargeValueFiles values;

    /** The current segment; replaced by {@link #roll} under the store lock, holding the group exclusively. */
    private FileChannel channel;
    private long segment;
    /** Bytes in the current segment, buffered ones included; written under the store lock. */
    private long segmentSize;
    /** Frames not yet written, with {@code sync=always}; null in the other modes. */
    private final LogBuffer buffer;

    private final GroupCommit group = new GroupCommit();
    private final LongAdder appends = new LongAdder();
    private final ForceTimes segmentForces = new ForceTimes();
    private volatile boolean closed;

    private LogWriter(StoreFiles files, String storeName, SyncMode sync, LargeValueFiles values,
            FileChannel channel, long segment, long segmentSize) {
        this.files = files;
        this.storeName = storeName;
        this.sync = sync;
        this.values = values;
        this.channel = channel;
        this.segment = segment;
        this.segmentSize = segmentSize;
        this.buffer = sync == SyncMode.ALWAYS ? new LogBuffer() : null;
    }

    /**
     * Opens segment {@code segment} for appending after its last good frame, writing its header if
     * it has none (a new store, or a segment whose header was torn).
     *
     * @param files     the store's files
     * @param storeName the store's name
     * @param sync      the sync mode
     * @param values    the value files, forced before the log
     * @param segment   the segment to append to
     * @param validEnd  the offset after its last good frame; 0 if it has no good header
     * @return the writer
     * @throws IOException if the segment cannot be opened or written
     */
    static LogWriter open(StoreFiles files, String storeName, SyncMode sync, LargeValueFiles values,
            long segment, long validEnd) throws IOException {
        if (validEnd == 0) {
            FileChannel channel = createSegment(files, sync, segment);
            return new LogWriter(files, storeName, sync, values, channel, segment, channel.size());
        }
        FileChannel channel = FileChannel.open(files.numbered(StoreFiles.LOG, segment), StandardOpenOption.WRITE);
        channel.truncate(validEnd);
        channel.position(validEnd);
        return new LogWriter(files, storeName, sync, values, channel, segment, validEnd);
    }

    /** Creates a segment holding only its header frame, replacing a headerless leftover. */
    static FileChannel createSegment(StoreFiles files, SyncMode sync, long segment) throws IOException {
        Path path = files.numbered(StoreFiles.LOG, segment);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            Output header = Frame.newPayload(32);
            RecordCodec.writeFileHeader(header, RecordCodec.FileKind.LOG, segment);
            StoreFiles.writeFully(channel, Frame.seal(header, false));
            if (sync != SyncMode.NEVER) {
                channel.force(true);
                files.syncDirectory();
            }
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** How many group forces were made so far. */
    long forces() {
        return group.forces();
    }

    /** @return how many frames were appended since the log was opened */
    long appends() {
        return appends.sum();
    }

    /** @return how many bytes of frames were appended since the log was opened */
    long bytesAppended() {
        return group.appendedPosition();
    }

    /** @return the forces of the segment that succeeded, and how long they took lately */
    ForceTimes segmentForces() {
        return segmentForces;
    }

    /** The number of the segment being appended to. */
    long segment() {
        return segment;
    }

    /**
     * Appends one frame. Called under the store's write lock.
     *
     * @param frame the frame
     * @return the log position after it, for {@link #awaitDurable}
     * @throws StorageException {@link ErrorCode#IO} if it cannot be written (nothing of it is left
     *         in the log) or the writer is broken
     */
    long append(ByteBuffer frame) {
        ensureUsable();
        int length = frame.remaining();
        if (buffer != null) {
            appendBuffered(frame);
        } else {
            try {
                StoreFiles.writeFully(channel, frame);
            } catch (IOException e) {
                cutOffPartialFrame(e);
                throw StoreFiles.ioFailure(storeName, "appending to " + segmentPath(), e);
            }
        }
        segmentSize += length;
        appends.increment();
        return group.appended(length);
    }

    private void appendBuffered(ByteBuffer frame) {
        if (buffer.offer(frame)) {
            return;
        }
        try {
            buffer.writeThrough(frame, channel);
        } catch (IOException e) {
            // Frames of writers still waiting for their force may be half written: break.
            group.breakWith(e);
            throw StoreFiles.ioFailure(storeName, "appending to " + segmentPath(), e);
        }
    }

    private void cutOffPartialFrame(IOException cause) {
        try {
            channel.truncate(segmentSize);
            channel.position(segmentSize);
        } catch (IOException e) {
            cause.addSuppressed(e);
            group.breakWith(cause);
        }
    }

    /**
     * Returns once every frame up to {@code position} is durable, forcing the log as the leader of a
     * group if no force is in progress. Called with no store lock held.
     *
     * @param position a position returned by {@link #append}
     * @throws StorageException {@link ErrorCode#IO} if forcing fails
     */
    void awaitDurable(long position) {
        boolean durable;
        try {
            durable = group.awaitDurable(position, this::forceAll);
        } catch (IOException e) {
            throw StoreFiles.ioFailure(storeName, "forcing " + segmentPath() + " to disk", e);
        }
        if (!durable) {
            ensureNotBroken();
        }
    }

    /**
     * Makes everything appended so far durable; for {@code sync=interval}'s timer.
     *
     * @throws StorageException {@link ErrorCode#IO} if forcing fails
     */
    void syncNow() {
        long position = group.appendedPosition();
        if (closed || group.durablePosition() >= position) {
            return;
        }
        awaitDurable(position);
    }

    /**
     * Forces the value files the log depends on, then writes the buffered frames and forces the
     * log; run by the leader of a group, or by an exclusive holder.
     */
    private void forceAll() throws IOException {
        values.syncPending();
        if (buffer != null) {
            buffer.drainTo(channel);
        }
        long start = System.nanoTime();
        channel.force(false);
        segmentForces.record(System.nanoTime() - start);
    }

    /**
     * Closes the current segment, forced, and continues in a new one. Called under the store's
     * write lock when a checkpoint cuts the log.
     *
     * @param next the new segment's number
     * @throws StorageException {@link ErrorCode#IO} if the switch fails; the writer is broken then
     */
    void roll(long next) {
        group.holdExclusively();
        long durableUpTo = -1;
        try {
            if (sync != SyncMode.NEVER) {
                forceAll();
                durableUpTo = group.appendedPosition();
            }
            FileChannel old = channel;
            channel = createSegment(files, sync, next);
            segment = next;
            segmentSize = channel.size();
            old.close();
        } catch (IOException e) {
            group.breakWith(e);
            throw StoreFiles.ioFailure(storeName, "starting log segment " + next, e);
        } finally {
            group.release(durableUpTo);
        }
    }

    /**
     * Forces what was appended (unless {@code sync=never}) and closes the segment. Idempotent.
     *
     * @throws StorageException {@link ErrorCode#IO} if the final force fails; the channel is
     *         closed all the same
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        group.holdExclusively();
        if (closed) {
            group.release(-1);
            return;
        }
        IOException failure = null;
        long durableUpTo = -1;
        try {
            if (sync != SyncMode.NEVER && group.broken() == null) {
                durableUpTo = group.appendedPosition();
                forceAll();
            }
        } catch (IOException e) {
            failure = e;
            durableUpTo = -1;
        } finally {
            closeChannel();
            closed = true;
            group.release(durableUpTo);
        }
        if (failure != null) {
            throw StoreFiles.ioFailure(storeName, "forcing " + segmentPath() + " at close", failure);
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            // Forced already (or broken); closing cannot lose data the force did not cover.
        }
    }

    private void ensureUsable() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "store " + storeName + " is closed");
        }
        ensureNotBroken();
    }

    private void ensureNotBroken() {
        IOException broken = group.broken();
        if (broken != null) {
            throw new StorageException(ErrorCode.IO, "store " + storeName + ": the log cannot be written since an"
                    + " earlier I/O error (" + broken + "); close and reopen the store to recover", broken);
        }
    }

    private Path segmentPath() {
        return files.numbered(StoreFiles.LOG, segment);
    }
}
