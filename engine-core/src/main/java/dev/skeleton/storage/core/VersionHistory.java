package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The saved versions of a store held as tree roots, with their numbers and content hashes.
 *
 * <p>A version is the root of the store's {@link CopyOnWriteTree} at the time of the save: saving
 * copies nothing, and old versions cost only the nodes that later writes replaced. The content hash
 * ({@link ContentHash}, defined in {@link VersionInfo}) is kept for the last tree hashed and brought
 * up to date at each save from the {@link CopyOnWriteTree#diff diff} of the two trees, so a save
 * costs what changed since the last one, not the size of the store. Large change sets are hashed on
 * the common fork-join pool, since every changed entry costs 17 SHA-256 blocks.
 *
 * <p>Numbers are never reused: the next save is always one more than the highest number ever
 * handed out, whatever was loaded or pruned since. {@code maxVersions <= 0} keeps every version.
 *
 * <p>Not thread-safe: its store guards it with the store's write lock.
 */
public final class VersionHistory {

    /** A saved version: its content and hash. */
    private record Saved(CopyOnWriteTree<byte[]> content, byte[] hash) {
    }

    /** Below this many changed entries, hashing on one thread beats handing work to others. */
    private static final int PARALLEL_THRESHOLD = 512;

    private final String storeName;
    private final int maxVersions;
    private final TreeMap<Long, Saved> saved = new TreeMap<>();
    private long lastNumber;
    private long current;
    private CopyOnWriteTree<byte[]> hashedContent;
    private final ContentHash hash = new ContentHash();

    /**
     * An empty history.
     *
     * @param storeName   the store's name, for messages
     * @param maxVersions how many versions to keep; 0 or negative: all
     * @param empty       the empty tree of the store (what the empty hash describes)
     */
    public VersionHistory(String storeName, int maxVersions, CopyOnWriteTree<byte[]> empty) {
        this.storeName = storeName;
        this.maxVersions = maxVersions;
        this.hashedContent = empty;
    }

    /**
     * Saves {@code content} as the next version and prunes the oldest beyond the limit.
     *
     * @param content the store's current tree
     * @return the new version's number and hash
     */
    public VersionInfo save(CopyOnWriteTree<byte[]> content) {
        byte[] digest = hashOf(content);
        long number = ++lastNumber;
        saved.put(number, new Saved(content, digest));
        current = number;
        while (maxVersions > 0 && saved.size() > maxVersions) {
            saved.pollFirstEntry();
        }
        return new VersionInfo(number, digest);
    }

    /**
     * The content of a version, which becomes the current version.
     *
     * @param version the version to load
     * @return its tree
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if never saved or pruned
     */
    public CopyOnWriteTree<byte[]> load(long version) {
        Saved found = saved.get(version);
        if (found == null) {
            throw new StorageException(ErrorCode.VERSION_NOT_FOUND, "version " + version + " of store "
                    + storeName + " not found; available: " + saved.keySet());
        }
        current = version;
        return found.content();
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
     * The content hash of a tree, brought up to date from the last tree hashed.
     *
     * @param content the tree
     * @return its 32-byte hash
     */
    public byte[] hashOf(CopyOnWriteTree<byte[]> content) {
        List<EntryChange> changes = new ArrayList<>();
        CopyOnWriteTree.diff(hashedContent, content, new TreeDiffVisitor<>() {
            @Override
            public void added(byte[] key, byte[] value) {
                changes.add(new EntryChange(key, null, value));
            }

            @Override
            public void removed(byte[] key, byte[] value) {
                changes.add(new EntryChange(key, value, null));
            }

            @Override
            public void changed(byte[] key, byte[] oldValue, byte[] newValue) {
                changes.add(new EntryChange(key, oldValue, newValue));
            }
        });
        if (changes.size() < PARALLEL_THRESHOLD) {
            changes.forEach(change -> change.applyTo(hash));
        } else {
            // Each entry costs 17 SHA-256 blocks; the sum is order-free, so the cores share the work.
            hash.include(changes.parallelStream().collect(ContentHash::new,
                    (partial, change) -> change.applyTo(partial), ContentHash::include));
        }
        hashedContent = content;
        return hash.digest();
    }

    /** One entry that differs between two trees: old value null if added, new value null if removed. */
    private record EntryChange(byte[] key, byte[] oldValue, byte[] newValue) {
        void applyTo(ContentHash target) {
            if (oldValue != null) {
                target.remove(key, oldValue);
            }
            if (newValue != null) {
                target.add(key, newValue);
            }
        }
    }

    /**
     * Forgets every version (the store is closing).
     */
    public void clear() {
        saved.clear();
    }
}
