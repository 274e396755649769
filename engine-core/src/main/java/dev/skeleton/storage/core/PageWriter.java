package dev.skeleton.storage.core;

/**
 * Writes the pages of a tree for {@link CopyOnWriteTree#writePages}: children before their parent,
 * each page once.
 */
@FunctionalInterface
public interface PageWriter {

    /**
     * Writes one page.
     *
     * @param page the node as a page; an inner node's children are written already
     * @return where it now lies
     * @throws dev.skeleton.storage.StorageException {@code IO} if it cannot be written
     */
    PageRef write(PageImage page);
}
