package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.VersionInfo;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The saved versions of a store held as tree roots, with their numbers and content hashes.
 *
 * <p>A version is the root of the store's {@link CopyOnWriteTree} at the time of the save: saving
 * copies nothing, and old versions cost only the nodes that later writes replaced. The content hash
 * ({@link ContentHash}, defined in {@link VersionInfo}) is kept for the last tree hashed, as a
 * {@link HashedTree}, and brought up to date at each save from the diff of the two trees, so a save
 * costs what changed since the last one, not the size of the store. How an entry enters the hash
 * is the engine's {@link EntryHasher}. A reader that needs the hash of another tree takes
 * {@link #hashed()} under the store's lock and advances it outside (it is immutable), and may hand
 * the result back ({@link #adopt}) so that the next save starts from there.
 *
 * <p>Numbers are never reused: the next save is always one more than the highest number ever
 * handed out, whatever was loaded or pruned since. {@code maxVersions <= 0} keeps every version.
 * An engine that persists versions puts them back with {@link #restore} and
 * {@link #restoreNumbers} when it opens a store.
 *
 * <p>Not thread-safe: its store guards it with the store's write lock.
 *
 * @param <V> the value type
 */
public final class VersionHistory<V> {

    /** A saved version: its content and hash. */
    private record Saved<V>(CopyOnWriteTree<V> content, byte[] hash) {
    }

    private final String storeName;
    private final int maxVersions;
    private final EntryHasher<V> hasher;
    private final TreeMap<Long, Saved<V>> saved = new TreeMap<>();
    private long lastNumber;
    private long current;
    private HashedTree<V> hashed;

    /**
     * An empty history.
     *
     * @param storeName   the store's name, for messages
     * @param maxVersions how many versions to keep; 0 or negative: all
     * @param empty       the empty tree of the store (what the empty hash describes)
     * @param hasher      how entries enter the content hash
     */
    public VersionHistory(String storeName, int maxVersions, CopyOnWriteTree<V> empty, EntryHasher<V> hasher) {
        this.storeName = storeName;
        this.maxVersions = maxVersions;
        this.hasher = hasher;
        this.hashed = HashedTree.empty(empty, hasher);
    }

    /**
     * An empty history of a store of plain byte arrays.
     *
     * @param storeName   the store's name, for messages
     * @param maxVersions how many versions to keep; 0 or negative: all
     * @param empty       the empty tree of the store
     * @return the history
     */
    public static VersionHistory<byte[]> ofBytes(String storeName, int maxVersions, CopyOnWriteTree<byte[]> empty) {
        return new VersionHistory<>(storeName, maxVersions, empty, EntryHasher.BYTES);
    }

    /**
     * Saves {@code content} as the next version and prunes the oldest beyond the limit.
     *
     * @param content the store's current tree
     * @return the new version's number and hash
     */
    public VersionInfo save(CopyOnWriteTree<V> content) {
        byte[] digest = hashOf(content);
        long number = ++lastNumber;
        saved.put(number, new Saved<>(content, digest));
        current = number;
        prune();
        return new VersionInfo(number, digest);
    }

    /**
     * The content of a version, which becomes the current version.
     *
     * @param version the version to load
     * @return its tree
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if never saved or pruned
     */
    public CopyOnWriteTree<V> load(long version) {
        CopyOnWriteTree<V> content = content(version);
        current = version;
        return content;
    }

    /**
     * The content of a version, without making it the current one.
     *
     * @param version the version
     * @return its tree
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if never saved or pruned
     */
    public CopyOnWriteTree<V> content(long version) {
        Saved<V> found = saved.get(version);
        if (found == null) {
            throw new StorageException(ErrorCode.VERSION_NOT_FOUND, "version " + version + " of store "
                    + storeName + " not found; available: " + saved.keySet());
        }
        return found.content();
    }

    /**
     * Every version that can be loaded, ascending, with its content.
     *
     * @return a new map
     */
    public NavigableMap<Long, CopyOnWriteTree<V>> contents() {
        TreeMap<Long, CopyOnWriteTree<V>> contents = new TreeMap<>();
        for (Map.Entry<Long, Saved<V>> entry : saved.entrySet()) {
            contents.put(entry.getKey(), entry.getValue().content());
        }
        return contents;
    }

    /**
     * The versions that can be loaded, ascending.
     *
     * @return a new array
     */
    public long[] list() {
        return saved.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The version last saved or loaded, 0 before any.
     *
     * @return the current version
     */
    public long current() {
        return current;
    }

    /**
     * The highest number ever handed out, 0 before any save.
     *
     * @return the last version number
     */
    public long lastNumber() {
        return lastNumber;
    }

    /**
     * Puts back a version saved before the store was reopened. Versions beyond the limit are pruned
     * as by {@link #save}, oldest first.
     *
     * @param version the version's number
     * @param content its content
     * @param digest  its hash as saved
     */
    public void restore(long version, CopyOnWriteTree<V> content, byte[] digest) {
        saved.put(version, new Saved<>(content, digest.clone()));
        lastNumber = Math.max(lastNumber, version);
        prune();
    }

    /**
     * Puts back the numbers of a store that was reopened.
     *
     * @param last    the highest number ever handed out (raised to the highest restored version)
     * @param current the version last saved or loaded, 0 for none
     */
    public void restoreNumbers(long last, long current) {
        this.lastNumber = Math.max(lastNumber, last);
        this.current = current;
    }

    /**
     * Replaces a kept version's tree by another of exactly the same content (the same tree laid
     * out anew, as when an engine moves its pages); its hash stays. Where the replaced tree was the
     * one last hashed, the new one takes its place there too.
     *
     * @param version the version
     * @param content its content, laid out anew
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if it is not kept
     */
    public void replace(long version, CopyOnWriteTree<V> content) {
        Saved<V> old = saved.get(version);
        if (old == null) {
            content(version);
        }
        saved.put(version, new Saved<>(content, old.hash()));
        if (hashed.tree() == old.content()) {
            hashed = hashed.relaidAs(content);
        }
    }

    /**
     * Puts back the tree the hash was last brought up to date for, and the hash's state then, as an
     * engine that pages its trees saved them: {@link #hashOf} then costs what changed since that
     * tree, not the whole content.
     *
     * @param content the tree last hashed
     * @param state   {@link ContentHash#state()} for it
     */
    public void restoreHashed(CopyOnWriteTree<V> content, byte[] state) {
        this.hashed = HashedTree.of(content, state, hasher);
    }

    /**
     * The tree the hash was last brought up to date for (the newest saved version, or what
     * {@link #restoreHashed} put back).
     *
     * @return the tree
     */
    public CopyOnWriteTree<V> hashedContent() {
        return hashed.tree();
    }

    /**
     * The state of the hash for {@link #hashedContent()}.
     *
     * @return {@link ContentHash#state()}
     */
    public byte[] hashedState() {
        return hashed.state();
    }

    /**
     * The tree the hash was last brought up to date for, with the hash: immutable, so that a reader
     * can take it under the store's lock and {@linkplain HashedTree#advancedTo advance} it to its own
     * tree outside.
     *
     * @return the hashed tree
     */
    public HashedTree<V> hashed() {
        return hashed;
    }

    /**
     * Takes a tree that a reader hashed as the one to hash from next, if the history still hashes
     * from the tree the reader started from: a save then costs what changed since the reader's tree.
     * The caller makes sure the tree is at least as new as that one (the store's live data is).
     *
     * @param baseline what {@link #hashed()} gave the reader
     * @param newer    the baseline advanced to the reader's tree
     * @return whether it was taken
     */
    public boolean adopt(HashedTree<V> baseline, HashedTree<V> newer) {
        if (hashed != baseline) {
            return false;
        }
        hashed = newer;
        return true;
    }

    /**
     * The hash a kept version was saved with.
     *
     * @param version its number
     * @return its 32-byte hash (a copy)
     * @throws dev.skeleton.storage.StorageException VERSION_NOT_FOUND if it is not kept
     */
    public byte[] savedHash(long version) {
        content(version);
        return saved.get(version).hash().clone();
    }

    /**
     * The content hash of a tree, brought up to date from the last tree hashed.
     *
     * @param content the tree
     * @return its 32-byte hash
     */
    public byte[] hashOf(CopyOnWriteTree<V> content) {
        hashed = hashed.advancedTo(content);
        return hashed.digest();
    }

    /**
     * Forgets every version (the store is closing).
     */
    public void clear() {
        saved.clear();
    }

    private void prune() {
        while (maxVersions > 0 && saved.size() > maxVersions) {
            saved.pollFirstEntry();
        }
    }
}
