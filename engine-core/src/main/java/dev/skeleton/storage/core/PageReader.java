package dev.skeleton.storage.core;

/**
 * Reads a page back from disk for a {@link PageSource}. Called by readers and writers of the tree
 * alike, from any thread, with no lock held.
 */
@FunctionalInterface
public interface PageReader {

    /**
     * Reads and decodes one page. A page that cannot be trusted (checksum, truncation, a layout
     * that does not decode) must fail, never yield a wrong page.
     *
     * @param ref where it is
     * @return the page; child references in it carry the same source
     * @throws dev.skeleton.storage.StorageException {@code CORRUPTED} or {@code IO}
     */
    PageImage read(PageRef ref);
}
