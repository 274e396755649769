package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.testkit.ContentHashReference;
import dev.skeleton.storage.testkit.reference.StoreImage.SavedVersion;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reference store: every rule of the contract implemented in the most obvious way instead of
 * the fastest, so that the compliance kit can be proven against it.
 *
 * <h2>How it works</h2>
 * The data is a {@link TreeMap} ordered by {@link Arrays#compareUnsigned}. Iterations, transactions
 * and versions each take a full copy of it; reading a version ({@link #readVersion}) takes a copy of
 * the version into a read-only transaction. A read-only transaction tells its content hash
 * ({@link ReferenceSnapshot}) by hashing its copy from scratch. For conflict validation the store numbers every change
 * and remembers, for every key ever changed, the number of its last change ({@code lastChange}); a
 * transaction conflicts when a key it touched changed after the number it began at.
 *
 * <h2>Lock model</h2>
 * The store's monitor guards every field; each operation holds it throughout, except that an
 * iteration copies the data under the monitor and calls the visitor after releasing it.
 *
 * <p>The protected methods are hooks for the deliberately broken variants in the kit's own tests.
 */
public class ReferenceStore implements Store, Transactional, Versioned, VersionReader, RangeQueryable {

    private final String name;
    private final String path;
    private final Consumer<StoreImage> onClose;
    private final Comparator<byte[]> keyOrder;
    private final int maxVersions;
    private final TreeMap<byte[], byte[]> data;
    private final TreeMap<byte[], Long> lastChange;
    private final TreeMap<Long, SavedVersion> versions = new TreeMap<>();
    private long changeCount;
    private long highestVersion;
    private long currentVersion;
    private boolean closed;

    /**
     * A store in unsigned key order.
     *
     * @param settings what the engine gives it
     */
    public ReferenceStore(StoreSettings settings) {
        this(settings, Arrays::compareUnsigned);
    }

    /**
     * A store in the given key order: only broken variants pass another order than unsigned.
     *
     * @param settings what the engine gives it
     * @param keyOrder the order of keys
     */
    protected ReferenceStore(StoreSettings settings, Comparator<byte[]> keyOrder) {
        this.name = settings.name();
        this.path = settings.path();
        this.onClose = settings.onClose();
        this.keyOrder = keyOrder;
        StoreImage image = settings.initial();
        this.maxVersions = image.maxVersions();
        this.data = copyOf(image.data());
        this.lastChange = new TreeMap<>(keyOrder);
        image.versions().forEach((number, saved) ->
                versions.put(number, new SavedVersion(copyOf(saved.content()), saved.hash())));
        this.highestVersion = image.highestVersion();
        this.currentVersion = image.currentVersion();
    }

    @Override
    public synchronized byte[] get(byte[] key) {
        requireKey(key);
        requireOpen();
        byte[] value = data.get(key);
        if (value == null) {
            throw Checks.keyNotFound(key, name);
        }
        return copyOut(value);
    }

    @Override
    public synchronized void set(byte[] key, byte[] value) {
        requireKey(key);
        Checks.requireValue(value, name);
        requireOpen();
        data.put(copyIn(key), copyIn(value));
        recordChange(key);
    }

    @Override
    public synchronized void delete(byte[] key) {
        requireKey(key);
        requireOpen();
        data.remove(key);
        recordChange(key);
    }

    @Override
    public synchronized boolean has(byte[] key) {
        requireKey(key);
        requireOpen();
        return data.containsKey(key);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        Checks.requireVisitor(visitor, name);
        visit(snapshot(), visitor);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Checks.requireVisitor(visitor, name);
        visit(range(snapshot(), new KeyRange(start, end), ascending), visitor);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(new StoreImage(maxVersions, copyOf(data), persistedVersions(), highestVersion,
                currentVersion));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public synchronized Transaction beginTx() {
        requireOpen();
        return new ReferenceTransaction(this, copyOf(data), changeCount, false);
    }

    @Override
    public synchronized Transaction beginReadOnlyTx() {
        requireOpen();
        return readOnly(copyOf(data));
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public synchronized VersionInfo saveVersion() {
        requireOpen();
        long number = nextVersionNumber();
        TreeMap<byte[], byte[]> content = copyOf(data);
        byte[] hash = contentHash(content);
        versions.put(number, new SavedVersion(content, hash));
        highestVersion = Math.max(highestVersion, number);
        currentVersion = number;
        pruneOldVersions();
        return new VersionInfo(number, hash);
    }

    @Override
    public synchronized void loadVersion(long version) {
        requireOpen();
        SavedVersion saved = savedVersion(version);
        recordDifferences(data, saved.content());
        data.clear();
        data.putAll(saved.content());
        currentVersion = version;
    }

    @Override
    public synchronized Transaction readVersion(long version) {
        requireOpen();
        return readOnly(copyOf(savedVersion(version).content()));
    }

    @Override
    public synchronized long[] listVersions() {
        requireOpen();
        return versions.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public synchronized long currentVersion() {
        requireOpen();
        return currentVersion;
    }

    @Override
    public boolean supportsVersioning() {
        return true;
    }

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    /** Whether the store was closed; its transactions ask before every operation. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Validates a transaction against the changes made since it began, then applies its writes. */
    synchronized void commit(ReferenceTransaction transaction) {
        requireOpen();
        if (conflicts(transaction)) {
            throw new StorageException(ErrorCode.TX_CONFLICT, "transaction on store " + name
                    + " touched a key that changed after it began; rolled back");
        }
        transaction.forEachWrite((key, value) -> {
            if (value == null) {
                data.remove(key);
            } else {
                data.put(key, value);
            }
            recordChange(key);
        });
    }

    /** Calls the visitor with copies of each entry; the caller holds no lock. */
    void visit(NavigableMap<byte[], byte[]> entries, KeyValueVisitor visitor) {
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            if (!visitor.visit(copyOut(entry.getKey()), copyOut(entry.getValue()))) {
                return;
            }
        }
    }

    /** A new map in this store's key order holding the given entries (arrays shared, never changed). */
    TreeMap<byte[], byte[]> copyOf(Map<byte[], byte[]> entries) {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(keyOrder);
        copy.putAll(entries);
        return copy;
    }

    /** How many changes the store has made; a transaction remembers this number at its begin. */
    synchronized long changeCount() {
        return changeCount;
    }

    Comparator<byte[]> keyOrder() {
        return keyOrder;
    }

    /**
     * The entries of {@code map} in {@code range}, in the given direction.
     *
     * @param map       the entries
     * @param range     the half-open range
     * @param ascending the direction
     * @return a view of the map
     */
    protected NavigableMap<byte[], byte[]> range(NavigableMap<byte[], byte[]> map, KeyRange range,
            boolean ascending) {
        if (range.start() != null && range.end() != null && keyOrder.compare(range.start(), range.end()) >= 0) {
            return new TreeMap<>(keyOrder);
        }
        NavigableMap<byte[], byte[]> selected = map;
        if (range.start() != null) {
            selected = selected.tailMap(range.start(), true);
        }
        if (range.end() != null) {
            selected = selected.headMap(range.end(), false);
        }
        return ascending ? selected : selected.descendingMap();
    }

    /**
     * Whether a key that the transaction read or wrote changed after it began.
     *
     * @param transaction the committing transaction
     * @return true to fail its commit with {@code TX_CONFLICT}
     */
    protected boolean conflicts(ReferenceTransaction transaction) {
        for (Map.Entry<byte[], Long> change : lastChange.entrySet()) {
            if (change.getValue() > transaction.startChangeCount() && transaction.touched(change.getKey())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The number the next saved version gets.
     *
     * @return one more than the highest ever saved
     */
    protected long nextVersionNumber() {
        return highestVersion + 1;
    }

    /**
     * The content hash of a version.
     *
     * @param content the version's entries
     * @return the hash as {@code VersionInfo} defines it
     */
    protected byte[] contentHash(NavigableMap<byte[], byte[]> content) {
        return ContentHashReference.hashOf(content);
    }

    /**
     * A read-only transaction over a copy of the data or of a version; called under the monitor.
     *
     * @param view the copy it reads
     * @return a transaction that tells its content hash
     */
    protected ReferenceTransaction readOnly(TreeMap<byte[], byte[]> view) {
        return new ReferenceSnapshot(this, view, changeCount);
    }

    /**
     * The copy of a key or value taken when it enters the store.
     *
     * @param bytes the caller's array
     * @return an array the caller cannot reach
     */
    protected byte[] copyIn(byte[] bytes) {
        return bytes.clone();
    }

    /**
     * The copy of a stored key or value handed to a caller.
     *
     * @param bytes the stored array
     * @return an array the store does not keep
     */
    protected byte[] copyOut(byte[] bytes) {
        return bytes.clone();
    }

    /**
     * Fails with {@code INVALID_ARGUMENT} for a null key.
     *
     * @param key the key
     */
    protected void requireKey(byte[] key) {
        Checks.requireKey(key, name);
    }

    /** Fails with {@code STORE_CLOSED} after close. */
    protected synchronized void requireOpen() {
        if (closed) {
            throw Checks.storeClosed(name);
        }
    }

    private synchronized NavigableMap<byte[], byte[]> snapshot() {
        requireOpen();
        return copyOf(data);
    }

    private void recordChange(byte[] key) {
        lastChange.put(key.clone(), ++changeCount);
    }

    /** A load changes every key whose value differs between the two contents. */
    private void recordDifferences(Map<byte[], byte[]> from, Map<byte[], byte[]> to) {
        from.forEach((key, value) -> {
            if (!Arrays.equals(value, to.get(key))) {
                recordChange(key);
            }
        });
        to.keySet().stream().filter(key -> !from.containsKey(key)).forEach(this::recordChange);
    }

    /**
     * A kept version; called under the monitor.
     *
     * @param version its number
     * @return the version
     * @throws StorageException VERSION_NOT_FOUND if it was never saved or was pruned
     */
    protected SavedVersion savedVersion(long version) {
        SavedVersion saved = versions.get(version);
        if (saved == null) {
            throw new StorageException(ErrorCode.VERSION_NOT_FOUND, "version " + version + " of store " + name
                    + " not found; saved versions: " + versions.keySet());
        }
        return saved;
    }

    /** Drops the oldest versions beyond {@code max_versions}; called after every save. */
    protected void pruneOldVersions() {
        while (maxVersions > 0 && versions.size() > maxVersions) {
            versions.pollFirstEntry();
        }
    }

    /**
     * The saved versions themselves (not a copy), for the pruning hooks; guarded by the monitor.
     *
     * @return the versions by number
     */
    protected final NavigableMap<Long, SavedVersion> savedVersions() {
        return versions;
    }

    /**
     * The {@code max_versions} setting.
     *
     * @return the setting; 0 or negative: unlimited
     */
    protected final int maxVersions() {
        return maxVersions;
    }

    /**
     * The versions a closing store hands on to be kept (written by a persistent engine).
     *
     * @return a new map of the versions
     */
    protected NavigableMap<Long, SavedVersion> persistedVersions() {
        return new TreeMap<>(versions);
    }
}
