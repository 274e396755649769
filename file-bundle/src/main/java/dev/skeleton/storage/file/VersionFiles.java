package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.io.Input;
import dev.skeleton.storage.core.CopyOnWriteTree;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The saved versions of a store on disk: one file {@code version-<n>} per version, in the
 * {@link SnapshotFile} layout, holding either the version's whole content or only what differs
 * from an older version file, its <em>base</em>.
 *
 * <pre>
 * VERSION_META := type:u8=6  base:varlong  depth:varint  oldestKept:varlong  hash:32 bytes
 * entries       = base 0: every entry (puts); else the puts and deletes that turn the base into
 *                 this version, ascending
 * </pre>
 *
 * <h2>Why deltas</h2>
 * Saving a version must not cost a copy of the store: in memory a version is a tree root that
 * shares every untouched node, and on disk a version file holds only the
 * {@link CopyOnWriteTree#diff diff} against the version file written before it (which stays in
 * memory, so the diff costs what changed). A chain of deltas would grow without end and keep
 * pruned versions' files alive forever, so every {@value #DEFAULT_MAX_CHAIN}th file of a chain is
 * written whole: saving costs the changes plus, amortized, 1/{@value #DEFAULT_MAX_CHAIN} of the
 * store.
 *
 * <h2>Pruning</h2>
 * A pruned version's file is deleted once no kept version's chain passes through it; until then it
 * stays as a base only (at most one chain's length of such files). Which versions are kept is
 * decided by {@code oldestKept}, recorded in each version file and in the log, never by which
 * files happen to exist, so a base is never listed again.
 *
 * <h2>Damage</h2>
 * A version file that is damaged (or whose base is) cannot be rebuilt: that version, and every
 * version built on it, is dropped with a warning in the store's log; the store still opens with
 * every other version. A damaged file is deleted after the warning, since nothing can use it.
 *
 * <p>Not thread-safe: the store calls it under its write lock (and recovery before the store
 * exists).
 *
 * <p>Part of the first format (FORMAT.md, "Converting a format 1 store"): read only by
 * {@link FormatOneConversion} when such a store is opened.
 */
final class VersionFiles {

    /** Every this-many-th version file of a chain holds the whole content. */
    static final int DEFAULT_MAX_CHAIN = 16;

    /** A version file on disk: its base (0: whole content) and its distance from a whole file. */
    private record OnDisk(long base, int depth) {
    }

    /** What a version file says about itself. */
    private record Meta(long base, int depth, long oldestKept, byte[] hash) {
        static Meta read(Input in) {
            RecordCodec.expectType(in, RecordCodec.VERSION_META);
            return new Meta(in.readVarLong(true), in.readVarInt(true), in.readVarLong(true), in.readBytes(32));
        }
    }

    /**
     * A version read back at open.
     *
     * @param number     its number
     * @param content    its content
     * @param hash       its content hash as saved
     * @param oldestKept the oldest version kept when it was saved
     */
    record Loaded(long number, CopyOnWriteTree<StoredValue> content, byte[] hash, long oldestKept) {
    }

    private final StoreFiles files;
    private final String storeName;
    private final boolean compress;
    private final int maxChain;
    private final TreeMap<Long, OnDisk> onDisk = new TreeMap<>();

    VersionFiles(StoreFiles files, String storeName, boolean compress, int maxChain) {
        this.files = files;
        this.storeName = storeName;
        this.compress = compress;
        this.maxChain = maxChain;
    }

    private Long baseOf(long number) {
        OnDisk file = onDisk.get(number);
        return file == null ? null : file.base();
    }

    /**
     * Reads every version file, rebuilding each version from its chain, and drops (with a warning)
     * the ones that are damaged or built on one that is.
     *
     * @param empty  the empty tree to build on
     * @param logger where to report dropped versions
     * @return the versions that could be rebuilt, ascending
     * @throws IOException if the directory or a file cannot be read
     */
    List<Loaded> load(CopyOnWriteTree<StoredValue> empty, System.Logger logger) throws IOException {
        List<Loaded> loaded = new ArrayList<>();
        TreeMap<Long, CopyOnWriteTree<StoredValue>> contents = new TreeMap<>();
        for (long number : files.numbers(StoreFiles.VERSION)) {
            Path path = files.numbered(StoreFiles.VERSION, number);
            try {
                Loaded version = readOne(path, number, empty, contents);
                contents.put(number, version.content());
                loaded.add(version);
            } catch (DamagedFileException e) {
                logger.log(Level.WARNING, "store " + storeName + ": version " + number + " is lost: "
                        + e.getMessage() + "; the file is removed");
                StoreFiles.delete(path);
            }
        }
        return loaded;
    }

    private Loaded readOne(Path path, long number, CopyOnWriteTree<StoredValue> empty,
            TreeMap<Long, CopyOnWriteTree<StoredValue>> contents) throws DamagedFileException, IOException {
        Meta[] meta = new Meta[1];
        List<Change> changes = new ArrayList<>();
        SnapshotFile.read(path, RecordCodec.FileKind.VERSION, number, in -> meta[0] = Meta.read(in),
                (key, value) -> changes.add(new Change(key, value)));
        long base = meta[0].base();
        CopyOnWriteTree<StoredValue> baseContent = base == 0 ? empty : contents.get(base);
        if (baseContent == null) {
            throw new DamagedFileException(path, 0, "it is stored as changes to version " + base
                    + ", which is missing or damaged");
        }
        onDisk.put(number, new OnDisk(base, meta[0].depth()));
        return new Loaded(number, Change.applyAll(baseContent, changes), meta[0].hash(), meta[0].oldestKept());
    }
}
