package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.core.ContentHash;
import java.util.HexFormat;

/**
 * The content hash (as defined in {@link dev.skeleton.storage.VersionInfo}) of what a store or
 * transaction holds: told by the engine where its read-only transactions can
 * ({@link ContentHashReader}: an engine that keeps the hash up to date answers at the cost of what
 * it did not hash yet), computed by reading every entry otherwise (17 SHA-256 blocks an entry).
 */
final class ContentHashes {

    private ContentHashes() {
    }

    /** Reads every entry of a consistent view (a read-only transaction, or a store nobody writes). */
    static byte[] of(Store view, ProgressMeter meter) {
        ContentHash hash = new ContentHash();
        view.iterate((key, value) -> {
            hash.add(key, value);
            if (meter != null) {
                meter.checkStopEvery();
            }
            return true;
        });
        return hash.digest();
    }

    /**
     * The hash of what a transaction sees if its engine tells it, else null: the caller then
     * computes it from the entries it reads anyway.
     */
    static byte[] toldBy(Transaction view) {
        return view instanceof ContentHashReader reader ? reader.contentHash() : null;
    }

    /**
     * The hash of a store nobody writes (one a transfer made and has not installed yet): told by a
     * read-only transaction of it where the engine can, else read from every entry.
     */
    static byte[] ofStore(Store store, ProgressMeter meter) {
        if (store instanceof Transactional transactional && transactional.supportsTransactions()) {
            try (Transaction view = transactional.beginReadOnlyTx()) {
                byte[] told = toldBy(view);
                if (told != null) {
                    return told;
                }
            }
        }
        return of(store, meter);
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
