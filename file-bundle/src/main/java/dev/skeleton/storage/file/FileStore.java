package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Output;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.CommitLog;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.CursorVisits;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import dev.skeleton.storage.core.OptimisticTransaction;
import dev.skeleton.storage.core.ReadOnlyTransaction;
import dev.skeleton.storage.core.ReadSet;
import dev.skeleton.storage.core.TreeCursor;
import dev.skeleton.storage.core.TreeStore;
import dev.skeleton.storage.core.VersionHistory;
import dev.skeleton.storage.core.WriteSet;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;

/**
 * A store of the file engine: the memory engine's immutable {@link CopyOnWriteTree} as the index of
 * the live data (what both engines share is {@link TreeStore}), paged: its nodes live in page files
 * ({@link PageFiles}) and only a bounded part of them in the heap. Made durable by an append-only
 * log ({@link LogWriter}), checkpoints that write the pages changed since the last one and switch
 * the root ({@link Checkpointer}), and value files for large values ({@link LargeValueFiles}).
 * FORMAT.md describes the files.
 *
 * <h2>Memory</h2>
 * The heap holds the page cache ({@code cache_size} bytes) and the nodes changed since the last
 * checkpoint. The latter are bounded too: a checkpoint starts once the leaves copied since the last
 * one ({@link CopyOnWriteTree#storedLeavesCopied()}) weigh half of {@code cache_size} by the
 * store's average leaf, or once 16 MiB of log was written, whichever comes first.
 *
 * <h2>Lock model</h2>
 * Readers take no lock: {@code get}, {@code has} and every iteration read the current root once and
 * work on that immutable tree. Every change ({@code set}, {@code delete}, a commit,
 * {@code loadVersion}, {@code saveVersion}) happens under {@link #writeLock}: it builds the new
 * tree (reading the pages it needs), appends its record to the log, then publishes the tree with
 * one volatile write, so the order of the records in the log is the order of the changes in memory.
 * The lock also guards the sequence numbers, the {@link CommitLog} that validates transactions, the
 * {@link VersionHistory} and the checkpoint's cut. {@code saveVersion} hashes what changed since the
 * previous save or checkpoint under it: the one slow step that writers may wait for, besides the pause of a
 * compaction putting its copies in place and the wait of a writer that outruns the checkpoints
 * ({@link #awaitCheckpointIfFarBehind}). Slow work stays outside it: large values are written to
 * their files before it is taken, records are encoded before it is taken, a read-only transaction's
 * content hash is computed after it took only the tree to compute it from, waiting for durability
 * ({@link LogWriter#awaitDurable}) happens after it is released, and checkpoints and compactions
 * are written by a background thread from immutable trees (one at a time, serialized on the
 * {@link Checkpointer}, whose monitor is taken before the write lock, never inside it). Visitors
 * (user code) always run with no lock held.
 *
 * <h2>Durability</h2>
 * A change is visible once its record is appended, and durable once a force of the log covers it:
 * with {@code sync=always} the call returns only then (sharing the force with concurrent writers),
 * with {@code interval} a timer forces the log, with {@code never} the operating system decides.
 * The log is one sequence, so a durable record implies that every record before it is durable: a
 * crash can lose only a suffix of the changes, never a change that a surviving one depended on.
 * A transaction's write set is one record, so it is applied after a crash wholly or not at all.
 *
 * <h2>Large values</h2>
 * A value of at least {@link Tuning#largeValueBytes} is written to a value file before the lock is
 * taken, and the tree holds a {@link StoredValue.Large} reference; reading it back reads the file.
 * Readers that may read value files (iterations, transactions, {@code get} of a large value) enter a
 * {@link ReaderEpochs reader epoch}, so that the collector never deletes a file under them.
 *
 * <h2>Closing</h2>
 * {@link #close()} marks the store closed under the lock, so no change can follow it, waits for a
 * running checkpoint, forces the log (unless {@code sync=never}) and releases the directory lock.
 *
 * <h2>Metrics</h2>
 * {@link #metrics()} reports, in this order (counters count since the store was opened; after
 * {@link #close()} the map is empty):
 * <ul>
 *   <li>{@code entries}: the entries of the current data;</li>
 *   <li>{@code disk_bytes}: the bytes of the store's files in its directory now (log segments,
 *       checkpoints, page, value and version files, config, lock, temporaries), from one listing
 *       of the directory ({@link StoreFiles#diskBytes}); left out if the directory cannot be
 *       listed;</li>
 *   <li>{@code fsyncs}: forces of the log segment that succeeded: those of group commit
 *       (a writer's with {@code sync=always}, the timer's with {@code interval}), the one at each
 *       checkpoint's cut and the one at close; always 0 with {@code sync=never};</li>
 *   <li>{@code log_appends}: records (frames) appended to the log;</li>
 *   <li>{@code writes_per_fsync}: {@code log_appends / fsyncs} (0 before the first fsync): how
 *       many records a force covers on average, which group commit raises;</li>
 *   <li>{@code log_bytes}: bytes of records appended to the log (not the segments' header
 *       frames);</li>
 *   <li>{@code fsync_micros_recent}: how long a force of the log segment takes lately, in
 *       microseconds: a moving average in which the newest force weighs 0.2 ({@link ForceTimes});
 *       the segment's fsync alone is timed, not the value files forced before it; 0 before the
 *       first;</li>
 *   <li>{@code checkpoints}: checkpoints completed (their checkpoint file durable), among them the
 *       one that ends each compaction;</li>
 *   <li>{@code checkpoint_bytes}: bytes those checkpoints wrote: pages and checkpoint files (not
 *       the pages a compaction copies);</li>
 *   <li>{@code checkpoint_millis_last}: how long the last completed checkpoint took in milliseconds,
 *       from its start to its checkpoint file being durable ({@link CheckpointStats}); 0 if none;</li>
 *   <li>{@code checkpoint_age_millis}: milliseconds since the last checkpoint completed, or since
 *       the store was opened if none did: how much log a crash would make the next open replay;</li>
 *   <li>{@code compactions}: compactions of the page files completed;</li>
 *   <li>{@code compaction_millis_last}: how long the last one took in milliseconds, its checkpoint
 *       included; 0 if none;</li>
 *   <li>{@code cache_hits}, {@code cache_misses}: lookups of stored pages that found the page in
 *       the page cache, or read it from its file (recovery's reads included);</li>
 *   <li>{@code cache_hit_ratio}: {@code cache_hits / (cache_hits + cache_misses)}, 0 before the
 *       first lookup.</li>
 * </ul>
 * They read counters that the log, the checkpoints and the page cache keep as they work (a
 * {@link java.util.concurrent.atomic.LongAdder} increment per append and per page lookup, a clock
 * read around each force, checkpoint and compaction); reading them takes no store lock.
 */
final class FileStore extends TreeStore<StoredValue> implements MetricsSource {

    private static final System.Logger LOGGER = new DeferredLogger("dev.skeleton.storage.file");

    private final FileConfig config;
    private final Tuning tuning;
    private final StoreFiles files;
    private final DirectoryLock directoryLock;
    private final Consumer<FileStore> onClose;
    private final PageFiles pages;
    private final LargeValueFiles values;
    private final LogWriter log;
    private final ReaderEpochs epochs = new ReaderEpochs();
    private final Checkpointer checkpointer;
    private final CheckpointStats checkpointStats = new CheckpointStats(System.nanoTime());
    private final ScheduledThreadPoolExecutor background;

    /** Guarded by {@link #writeLock}: the oldest kept version, as recorded on disk. */
    private long keptFrom;
    /** Guarded by {@link #writeLock}: bytes of records and value files since the last cut. */
    private long writtenSinceCut;
    /** Guarded by {@link #writeLock}: a checkpoint is queued or running. */
    private boolean checkpointPending;
    /** Guarded by {@link #writeLock}: the data at the last cut, from which changed leaves are counted. */
    private CopyOnWriteTree<StoredValue> dataAtCut;
    /** Guarded by {@link #writeLock}: a version was saved since the last cut. */
    private boolean savedSinceCut;
    /**
     * Guarded by {@link #writeLock}: about how many bytes of pages the cuts since the last compaction
     * (or since the store was opened) made obsolete, see {@link #supersededAtCut()}.
     */
    private long supersededSinceCompaction;
    /** Signalled when a queued or running checkpoint ends: writers held back by it go on. */
    private final Condition checkpointEnded = writeLock.newCondition();

    private FileStore(String name, String path, FileConfig config, Tuning tuning, StoreFiles files,
            DirectoryLock directoryLock, PageFiles pages, PagedRecovery.State state, Consumer<FileStore> onClose)
            throws IOException {
        super("file store", name, path, state.data(),
                new VersionHistory<>(name, config.maxVersions(), emptyTree(), StoredValue.HASHER));
        this.config = config;
        this.tuning = tuning;
        this.files = files;
        this.directoryLock = directoryLock;
        this.onClose = onClose;
        this.pages = pages;
        this.keptFrom = state.keptFrom();
        this.dataAtCut = state.data();
        state.versions().forEach(v -> versions.restore(v.number(), v.content(), v.hash()));
        versions.restoreNumbers(state.lastVersion(), state.currentVersion());
        versions.restoreHashed(state.hashedContent(), state.hashedState());
        this.values = new LargeValueFiles(files, name, config.sync(), config.compression(), state.nextValueId());
        this.log = LogWriter.open(files, name, config.sync(), values, state.segment(), state.validEnd());
        this.checkpointer = new Checkpointer(files, name, pages, values, epochs, tuning, LOGGER, checkpointStats,
                state.pageFile(), state.pageEnd(), state.liveFiles(), state.checkpointData(),
                state.checkpointHashState());
        this.background = startBackground();
    }

    /**
     * Starts a store on a locked directory from its recovered (or new, empty) state.
     *
     * @param name          the store's name
     * @param path          its path as given
     * @param config        its settings
     * @param tuning        internal sizes
     * @param files         its files
     * @param directoryLock the held directory lock, released at close (or on failure here)
     * @param pages         its page files, which the state's trees read through
     * @param state         the state to start from
     * @param onClose       told once when the store closes
     * @return the open store
     * @throws IOException if the log cannot be opened
     */
    static FileStore start(String name, String path, FileConfig config, Tuning tuning, StoreFiles files,
            DirectoryLock directoryLock, PageFiles pages, PagedRecovery.State state, Consumer<FileStore> onClose)
            throws IOException {
        return new FileStore(name, path, config, tuning, files, directoryLock, pages, state, onClose);
    }

    /** The empty tree every store of this engine starts from. */
    static CopyOnWriteTree<StoredValue> emptyTree() {
        return CopyOnWriteTree.empty(StoredValue::heapBytes);
    }

    private ScheduledThreadPoolExecutor startBackground() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "skeleton-file-store-" + name());
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (config.sync() == SyncMode.INTERVAL) {
            executor.scheduleWithFixedDelay(this::syncInBackground, config.syncIntervalMs(), config.syncIntervalMs(),
                    TimeUnit.MILLISECONDS);
        }
        return executor;
    }

    // ---- Store ----

    @Override
    public byte[] get(byte[] key) {
        Arguments.key(key, name());
        ensureOpen();
        StoredValue value = data.get(key);
        if (value instanceof StoredValue.Large) {
            return getLarge(key);
        }
        if (value == null) {
            throw Keys.notFound(key, name());
        }
        return copyOut(value);
    }

    /** Reads a large value inside a reader epoch, from the tree current after entering it. */
    private byte[] getLarge(byte[] key) {
        long epoch = epochs.enter();
        try {
            StoredValue value = data.get(key);
            if (value == null) {
                throw Keys.notFound(key, name());
            }
            return copyOut(value);
        } finally {
            epochs.exit(epoch);
        }
    }

    @Override
    public void set(byte[] key, byte[] value) {
        Arguments.key(key, name());
        Arguments.value(value, key, name());
        ensureOpen();
        byte[] ownKey = key.clone();
        StoredValue stored = value.length >= tuning.largeValueBytes()
                ? values.write(ownKey, value) : new StoredValue.Inline(value.clone());
        apply(List.of(new Change(ownKey, stored)), null, null);
    }

    @Override
    public void delete(byte[] key) {
        Arguments.key(key, name());
        ensureOpen();
        if (!data.containsKey(key)) {
            // Nothing to change or to log; a concurrent set either happened before (then the key is
            // there) or may be ordered after this delete.
            return;
        }
        apply(List.of(new Change(key.clone(), null)), null, null);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Arguments.visitor(visitor, name());
        ensureOpen();
        KeyRange range = KeyRange.of(start, end);
        long epoch = epochs.enter();
        try {
            CursorVisits.visit(data.cursor(range.start(), range.end(), ascending), this::copyOut, visitor);
        } finally {
            epochs.exit(epoch);
        }
    }

    /**
     * The store's metrics now: see the class comment for their names and meanings.
     *
     * @return a new map; empty once the store is closed
     */
    @Override
    public Map<String, Number> metrics() {
        if (closed) {
            return new LinkedHashMap<>();
        }
        return FileStoreMetrics.of(name(), data.size(), files, log, checkpointStats, pages.source());
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            // Writers held back by a checkpoint see the store closed.
            checkpointEnded.signalAll();
        } finally {
            writeLock.unlock();
        }
        try {
            stopBackground();
            checkpointAtClose();
            log.close();
        } finally {
            try {
                pages.close();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "store " + name() + ": closing its page files failed: " + e);
            }
            directoryLock.close();
            data = emptyTree();
            versions.clear();
            onClose.accept(this);
        }
    }

    /**
     * Writes a last checkpoint if anything changed since the previous one, so that the next open
     * replays nothing. A failure loses nothing (the log holds it all) and is only reported.
     */
    private void checkpointAtClose() {
        if (writtenSinceCut == 0 || !tuning.checkpointAtClose()) {
            return;
        }
        try {
            writeCheckpoint(true, false);
        } catch (IOException | StorageException e) {
            LOGGER.log(Level.WARNING, "store " + name() + ": the checkpoint at close failed; the next open replays"
                    + " the log: " + e);
        }
    }

    private void stopBackground() {
        background.shutdown();
        try {
            if (!background.awaitTermination(1, TimeUnit.MINUTES)) {
                LOGGER.log(Level.WARNING, "store " + name() + ": a checkpoint still runs a minute after close began");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- Transactional ----

    @Override
    protected Transaction newTransaction(CopyOnWriteTree<StoredValue> snapshot, long beginSeq) {
        return new OptimisticTransaction<>(new FileTransactionHost(this, epochs, epochs.enter()), snapshot, beginSeq,
                false);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The transaction tells its content hash ({@link ReadOnlyTransaction}), computed when first
     * asked from the tree the hash was last brought up to date for: the last checkpoint's data (or a
     * version saved since), so it costs what changed since then. Its reader epoch keeps the pages
     * of both trees readable while it computes, as for any read.
     */
    @Override
    public Transaction beginReadOnlyTx() {
        ensureOpen();
        long epoch = epochs.enter();
        return new ReadOnlyTransaction<>(new FileTransactionHost(this, epochs, epoch), data, this::contentHashOf, null);
    }

    /**
     * A read-only transaction over a saved version's tree ({@link #readVersion}), called under the
     * write lock. It enters a reader epoch like every reader; under the lock that is as good as
     * entering before the tree was taken, since cuts and compactions start their epochs under the
     * same lock: the version's value files, and the page files its pages are in, stay readable
     * until the transaction ends, even when the version is pruned or compacted meanwhile. Its pages
     * are read on demand through the page cache, as the working tree's are. Its content hash is the
     * one the version was saved with.
     */
    @Override
    protected Transaction newReadOnlyTransaction(CopyOnWriteTree<StoredValue> snapshot, byte[] knownHash) {
        return new ReadOnlyTransaction<>(new FileTransactionHost(this, epochs, epochs.enter()), snapshot,
                this::contentHashOf, knownHash);
    }

    /**
     * Validates a read-write transaction and applies its writes atomically, as one log record.
     *
     * @throws StorageException TX_CONFLICT, STORE_CLOSED or IO; the transaction is over either way
     */
    void commit(long beginSeq, ReadSet reads, WriteSet<StoredValue> writes) {
        ensureOpen();
        List<Change> changes = changesOf(writes);
        // Unless a large value went to a value file, the changes are the write set itself, whose
        // snapshot is sorted already: applying it skips the sorting an editor would do.
        CopyOnWriteTree<StoredValue> sorted = changes.stream().anyMatch(c -> c.value() instanceof StoredValue.Large)
                ? null : writes.snapshot();
        apply(changes, sorted, () -> commitLog.checkCommit(beginSeq, reads, writes, name()));
    }

    /**
     * A write set as changes, its large values written to value files (before any lock); every
     * other value is the write set's own, which the ended transaction leaves to the store.
     */
    private List<Change> changesOf(WriteSet<StoredValue> writes) {
        List<Change> changes = new ArrayList<>(writes.snapshot().size());
        TreeCursor<StoredValue> cursor = writes.snapshot().cursor(null, null, true);
        try {
            while (cursor.next()) {
                StoredValue value = cursor.value();
                StoredValue.Inline inline = value == writes.tombstone() ? null : (StoredValue.Inline) value;
                changes.add(new Change(cursor.key(), inline == null || inline.length() < tuning.largeValueBytes()
                        ? inline : values.write(cursor.key(), inline.bytes())));
            }
            return changes;
        } catch (RuntimeException e) {
            changes.forEach(change -> values.settled(change.value()));
            throw e;
        }
    }

    /** A transaction ended; for its host, which is no subclass. */
    void transactionEnded(long beginSeq, boolean readOnly) {
        endTransaction(beginSeq, readOnly);
    }

    // ---- Versioned ----

    @Override
    public VersionInfo saveVersion() {
        long position;
        VersionInfo info;
        writeLock.lock();
        try {
            ensureOpen();
            CopyOnWriteTree<StoredValue> content = data;
            long number = versions.lastNumber() + 1;
            long oldest = oldestKeptAfterSaving(number);
            position = appendLocked(encode(new LogRecord.VersionSaved(number, oldest)));
            info = versions.save(content);
            keptFrom = oldest;
            savedSinceCut = true;
        } finally {
            writeLock.unlock();
        }
        awaitDurable(position);
        return info;
    }

    /**
     * The oldest version kept once {@code number} is saved and the history pruned: the oldest of
     * the newest {@code max_versions} among the kept versions followed by {@code number}, which is
     * {@code number} itself under {@code max_versions = 1} (and when nothing is kept yet). It must
     * agree with what {@link VersionHistory#save} keeps, as it is recorded before that runs.
     */
    private long oldestKeptAfterSaving(long number) {
        long[] kept = versions.list();
        int max = config.maxVersions();
        // Index into kept + [number]; an index at or past kept's end is number.
        int first = max <= 0 ? 0 : Math.max(0, kept.length + 1 - max);
        long oldest = first < kept.length ? kept[first] : number;
        return Math.max(keptFrom, oldest);
    }

    @Override
    public void loadVersion(long version) {
        long position;
        writeLock.lock();
        try {
            ensureOpen();
            CopyOnWriteTree<StoredValue> target = versions.content(version);
            List<Change> changes = Change.between(data, target);
            position = appendLocked(encode(new LogRecord.VersionLoaded(version, changes)));
            versions.load(version);
            publish(target, changes.stream().map(Change::key).toList(), 0);
        } finally {
            writeLock.unlock();
        }
        awaitDurable(position);
    }

    // ---- internals ----

    /** A stored value as a new array the caller owns: a copy, or the content of its value file. */
    byte[] copyOut(StoredValue value) {
        if (value instanceof StoredValue.Large large) {
            return values.read(large);
        }
        return ((StoredValue.Inline) value).bytes().clone();
    }

    /**
     * Logs and applies changes as one record: the heart of every write.
     *
     * @param changes    the changes; their value files are written already
     * @param sorted     the same changes as a tree (a transaction's write set), or null
     * @param validation run under the lock before anything is written; may throw to refuse
     */
    private void apply(List<Change> changes, CopyOnWriteTree<StoredValue> sorted, Runnable validation) {
        ByteBuffer frame = encode(new LogRecord.Changes(changes));
        long position = 0;
        writeLock.lock();
        try {
            ensureOpen();
            awaitCheckpointIfFarBehind();
            if (validation != null) {
                validation.run();
            }
            if (!changes.isEmpty()) {
                // The tree first: it may have to read pages, and a page that cannot be read must
                // fail the write before its record is in the log, not after.
                CopyOnWriteTree<StoredValue> next = sorted == null
                        ? applied(data, changes) : data.applySorted(sorted, StoredValue.TOMBSTONE);
                List<byte[]> changedKeys = changedKeys(data, changes);
                position = appendLocked(frame);
                publish(next, changedKeys, largeBytes(changes));
            }
        } finally {
            changes.forEach(change -> values.settled(change.value()));
            writeLock.unlock();
        }
        awaitDurable(position);
    }

    private static CopyOnWriteTree<StoredValue> applied(CopyOnWriteTree<StoredValue> base, List<Change> changes) {
        if (changes.size() == 1) {
            Change change = changes.get(0);
            return change.isDelete() ? base.remove(change.key()) : base.put(change.key(), change.value());
        }
        return Change.applyAll(base, changes);
    }

    /** The keys that the changes change: every key set, and every key deleted that {@code base} holds. */
    private static List<byte[]> changedKeys(CopyOnWriteTree<StoredValue> base, List<Change> changes) {
        List<byte[]> keys = new ArrayList<>(changes.size());
        for (Change change : changes) {
            if (!change.isDelete() || base.containsKey(change.key())) {
                keys.add(change.key());
            }
        }
        return keys;
    }

    private static long largeBytes(List<Change> changes) {
        long bytes = 0;
        for (Change change : changes) {
            if (change.value() instanceof StoredValue.Large large) {
                bytes += large.storedBytes();
            }
        }
        return bytes;
    }

    /** Appends a frame under the lock and counts it towards the next checkpoint. */
    private long appendLocked(ByteBuffer frame) {
        int length = frame.remaining();
        long position = log.append(frame);
        noteWritten(length);
        return position;
    }

    /** Publishes a new tree as one change and counts its value files; called under the write lock. */
    private void publish(CopyOnWriteTree<StoredValue> next, List<byte[]> changedKeys, long valueFileBytes) {
        publish(next, changedKeys);
        noteWritten(valueFileBytes);
    }

    private void noteWritten(long bytes) {
        writtenSinceCut += bytes;
        if (!checkpointPending && (writtenSinceCut >= tuning.checkpointMinBytes() || changedPagesFillTheirShare())) {
            checkpointPending = true;
            background.execute(this::checkpointInBackground);
        }
    }

    /**
     * Whether the leaves changed since the last cut, weighed by the store's average leaf, and the
     * entries added since, pass half of {@code cache_size}: they are in the heap until a
     * checkpoint writes them.
     */
    private boolean changedPagesFillTheirShare() {
        return unwrittenBytes() >= config.cacheSize() / 2;
    }

    /** About how many bytes of nodes changed since the last cut are in the heap, not on disk. */
    private long unwrittenBytes() {
        if (data.isEmpty()) {
            return 0;
        }
        long entryBytes = data.weight() / data.size() + ENTRY_OVERHEAD;
        long copiedLeaves = data.storedLeavesCopied() - dataAtCut.storedLeavesCopied();
        // Entries added since the cut sit in new leaves that were never on disk: counted apart.
        long addedEntries = Math.max(0, data.size() - dataAtCut.size());
        return copiedLeaves * AVERAGE_LEAF_ENTRIES * entryBytes + addedEntries * entryBytes;
    }

    /**
     * Holds a writer back while a checkpoint runs and the pages changed since its cut weigh as much
     * as the checkpoint was started for again: writers that outrun the checkpoints would otherwise
     * fill the heap with unwritten pages. Called under the write lock, which the wait releases.
     */
    private void awaitCheckpointIfFarBehind() {
        while (checkpointPending && unwrittenBytes() >= config.cacheSize() && !closed) {
            try {
                checkpointEnded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(ErrorCode.IO, "file store " + name() + ": interrupted while waiting for a"
                        + " checkpoint; nothing was written");
            }
        }
        // Woken by close: the write must not reach the log being closed.
        ensureOpen();
    }

    /**
     * About how many bytes of pages the checkpoint of a cut made now makes obsolete: each leaf that
     * was on disk and that a change since the last cut copied leaves its page behind, weighed by the
     * store's average leaf. Appends at the end of the key order copy one stored leaf per checkpoint,
     * so a store that only grew that way supersedes next to nothing, and a compaction would copy
     * every page it has for nothing. Called under the write lock, before the cut takes the data.
     */
    private long supersededAtCut() {
        long copiedLeaves = data.storedLeavesCopied() - dataAtCut.storedLeavesCopied();
        CopyOnWriteTree<StoredValue> sized = data.isEmpty() ? dataAtCut : data;
        if (copiedLeaves <= 0 || sized.isEmpty()) {
            return 0;
        }
        return copiedLeaves * AVERAGE_LEAF_ENTRIES * (sized.weight() / sized.size());
    }

    /** Leaves hold 64 entries at most and a third of that at least: about 43 on average. */
    private static final long AVERAGE_LEAF_ENTRIES = 43;
    /** What an entry costs in a node beyond its bytes: key and value arrays, a prefix, a slot. */
    private static final long ENTRY_OVERHEAD = 64;

    private void awaitDurable(long position) {
        if (position > 0 && config.sync() == SyncMode.ALWAYS) {
            log.awaitDurable(position);
        }
    }

    private ByteBuffer encode(LogRecord record) {
        Output output = Frame.newPayload(RecordCodec.estimatedBytes(record));
        RecordCodec.writeRecord(output, record);
        return Frame.seal(output, config.compression());
    }

    // ---- background work ----

    private void syncInBackground() {
        try {
            log.syncNow();
        } catch (StorageException e) {
            LOGGER.log(Level.ERROR, "store " + name() + ": the interval sync failed; writes fail until the store"
                    + " is reopened: " + e.getMessage());
        }
    }

    private void checkpointInBackground() {
        try {
            checkpoint();
        } catch (IOException | StorageException e) {
            LOGGER.log(Level.WARNING, "store " + name() + ": checkpoint failed; the log keeps growing until one"
                    + " succeeds: " + e);
        }
    }

    /**
     * Makes a checkpoint now: cuts the log under the lock, then writes the checkpoint and deletes
     * what it supersedes without it. Runs on the background thread (and directly in tests);
     * checkpoints run one at a time, serialized on the {@link Checkpointer}, which is taken before
     * the write lock and never inside it.
     *
     * @throws IOException if the checkpoint cannot be written
     */
    void checkpoint() throws IOException {
        writeCheckpoint(false, false);
    }

    /**
     * Makes a checkpoint now and compacts the page files after it, due or not: for tests and
     * benchmarks that measure the disk at its smallest.
     *
     * @throws IOException if the checkpoint or the compaction cannot be written
     */
    void compact() throws IOException {
        writeCheckpoint(false, true);
    }

    private void writeCheckpoint(boolean atClose, boolean compactNow) throws IOException {
        synchronized (checkpointer) {
            try {
                Checkpointer.Cut cut;
                writeLock.lock();
                try {
                    if (closed && !atClose) {
                        return;
                    }
                    // Inside the try: a cut that fails (the new log segment cannot be made) must
                    // still end the pending checkpoint and wake the writers waiting for it.
                    cut = cut();
                } finally {
                    writeLock.unlock();
                }
                byte[] hashState = checkpointer.complete(cut);
                adoptHashBaseline(cut.data(), hashState);
                if (!atClose && (compactNow || checkpointer.compactionDue(supersededSinceCompaction()))) {
                    compactAfter(cut);
                }
            } finally {
                writeLock.lock();
                try {
                    checkpointPending = false;
                    checkpointEnded.signalAll();
                } finally {
                    writeLock.unlock();
                }
            }
        }
    }

    private long supersededSinceCompaction() {
        writeLock.lock();
        try {
            return supersededSinceCompaction;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Makes the checkpoint's data the tree the next {@code saveVersion} hashes from, unless a save
     * came after the cut (its tree is newer): a save then costs what changed since the checkpoint
     * or the last save, whichever is later. Any tree gives the same hash; only the cost differs.
     */
    private void adoptHashBaseline(CopyOnWriteTree<StoredValue> checkpointed, byte[] hashState) {
        writeLock.lock();
        try {
            if (!closed && !savedSinceCut) {
                versions.restoreHashed(checkpointed, hashState);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Compacts the page files right after the checkpoint of {@code cut}: copies its trees' live
     * pages into a new file ({@link Checkpointer#compact}), puts the copies in place of the trees
     * under the write lock (with the changes made since the cut applied on top: a pause that costs
     * what changed during the copy), checkpoints so that the durable root no longer uses the old
     * files, and then deletes them. Called with the checkpointer's monitor held.
     */
    private void compactAfter(Checkpointer.Cut cut) throws IOException {
        long started = System.nanoTime();
        Checkpointer.Compacted compacted = checkpointer.compact(cut);
        long epoch;
        writeLock.lock();
        try {
            install(cut, compacted);
            epoch = epochs.advance();
        } finally {
            writeLock.unlock();
        }
        Checkpointer.Cut next;
        writeLock.lock();
        try {
            next = cut();
        } finally {
            writeLock.unlock();
        }
        checkpointer.complete(next);
        checkpointer.retire(compacted.oldFiles(), epoch);
        checkpointStats.compacted(System.nanoTime() - started);
    }

    /** Puts the compacted copies of the cut's trees in place; under the write lock. */
    private void install(Checkpointer.Cut cut, Checkpointer.Compacted compacted) {
        CopyOnWriteTree<StoredValue> base = compacted.data().tree(emptyTree());
        for (Map.Entry<Long, CopyOnWriteTree<StoredValue>> version : versions.contents().entrySet()) {
            PagedCheckpoint.TreeRoot copy = compacted.versions().get(version.getKey());
            versions.replace(version.getKey(),
                    copy != null ? copy.tree(emptyTree()) : rebased(base, cut.data(), version.getValue()));
        }
        data = rebased(base, cut.data(), data);
        dataAtCut = base;
        // The copies hold live pages only; what the changes since the cut supersede in them is
        // counted from base at the next cut.
        supersededSinceCompaction = 0;
        if (versions.hashedContent() == cut.data()) {
            versions.restoreHashed(base, versions.hashedState());
        }
        checkpointer.relayHashedData(cut.data(), base);
    }

    /** {@code tree}, which was derived from {@code cutTree}, laid out on {@code base}, a copy of the latter. */
    private static CopyOnWriteTree<StoredValue> rebased(CopyOnWriteTree<StoredValue> base,
            CopyOnWriteTree<StoredValue> cutTree, CopyOnWriteTree<StoredValue> tree) {
        List<Change> since = Change.between(cutTree, tree);
        return since.isEmpty() ? base : Change.applyAll(base, since);
    }

    /** The cut of a checkpoint; under the write lock. */
    private Checkpointer.Cut cut() {
        long segment = log.segment() + 1;
        log.roll(segment);
        writtenSinceCut = 0;
        savedSinceCut = false;
        supersededSinceCompaction += supersededAtCut();
        dataAtCut = data;
        Map<Long, CopyOnWriteTree<StoredValue>> kept = versions.contents();
        Map<Long, byte[]> hashes = new HashMap<>();
        for (long version : kept.keySet()) {
            hashes.put(version, versions.savedHash(version));
        }
        return new Checkpointer.Cut(segment, versions.current(), versions.lastNumber(), keptFrom, data, kept, hashes,
                values.collectableBelow(), epochs.advance());
    }

    /** The page files and their cache, for tests and figures. */
    PageFiles pages() {
        return pages;
    }

    /** The log, for tests and figures (how many forces the group commit made). */
    LogWriter log() {
        return log;
    }
}
