package dev.skeleton.storage.core;

/**
 * Writing a tree's nodes as pages, and walking the pages of a tree: what makes a
 * {@link CopyOnWriteTree} pageable.
 *
 * <h2>Writing</h2>
 * {@link #write} writes, children first, every node reachable from a root that is not on disk yet
 * (a node not {@link Node#stored() stored}); a stored node is where its subtree ends, since
 * everything below a stored node is stored too (a page refers to its children by position, so a
 * child is always written before its parent). Each node written is marked with its page, and in
 * its parent the slot that held it is replaced by the reference: from then on the node is held
 * only by the page cache (and by whoever is reading it), so it can leave the heap. Nodes shared by
 * several trees (the working data and saved versions) are written once; the second tree finds
 * them marked.
 *
 * <p>Called by one thread at a time per store (the engine's checkpoint); readers and writers of the
 * trees go on meanwhile. Writers only ever copy nodes, never write into them, and the two fields
 * written here ({@link Node#markStored}, a child slot) do not change what a node holds.
 */
final class TreePages {

    private TreePages() {
    }

    /** Writes every node below {@code node} (and it) that is not stored yet; returns its page. */
    static PageRef write(Node node, PageWriter writer) {
        PageRef stored = node.stored();
        if (stored != null) {
            return stored;
        }
        Object[] slots;
        if (node.isLeaf()) {
            slots = java.util.Arrays.copyOf(node.slots, node.size);
        } else {
            slots = new Object[node.size];
            for (int i = 0; i < node.size; i++) {
                Object child = node.slots[i];
                slots[i] = child instanceof PageRef ref ? ref : write((Node) child, writer);
            }
        }
        PageRef page = writer.write(new PageImage(node.height, java.util.Arrays.copyOf(node.keys, node.size), slots));
        if (node != Node.EMPTY_LEAF) {
            // The empty leaf is one object shared by every tree of every store: it is written
            // again each time rather than marked with one store's page.
            node.markStored(page);
        }
        if (!node.isLeaf()) {
            for (int i = 0; i < node.size; i++) {
                // The child is on disk now: let its node go (same content, so readers are unaffected).
                node.slots[i] = slots[i];
            }
        }
        page.cache(node);
        return page;
    }

    /** Walks the pages below a node as {@link PageVisitor} directs; reads only pages it enters. */
    @SuppressWarnings("unchecked")
    static <V> void visit(Node node, PageVisitor<V> visitor) {
        if (node.isLeaf()) {
            for (int i = 0; i < node.size; i++) {
                visitor.entry(node.keys[i], (V) node.slots[i]);
            }
            return;
        }
        for (int i = 0; i < node.size; i++) {
            Object child = node.slots[i];
            PageRef page = Node.pageOf(child);
            if (page == null) {
                visit((Node) child, visitor);
            } else if (visitor.enter(page)) {
                visit(Node.resolve(child), visitor);
            }
        }
    }
}
