package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The versioning capability of a {@link Store}: named snapshots of the whole content that can be
 * loaded back. Implemented by every store of an engine whose {@link Capabilities#versioning()} is
 * true.
 *
 * <h2>Numbers</h2>
 * Versions are numbered 1, 2, 3 &hellip; and never reused: {@link #saveVersion()} creates
 * {@code max(every version ever saved) + 1}, also after {@link #loadVersion(long)} of an older
 * version and after older versions were pruned. {@link #currentVersion()} is the version the working
 * data was last saved as or loaded from (0 before any save); writes after that do not change it.
 *
 * <h2>Retention</h2>
 * The engine configuration key {@code max_versions} (default 100; 0 or negative: unlimited) keeps
 * the newest N versions: a save that makes N+1 prunes the oldest. Loading a pruned version is
 * {@link ErrorCode#VERSION_NOT_FOUND}.
 *
 * <h2>Cost</h2>
 * {@code saveVersion()} must not copy the whole store: engines share structure between versions
 * (or do something equivalent), and compute the content hash at a cost proportional to what
 * changed since the last save (see {@link VersionInfo} for the hash).
 *
 * <h2>Transactions</h2>
 * {@code loadVersion} counts as a direct write of every key whose value it changes (set, replaced
 * or removed): an open transaction that read or wrote such a key fails its commit with
 * {@link ErrorCode#TX_CONFLICT}.
 *
 * <h2>Thread safety and closing</h2>
 * Every method may be called from any number of threads at once; {@code saveVersion} and
 * {@code loadVersion} are atomic with respect to every other write. After the store is closed,
 * {@code saveVersion}, {@code loadVersion}, {@code listVersions} and {@code currentVersion} throw
 * {@link ErrorCode#STORE_CLOSED} (this API reads "every data operation" strictly: only
 * {@code name()}, {@code path()} and the {@code supports...()} flags answer after close).
 */
@ConsumerType
public interface Versioned {

    /**
     * Saves the current content as a new version.
     *
     * @return the new version's number and content hash
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} after close;
     *         {@link ErrorCode#UNSUPPORTED} if {@link #supportsVersioning()} is false
     */
    VersionInfo saveVersion();

    /**
     * Replaces the working data with exactly the content of version {@code version}; later versions
     * are kept. Afterwards {@link #currentVersion()} is {@code version}.
     *
     * @param version a saved, unpruned version
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if the version was never saved
     *         or was pruned (the working data is then unchanged); {@link ErrorCode#STORE_CLOSED}
     *         after close; {@link ErrorCode#UNSUPPORTED} if {@link #supportsVersioning()} is false
     */
    void loadVersion(long version);

    /**
     * The versions that can be loaded, ascending.
     *
     * @return a new array of version numbers, empty before any save
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} after close
     */
    long[] listVersions();

    /**
     * The version the working data was last saved as or loaded from.
     *
     * @return that version, or 0 before any save or load
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} after close
     */
    long currentVersion();

    /**
     * Whether this store offers versions; true for every store of an engine with the versioning
     * capability. Answers after close too.
     *
     * @return true if {@link #saveVersion()} works
     */
    boolean supportsVersioning();
}
