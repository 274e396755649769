package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The saved versions of a store held as tree roots, with their numbers and content hashes.
 *
 * <p>A version is the root of the store's {@link CopyOnWriteTree} at the time of the save: saving
 * copies nothing, and old versions cost only the nodes that later writes replaced. The content hash
 * ({@link ContentHash}, defined in {@link VersionInfo}) is kept for the last tree hashed and brought
 * up to date at each save from the {@link CopyOnWriteTree#diff diff} of the two trees, so a save
 * costs what changed since the last one, not the size of the store. Large change sets are hashed on
 * the common fork-join pool, since every changed entry costs 17 SHA-256 blocks. How an entry enters
 * the hash is the engine's {@link EntryHasher}.
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

    /** Below this many changed entries, hashing on one thread beats handing work to others. */
    private static final int PARALLEL_THRESHOLD = 512;

    private final String storeName;
    private final int maxVersions;
    private final EntryHasher<V> hasher;
    private final TreeMap<Long, Saved<V>> saved = new TreeMap<>();
    private long lastNumber;
    private long current;
    private CopyOnWriteTree<V> hashedContent;
    private ContentHash hash = new ContentHash();

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
        this.hashedContent = empty;
        this.hasher = hasher;
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
        if (hashedContent == old.content()) {
            hashedContent = content;
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
        this.hashedContent = content;
        this.hash = ContentHash.fromState(state);
    }

    /**
     * The tree the hash was last brought up to date for (the newest saved version, or what
     * {@link #restoreHashed} put back).
     *
     * @return the tree
     */
    public CopyOnWriteTree<V> hashedContent() {
        return hashedContent;
    }

    /**
     * The state of the hash for {@link #hashedContent()}.
     *
     * @return {@link ContentHash#state()}
     */
    public byte[] hashedState() {
        return hash.state();
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
        List<EntryChange<V>> changes = new ArrayList<>();
        CopyOnWriteTree.diff(hashedContent, content, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, V value) {
                changes.add(new EntryChange<>(key, null, value));
            }

            @Override
            public void removed(byte[] key, V value) {
                changes.add(new EntryChange<>(key, value, null));
            }

            @Override
            public void changed(byte[] key, V oldValue, V newValue) {
                changes.add(new EntryChange<>(key, oldValue, newValue));
            }
        });
        if (changes.size() < PARALLEL_THRESHOLD) {
            changes.forEach(change -> change.applyTo(hash, hasher));
        } else {
            // Each entry costs 17 SHA-256 blocks; the sum is order-free, so the cores share the work.
            hash.include(changes.parallelStream().collect(ContentHash::new,
                    (partial, change) -> change.applyTo(partial, hasher), ContentHash::include));
        }
        hashedContent = content;
        return hash.digest();
    }

    /** One entry that differs between two trees: old value null if added, new value null if removed. */
    private record EntryChange<V>(byte[] key, V oldValue, V newValue) {
        void applyTo(ContentHash target, EntryHasher<V> hasher) {
            if (oldValue != null) {
                hasher.remove(target, key, oldValue);
            }
            if (newValue != null) {
                hasher.add(target, key, newValue);
            }
        }
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
