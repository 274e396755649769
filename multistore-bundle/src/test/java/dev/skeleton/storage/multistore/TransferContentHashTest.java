package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.Versioned;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The content hash a transfer carries: taken from the engine where its read-only transactions tell
 * it ({@link ContentHashReader}: the memory and file engines), computed from the entries where they
 * do not (the persistent test engine), and in every case equal to a recomputation from the dump's
 * frames (a verification) and from the store's entries. A faulty engine's hash is caught.
 */
class TransferContentHashTest extends TransferTestSupport {

    private static final String WITHOUT_HASH = PersistentTestEngine.NAME;

    @BeforeEach
    void registerTheOtherEngines() {
        stores.registerEngine(new PersistentTestEngine(new TestDisk()));
        stores.registerEngine(new LyingHashEngine());
    }

    /** Fills a store, then overwrites a third and deletes a fifth of its entries. */
    private Store changed(String name, String engine) {
        Store store = filled(name, engine, 2_000);
        for (int i = 0; i < 2_000; i += 3) {
            store.set(key(i), bytes("overwritten-" + i));
        }
        for (int i = 0; i < 2_000; i += 5) {
            store.delete(key(i));
        }
        return store;
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, FILE, WITHOUT_HASH})
    void anExportsTrailerIsTheHashOfItsEntries(String engine) {
        Store store = changed("source", engine);
        try (Transaction view = ((Transactional) store).beginReadOnlyTx()) {
            assertEquals(!engine.equals(WITHOUT_HASH), view instanceof ContentHashReader,
                    "the handle's transaction tells a hash where the engine's does");
        }
        Path file = dumps.resolve(engine + ".dump");
        TransferReport exported = stores.exportStore("source", file, ExportOptions.defaults());

        assertArrayEquals(hashOf(store), exported.hash(), "the store's entries, hashed here");
        assertArrayEquals(exported.hash(), stores.verifyDump(file, TransferListener.NONE).hash(),
                "the dump's frames, hashed by the verification");
        TransferReport imported = stores.importStore(file, "copy", ImportOptions.defaults().onEngine(engine));
        assertArrayEquals(exported.hash(), imported.hash());
        assertArrayEquals(exported.hash(), hashOf(stores.getStore("copy")));
    }

    @Test
    void aFileStoreExportedAfterARestartCarriesTheHashOfItsLastCheckpointBroughtUpToDate() {
        changed("source", FILE);
        byte[] expected = hashOf(stores.getStore("source"));
        restart();
        Store reopened = stores.getStore("source");
        Path first = dumps.resolve("first.dump");
        assertArrayEquals(expected, stores.exportStore("source", first, ExportOptions.defaults()).hash());
        reopened.set(key(1), bytes("after the restart"));
        reopened.delete(key(2));
        Path second = dumps.resolve("second.dump");
        byte[] afterChanges = stores.exportStore("source", second, ExportOptions.defaults().compressed(true)).hash();

        assertArrayEquals(hashOf(reopened), afterChanges);
        assertArrayEquals(afterChanges, stores.verifyDump(second, TransferListener.NONE).hash());
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, FILE})
    void anExportOfAVersionCarriesTheHashItWasSavedWith(String engine) {
        Store store = changed("source", engine);
        byte[] saved = ((Versioned) store).saveVersion().hash();
        store.set(key(7), bytes("after the save"));
        Path file = dumps.resolve("v1.dump");
        TransferReport exported = stores.exportStore("source", file, ExportOptions.defaults().fromVersion(1));
        assertArrayEquals(saved, exported.hash());
        assertArrayEquals(saved, stores.verifyDump(file, TransferListener.NONE).hash());
    }

    @Test
    void anEngineThatTellsAWrongHashMakesADumpThatIsRefused() {
        filled("liar", LyingHashEngine.NAME, 50);
        Path file = dumps.resolve("liar.dump");
        TransferReport exported = stores.exportStore("liar", file, ExportOptions.defaults());

        assertArrayEquals(LyingHashEngine.CLAIMED, exported.hash(), "the trailer is the engine's word");
        StorageException refused = assertCode(ErrorCode.CORRUPTED,
                () -> stores.verifyDump(file, TransferListener.NONE));
        assertTrue(refused.getMessage().contains("hash"), refused.getMessage());
        assertCode(ErrorCode.CORRUPTED, () -> stores.importStore(file, "copy", ImportOptions.defaults().onEngine(MEMORY)));
        assertFalse(stores.storeExists("copy"));
    }

    @Test
    void anImportIntoAnEngineThatTellsAWrongHashIsRefusedAndLeavesNothing() {
        filled("source", MEMORY, 50);
        Path file = dumps.resolve("source.dump");
        stores.exportStore("source", file, ExportOptions.defaults());

        StorageException refused = assertCode(ErrorCode.CORRUPTED, () -> stores.importStore(file, "copy",
                ImportOptions.defaults().onEngine(LyingHashEngine.NAME)));
        assertTrue(refused.getMessage().contains("content hash mismatch"), refused.getMessage());
        assertFalse(stores.storeExists("copy"));
        assertCode(ErrorCode.CORRUPTED, () -> stores.copyStore("source", "copy", LyingHashEngine.NAME,
                TransferListener.NONE));
        assertFalse(stores.storeExists("copy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMORY, WITHOUT_HASH})
    void aCopyFromAnEngineThatTellsAWrongHashIsRefusedOnAnyEngine(String engine) {
        filled("liar", LyingHashEngine.NAME, 50);
        StorageException refused = assertCode(ErrorCode.CORRUPTED,
                () -> stores.copyStore("liar", "copy", engine, TransferListener.NONE));
        assertTrue(refused.getMessage().contains(ContentHashes.hex(LyingHashEngine.CLAIMED)), refused.getMessage());
        assertFalse(stores.storeExists("copy"));
    }

    @Test
    void aMoveOffAnEngineThatTellsAWrongHashStopsAndLeavesTheStoreWhereItWas() {
        Store store = filled("liar", LyingHashEngine.NAME, 50);
        byte[] before = hashOf(store);
        StorageException refused = assertCode(ErrorCode.CORRUPTED,
                () -> stores.moveStore("liar", MEMORY, TransferListener.NONE));
        assertTrue(refused.getMessage().contains("does not read back as written"), refused.getMessage());
        assertEquals(LyingHashEngine.NAME, stores.storeInfo("liar").engine());
        assertArrayEquals(before, hashOf(stores.getStore("liar")), "the store, as it was");
    }

    @Test
    void theHashOfAHandlesTransactionEndsWithItsStore() throws Exception {
        Store store = filled("source", MEMORY, 10);
        Transaction view = ((Transactional) store).beginReadOnlyTx();
        ContentHashReader reader = (ContentHashReader) view;
        assertArrayEquals(hashOf(store), reader.contentHash());
        stores.deleteStore("source");
        assertCode(ErrorCode.STORE_CLOSED, reader::contentHash);
        assertTrue(Files.notExists(root.resolve("source")));
        stores.createStore("other", FILE, Config.empty());
        try (Transaction tx = ((Transactional) stores.getStore("other")).beginTx()) {
            assertFalse(tx instanceof ContentHashReader, "a read-write transaction tells no hash");
        }
    }
}
