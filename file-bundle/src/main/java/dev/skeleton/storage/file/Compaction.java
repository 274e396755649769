package dev.skeleton.storage.file;

import dev.skeleton.storage.core.PageImage;
import dev.skeleton.storage.core.PageRef;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies the live pages of a store's trees into new page files, so that the old files, which also
 * hold every page that later checkpoints replaced, can be deleted: the way the file engine gets its
 * disk back (FORMAT.md, "Compaction").
 *
 * <p>It copies the pages reachable from the roots it is given, each once however many trees share
 * it (a version shares most of its pages with the working data and the versions before it), so
 * the copies share exactly as the originals did. A leaf is copied as the bytes of its frame, whose
 * checksum does not depend on where it lies (and is checked on the way); an inner page is written
 * anew, with its children's new positions. Pages are read straight from disk, not through the
 * cache, so a compaction does not push the working set out of it. Only stored trees are copied:
 * the caller runs it right after a checkpoint, from that checkpoint's trees.
 *
 * <p>Single use, on the store's checkpoint thread.
 */
final class Compaction {

    private final PageFiles pages;
    private final PageFiles.Writer out;
    private final Map<Long, PageRef> moved = new HashMap<>();
    private long pagesCopied;

    Compaction(PageFiles pages, PageFiles.Writer out) {
        this.pages = pages;
        this.out = out;
    }

    /**
     * The copy of a tree: its root's new page.
     *
     * @param root the root's page now
     * @return the root's page in the new file
     */
    PageRef copy(PageRef root) {
        PageRef done = moved.get(root.position());
        if (done != null) {
            return done;
        }
        PageRef copy;
        if ((root.flags() & PageCodec.LEAF) != 0) {
            copy = out.writeFrame(pages.readFrame(root), root.flags());
        } else {
            PageImage page = pages.read(root);
            Object[] children = new Object[page.size()];
            for (int i = 0; i < children.length; i++) {
                children[i] = copy((PageRef) page.slots()[i]);
            }
            copy = out.write(new PageImage(page.height(), page.keys(), children));
        }
        moved.put(root.position(), copy);
        pagesCopied++;
        return copy;
    }

    /** @return how many pages were copied */
    long pagesCopied() {
        return pagesCopied;
    }
}
