package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.ContentHashReader;
import java.util.TreeMap;

/**
 * A read-only transaction of a {@link ReferenceStore}, which tells the content hash of what it sees
 * the obvious way: from scratch, over its own copy of the data, with the store's hash
 * ({@link ReferenceStore#contentHash}). Not final: the broken engines of the kit's own tests
 * override {@link #contentHash()}. Lock model as {@link ReferenceTransaction}'s.
 */
class ReferenceSnapshot extends ReferenceTransaction implements ContentHashReader {

    ReferenceSnapshot(ReferenceStore store, TreeMap<byte[], byte[]> view, long startChangeCount) {
        super(store, view, startChangeCount, true);
    }

    @Override
    public byte[] contentHash() {
        return hashOfView();
    }
}
