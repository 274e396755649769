package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.testkit.ContentHashReference;
import dev.skeleton.storage.testkit.reference.StoreImage.SavedVersion;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Deliberately broken engines: the reference engine with one rule of the contract broken each, so
 * that {@code KitCatchesBrokenEnginesTest} can prove the kit notices. Each store class overrides
 * one hook of {@link ReferenceStore} (the store that re-lists pruned versions, the two hooks of one
 * rule); the names say what is broken. The hooks run under the store's monitor, which also guards
 * any state a broken store adds.
 */
public final class BrokenEngines {

    private BrokenEngines() {
    }

    /** Keeps the caller's arrays on set instead of copying them. */
    public static Engine noCopyOnSet() {
        return new ReferenceEngine(NoCopyOnSetStore::new);
    }

    /** Hands out its internal arrays from get and to visitors. */
    public static Engine noCopyOnGet() {
        return new ReferenceEngine(NoCopyOnGetStore::new);
    }

    /** Orders keys by signed bytes, so 0x80 sorts before 0x7f. */
    public static Engine signedKeyOrder() {
        return new ReferenceEngine(SignedOrderStore::new);
    }

    /** Keeps working after close instead of throwing STORE_CLOSED. */
    public static Engine usableAfterClose() {
        return new ReferenceEngine(UsableAfterCloseStore::new);
    }

    /** Throws on the second close. */
    public static Engine closeNotIdempotent() {
        return new ReferenceEngine(CloseOnceStore::new);
    }

    /** Throws KEY_NOT_FOUND on the delete of a missing key. */
    public static Engine deleteOfMissingKeyFails() {
        return new ReferenceEngine(StrictDeleteStore::new);
    }

    /** Commits every transaction without validating it. */
    public static Engine noConflictDetection() {
        return new ReferenceEngine(NoConflictStore::new);
    }

    /** Fails every transaction when anything at all changed since it began. */
    public static Engine conflictsOnDisjointKeys() {
        return new ReferenceEngine(TooStrictConflictStore::new);
    }

    /** Numbers a save after a load as the loaded version plus one, reusing numbers. */
    public static Engine reusesVersionNumbers() {
        return new ReferenceEngine(ReusedVersionNumberStore::new);
    }

    /** Prunes to one version fewer than {@code max_versions}: under 1, a save keeps nothing. */
    public static Engine keepsOneVersionTooFew() {
        return new ReferenceEngine(settings -> new MisprunedStore(settings, -1));
    }

    /** Prunes to one version more than {@code max_versions}. */
    public static Engine keepsOneVersionTooMany() {
        return new ReferenceEngine(settings -> new MisprunedStore(settings, 1));
    }

    /**
     * Finds the oldest version to keep with the file engine's old arithmetic, which reads past the
     * end of the kept versions under {@code max_versions = 1}: the second save throws
     * {@link ArrayIndexOutOfBoundsException}.
     */
    public static Engine failsOnTheSecondSaveUnderOneVersion() {
        return new ReferenceEngine(OldestKeptPastTheEndStore::new);
    }

    /**
     * Keeps each version as the changes since the one before and forgets, when it prunes a version,
     * what the next one shared with it: the kept version loses its unchanged entries.
     */
    public static Engine pruningLosesWhatAKeptVersionShared() {
        return new ReferenceEngine(LostBaseStore::new);
    }

    /**
     * Persistent, and writes pruned versions along with the kept ones, so that a reopened store
     * lists them again (as an engine that decided what is kept by which files exist would).
     */
    public static Engine relistsPrunedVersionsAfterReopen() {
        return new FileReferenceEngine(RelistingStore::new);
    }

    /** Includes the end key of a range. */
    public static Engine rangeEndInclusive() {
        return new ReferenceEngine(InclusiveRangeStore::new);
    }

    /** Does not check keys, so a null key ends in a NullPointerException deep inside. */
    public static Engine nullKeyThrowsNullPointerException() {
        return new ReferenceEngine(UncheckedKeyStore::new);
    }

    /** Calls the visitor of iterate while holding the store's lock. */
    public static Engine iterateHoldsTheLock() {
        return new ReferenceEngine(LockedIterationStore::new);
    }

    /** Hashes each entry as key and value concatenated, without length framing. */
    public static Engine unframedHash() {
        return new ReferenceEngine(UnframedHashStore::new);
    }

    /** Accepts config keys it does not know. */
    public static Engine acceptsUnknownConfigKeys() {
        return new ReferenceEngine() {
            @Override
            protected int maxVersions(Config config) {
                return config == null ? 100 : config.getInt(MAX_VERSIONS, 100);
            }
        };
    }

    /** Reads a version as the working data: checks that the version is kept, then reads the live data. */
    public static Engine versionReadSeesLiveData() {
        return new ReferenceEngine(LiveVersionReadStore::new);
    }

    /** Reads a version by loading it first, so that the working data and the current version change. */
    public static Engine versionReadLoadsTheVersion() {
        return new ReferenceEngine(LoadingVersionReadStore::new);
    }

    /** Reads versions that {@code max_versions} pruned, from a history of every save. */
    public static Engine versionReadOfPrunedVersions() {
        return new ReferenceEngine(PrunedVersionReadStore::new);
    }

    /** Reads a version in a read-write transaction. */
    public static Engine versionReadIsWritable() {
        return new ReferenceEngine(WritableVersionReadStore::new);
    }

    /** Reads a version through a detached copy of the store, which the store's close does not end. */
    public static Engine versionReadOutlivesTheStore() {
        return new ReferenceEngine(DetachedVersionReadStore::new);
    }

    /** Tells, in a read-only transaction, the content hash of the store's live data, not of its snapshot. */
    public static Engine contentHashOfTheLiveData() {
        return new ReferenceEngine(LiveContentHashStore::new);
    }

    /** Hashes a read-only transaction's snapshot at its begin and tells that hash whatever happens after. */
    public static Engine contentHashOutlivesTheTransaction() {
        return new ReferenceEngine(EverlastingContentHashStore::new);
    }

    /**
     * Not broken: read-only transactions that do not tell their content hash, as an engine may
     * leave the optional {@code ContentHashReader} out.
     */
    public static Engine withoutContentHash() {
        return new ReferenceEngine(NoContentHashStore::new);
    }

    /** The longest key of {@link #keyLimited()} and {@link #keyLimitIgnored()}. */
    public static final int KEY_LIMIT = 64;

    /**
     * Not broken: stores keys of at most {@link #KEY_LIMIT} bytes and refuses longer ones with
     * INVALID_ARGUMENT, as an engine on a database with an index limit does.
     */
    public static Engine keyLimited() {
        return new ReferenceEngine(settings -> new KeyLimitedStore(settings, true));
    }

    /** Declares a key limit to the kit but stores longer keys anyway. */
    public static Engine keyLimitIgnored() {
        return new ReferenceEngine(settings -> new KeyLimitedStore(settings, false));
    }

    static final class KeyLimitedStore extends ReferenceStore {
        private final boolean enforced;

        KeyLimitedStore(StoreSettings settings, boolean enforced) {
            super(settings);
            this.enforced = enforced;
        }

        @Override
        protected void requireKey(byte[] key) {
            super.requireKey(key);
            if (enforced && key.length > KEY_LIMIT) {
                throw new StorageException(ErrorCode.INVALID_ARGUMENT, "key longer than " + KEY_LIMIT + " bytes");
            }
        }
    }

    static final class NoCopyOnSetStore extends ReferenceStore {
        NoCopyOnSetStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected byte[] copyIn(byte[] bytes) {
            return bytes;
        }
    }

    static final class NoCopyOnGetStore extends ReferenceStore {
        NoCopyOnGetStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected byte[] copyOut(byte[] bytes) {
            return bytes;
        }
    }

    static final class SignedOrderStore extends ReferenceStore {
        SignedOrderStore(StoreSettings settings) {
            super(settings, Arrays::compare);
        }
    }

    static final class UsableAfterCloseStore extends ReferenceStore {
        UsableAfterCloseStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected void requireOpen() {
            // broken: never refuses
        }
    }

    static final class CloseOnceStore extends ReferenceStore {
        private boolean closedBefore;

        CloseOnceStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized void close() {
            if (closedBefore) {
                throw new StorageException(ErrorCode.STORE_CLOSED, "store " + name() + " is closed already");
            }
            closedBefore = true;
            super.close();
        }
    }

    static final class StrictDeleteStore extends ReferenceStore {
        StrictDeleteStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized void delete(byte[] key) {
            get(key); // broken: KEY_NOT_FOUND for a missing key
            super.delete(key);
        }
    }

    static final class NoConflictStore extends ReferenceStore {
        NoConflictStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected boolean conflicts(ReferenceTransaction transaction) {
            return false;
        }
    }

    static final class TooStrictConflictStore extends ReferenceStore {
        TooStrictConflictStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected boolean conflicts(ReferenceTransaction transaction) {
            return changeCount() > transaction.startChangeCount(); // broken: any change conflicts
        }
    }

    static final class ReusedVersionNumberStore extends ReferenceStore {
        ReusedVersionNumberStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected long nextVersionNumber() {
            return currentVersion() + 1;
        }
    }

    static final class MisprunedStore extends ReferenceStore {
        private final int error;

        MisprunedStore(StoreSettings settings, int error) {
            super(settings);
            this.error = error;
        }

        @Override
        protected void pruneOldVersions() {
            // broken: keeps max_versions + error
            while (maxVersions() > 0 && savedVersions().size() > maxVersions() + error) {
                savedVersions().pollFirstEntry();
            }
        }
    }

    static final class OldestKeptPastTheEndStore extends ReferenceStore {
        OldestKeptPastTheEndStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected void pruneOldVersions() {
            long[] before = savedVersions().headMap(savedVersions().lastKey(), false).keySet().stream()
                    .mapToLong(Long::longValue).toArray();
            int max = maxVersions();
            if (max > 0 && before.length + 1 > max) {
                // broken: under max 1 the index is before.length, one past the end
                savedVersions().headMap(before[before.length + 1 - max], false).clear();
            }
        }
    }

    static final class LostBaseStore extends ReferenceStore {
        LostBaseStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected void pruneOldVersions() {
            while (maxVersions() > 0 && savedVersions().size() > maxVersions()) {
                SavedVersion pruned = savedVersions().pollFirstEntry().getValue();
                Map.Entry<Long, SavedVersion> next = savedVersions().firstEntry();
                // broken: the next version keeps only what changed since the pruned one
                NavigableMap<byte[], byte[]> changed = copyOf(next.getValue().content());
                changed.entrySet().removeIf(entry ->
                        Arrays.equals(entry.getValue(), pruned.content().get(entry.getKey())));
                savedVersions().put(next.getKey(), new SavedVersion(changed, next.getValue().hash()));
            }
        }
    }

    static final class RelistingStore extends ReferenceStore {
        private final NavigableMap<Long, SavedVersion> pruned = new TreeMap<>();

        RelistingStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected void pruneOldVersions() {
            while (maxVersions() > 0 && savedVersions().size() > maxVersions()) {
                Map.Entry<Long, SavedVersion> oldest = savedVersions().pollFirstEntry();
                pruned.put(oldest.getKey(), oldest.getValue());
            }
        }

        @Override
        protected NavigableMap<Long, SavedVersion> persistedVersions() {
            // broken: the pruned versions are written too, and open lists whatever it reads
            NavigableMap<Long, SavedVersion> all = new TreeMap<>(pruned);
            all.putAll(savedVersions());
            return all;
        }
    }

    static final class InclusiveRangeStore extends ReferenceStore {
        InclusiveRangeStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected NavigableMap<byte[], byte[]> range(NavigableMap<byte[], byte[]> map, KeyRange range,
                boolean ascending) {
            // broken: [start, end] is [start, end || 0x00), the smallest key after end
            byte[] end = range.end() == null ? null : Arrays.copyOf(range.end(), range.end().length + 1);
            return super.range(map, new KeyRange(range.start(), end), ascending);
        }
    }

    static final class UncheckedKeyStore extends ReferenceStore {
        UncheckedKeyStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected void requireKey(byte[] key) {
            // broken: no check
        }
    }

    static final class LockedIterationStore extends ReferenceStore {
        LockedIterationStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized void iterate(KeyValueVisitor visitor) {
            super.iterate(visitor); // broken: the visitor runs inside this monitor
        }
    }

    static final class UnframedHashStore extends ReferenceStore {
        UnframedHashStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected byte[] contentHash(NavigableMap<byte[], byte[]> content) {
            // broken: key and value run together, so {"a":"bc"} and {"ab":"c"} collide
            ContentHashReference hash = new ContentHashReference();
            content.forEach((key, value) -> hash.add(concat(key, value), new byte[0]));
            return hash.hash();
        }

        private static byte[] concat(byte[] first, byte[] second) {
            byte[] joined = Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, joined, first.length, second.length);
            return joined;
        }
    }

    static final class LiveVersionReadStore extends ReferenceStore {
        LiveVersionReadStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized Transaction readVersion(long version) {
            requireOpen();
            savedVersion(version);
            return beginReadOnlyTx(); // broken: the live data, not the version
        }
    }

    static final class LoadingVersionReadStore extends ReferenceStore {
        LoadingVersionReadStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized Transaction readVersion(long version) {
            loadVersion(version); // broken: replaces the working data
            return beginReadOnlyTx();
        }
    }

    static final class PrunedVersionReadStore extends ReferenceStore {
        private final NavigableMap<Long, SavedVersion> everySave = new TreeMap<>();

        PrunedVersionReadStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized VersionInfo saveVersion() {
            VersionInfo info = super.saveVersion();
            everySave.put(info.version(), super.savedVersion(info.version()));
            return info;
        }

        @Override
        public synchronized Transaction readVersion(long version) {
            requireOpen();
            SavedVersion saved = everySave.get(version); // broken: pruning is ignored
            if (saved == null) {
                return super.readVersion(version);
            }
            return new ReferenceTransaction(this, copyOf(saved.content()), changeCount(), true);
        }
    }

    static final class WritableVersionReadStore extends ReferenceStore {
        WritableVersionReadStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized Transaction readVersion(long version) {
            requireOpen();
            // broken: read-write
            return new ReferenceTransaction(this, copyOf(savedVersion(version).content()), changeCount(), false);
        }
    }

    static final class DetachedVersionReadStore extends ReferenceStore {
        DetachedVersionReadStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        public synchronized Transaction readVersion(long version) {
            requireOpen();
            StoreImage image = new StoreImage(maxVersions(), copyOf(savedVersion(version).content()), new TreeMap<>(),
                    0, 0);
            // broken: a store of its own, which nothing ever closes
            return new ReferenceStore(new StoreSettings(name(), path(), image, closed -> { })).beginReadOnlyTx();
        }
    }

    static final class LiveContentHashStore extends ReferenceStore {
        LiveContentHashStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected ReferenceTransaction readOnly(TreeMap<byte[], byte[]> view) {
            return new ReferenceSnapshot(this, view, changeCount()) {
                @Override
                public byte[] contentHash() {
                    hashOfView();
                    return ContentHashReference.hashOf(store()); // broken: the store as it is now
                }
            };
        }
    }

    static final class EverlastingContentHashStore extends ReferenceStore {
        EverlastingContentHashStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected ReferenceTransaction readOnly(TreeMap<byte[], byte[]> view) {
            byte[] atBegin = contentHash(view);
            return new ReferenceSnapshot(this, view, changeCount()) {
                @Override
                public byte[] contentHash() {
                    return atBegin.clone(); // broken: neither the store's close nor the end ends it
                }
            };
        }
    }

    static final class NoContentHashStore extends ReferenceStore {
        NoContentHashStore(StoreSettings settings) {
            super(settings);
        }

        @Override
        protected ReferenceTransaction readOnly(TreeMap<byte[], byte[]> view) {
            return new ReferenceTransaction(this, view, changeCount(), true);
        }
    }
}
