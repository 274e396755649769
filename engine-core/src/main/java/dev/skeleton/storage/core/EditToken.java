package dev.skeleton.storage.core;

/**
 * The right to change in place the nodes of a {@link CopyOnWriteTree} that were made under it, as
 * the transient editing of persistent collections does: a writer that passes a token to
 * {@link CopyOnWriteTree#put(byte[], Object, EditToken)} and
 * {@link CopyOnWriteTree#remove(byte[], EditToken)} copies a node the first time it changes it,
 * tags the copy with the token, and from then on changes that copy in place instead of copying it
 * again. A store that overwrites the same keys pays for a leaf copy and its path once per leaf,
 * not once per write.
 *
 * <h2>The promise its holder makes</h2>
 * A tree changed in place is no longer a snapshot: a tree handed out before the change (a saved
 * version, the snapshot of an iterator or a transaction) would see it. So the holder of a token
 * promises that no tree it hands out shares a node tagged with a token it still uses: before it
 * hands out its current tree, it stops using its token and takes a new one (a token costs one
 * small object). Every node the handed-out tree holds is then tagged with a retired token, or with
 * none, and is never written again; the next change copies what it touches, under the new token.
 *
 * <p>Racing point reads ({@link CopyOnWriteTree#get}, {@link CopyOnWriteTree#containsKey}) of the
 * tree being changed stay correct without a snapshot: an in-place change is a single reference
 * write (a value replaced in a leaf, or a child replaced in an inner node by a complete new
 * child), so such a read sees each key either as it was before the change or as it is after. Range
 * reads and diffs need the stable order of a snapshot and must read a handed-out tree.
 *
 * <p>A token carries no state: it is compared by identity. Use each from one writer at a time
 * (the store's write lock).
 */
public final class EditToken {

    /** A new token, different from every other. */
    public EditToken() {
        // Identity is all a token is.
    }
}
