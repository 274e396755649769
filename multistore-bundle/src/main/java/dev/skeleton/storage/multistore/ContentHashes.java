package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.core.ContentHash;
import java.util.HexFormat;

/**
 * The content hash (as defined in {@link dev.skeleton.storage.VersionInfo}) of what a store or
 * transaction holds, computed by reading all of it: the check that a transfer's target holds what
 * its source held, made from the target itself rather than from what was written to it.
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

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
