package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which names in a store's directory are the store's own, as {@link StoreFiles#diskBytes} counts them. */
class StoreFileNamesTest {

    @ParameterizedTest
    @CsvSource({
        "store.lock, true",
        "store.config, true",
        "store.config.tmp, true",
        "log-1, true",
        "checkpoint-12, true",
        "checkpoint-12.tmp, true",
        "version-3, true",
        "value-77, true",
        "pages-2, true",
        "notes.txt, false",
        "log-, false",
        "log-x, false",
        "pages-1.bak, false",
        "other.tmp, false",
        "store.lock.old, false",
    })
    void storeFilesAreKnownByName(String name, boolean theStores) {
        assertEquals(theStores, StoreFiles.isStoreFile(name), name);
    }
}
