package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferProgress;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Export, verify, import and copy through the multistore, with the real memory and file engines. */
class ExportImportTest extends TransferTestSupport {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStoreRoundTripsFromMemoryThroughFileBackToMemoryWithEqualHashes(boolean compress) {
        Store original = filled("origin", MEMORY, 3_000);
        byte[] hash = hashOf(original);
        Path first = dumps.resolve("first.dump");
        TransferReport exported = stores.exportStore("origin", first, ExportOptions.defaults().compressed(compress));
        assertEquals(3_000, exported.entries());
        assertArrayEquals(hash, exported.hash());
        assertEquals(MEMORY, exported.sourceEngine());

        TransferReport imported = stores.importStore(first, "onfile", ImportOptions.defaults().onEngine(FILE));
        assertArrayEquals(hash, imported.hash());
        assertEquals(FILE, stores.storeInfo("onfile").engine());
        assertArrayEquals(hash, hashOf(stores.getStore("onfile")));

        Path second = dumps.resolve("second.dump");
        stores.exportStore("onfile", second, ExportOptions.defaults().compressed(compress));
        restart();
        stores.importStore(second, "back", ImportOptions.defaults().onEngine(MEMORY));
        assertArrayEquals(hash, hashOf(stores.getStore("back")));
        assertArrayEquals(hash, hashOf(stores.getStore("onfile")), "the file store survives a restart");
        assertArrayEquals(exported.hash(), stores.verifyDump(second, TransferListener.NONE).hash());
    }

    @Test
    void theDumpsHashIsTheHashOfAVersionSavedOfTheSameContent() {
        Store store = filled("versioned", FILE, 500);
        byte[] saved = ((Versioned) store).saveVersion().hash();
        TransferReport report = stores.exportStore("versioned", dumps.resolve("v.dump"), ExportOptions.defaults());
        assertArrayEquals(saved, report.hash());
    }

    @Test
    void anExportOfASavedVersionHoldsThatVersionWhateverChangedSince() {
        Store store = filled("history", MEMORY, 200);
        byte[] atOne = ((Versioned) store).saveVersion().hash();
        store.set(bytes("later"), bytes("write"));
        store.delete(key(7));
        ((Versioned) store).saveVersion();
        TransferReport report = stores.exportStore("history", dumps.resolve("one.dump"),
                ExportOptions.defaults().fromVersion(1));
        assertArrayEquals(atOne, report.hash());
        assertEquals(200, report.entries());
        assertCode(ErrorCode.VERSION_NOT_FOUND, () -> stores.exportStore("history", dumps.resolve("nine.dump"),
                ExportOptions.defaults().fromVersion(9)));
        assertFalse(Files.exists(dumps.resolve("nine.dump")));
    }

    @Test
    void anExportUnderFourWritersIsOneConsistentSnapshot() throws Exception {
        // Writers move one unit at a time between pairs of keys in transactions: every consistent
        // view sums to zero, a torn one does not.
        stores.createStore("ledger", FILE, Config.empty());
        Store ledger = stores.getStore("ledger");
        for (int i = 0; i < 400; i++) {
            ledger.set(key(i), ByteBuffer.allocate(8).putLong(0).array());
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int seed = w;
            Thread writer = new Thread(() -> transferUnits(ledger, seed, stop));
            writer.start();
            writers.add(writer);
        }
        try {
            for (int round = 0; round < 5; round++) {
                Path file = dumps.resolve("ledger-" + round + ".dump");
                stores.exportStore("ledger", file, ExportOptions.defaults());
                stores.importStore(file, "view" + round, ImportOptions.defaults().onEngine(MEMORY));
                long[] sum = {0};
                stores.getStore("view" + round).iterate((key, value) -> {
                    sum[0] += ByteBuffer.wrap(value).getLong();
                    return true;
                });
                assertEquals(0, sum[0], "export " + round + " is a consistent snapshot");
                assertEquals(400, countOf(stores.getStore("view" + round)));
            }
        } finally {
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
    }

    private static void transferUnits(Store ledger, int seed, AtomicBoolean stop) {
        java.util.Random random = new java.util.Random(seed);
        while (!stop.get()) {
            int from = random.nextInt(400);
            int to = random.nextInt(400);
            try (Transaction tx = ((Transactional) ledger).beginTx()) {
                if (from == to) {
                    continue;
                }
                tx.set(key(from), ByteBuffer.allocate(8).putLong(ByteBuffer.wrap(tx.get(key(from))).getLong() - 1).array());
                tx.set(key(to), ByteBuffer.allocate(8).putLong(ByteBuffer.wrap(tx.get(key(to))).getLong() + 1).array());
                tx.commit();
            } catch (StorageException e) {
                if (e.code() != ErrorCode.TX_CONFLICT) {
                    throw e;
                }
            }
        }
    }

    @Test
    void aSixteenMebibyteValueRoundTrips() {
        stores.createStore("big", MEMORY, Config.empty());
        byte[] large = new byte[16 << 20];
        new java.util.Random(1).nextBytes(large);
        stores.getStore("big").set(bytes("large"), large);
        Path file = dumps.resolve("big.dump");
        stores.exportStore("big", file, ExportOptions.defaults().compressed(true));
        stores.importStore(file, "bigcopy", ImportOptions.defaults().onEngine(FILE));
        assertArrayEquals(large, stores.getStore("bigcopy").get(bytes("large")));
    }

    @Test
    void importOntoAnExistingStoreIsStoreExistsUnlessReplacing() {
        filled("source", MEMORY, 50);
        Path file = dumps.resolve("source.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        Store target = filled("target", FILE, 10);
        assertCode(ErrorCode.STORE_EXISTS, () -> stores.importStore(file, "target", ImportOptions.defaults()));
        assertEquals(10, countOf(target));
        stores.importStore(file, "target", ImportOptions.defaults().replacing(true));
        assertEquals(50, countOf(stores.getStore("target")));
    }

    @Test
    void aDamagedDumpChangesNothingEvenWhenReplacing() throws IOException {
        filled("source", MEMORY, 50);
        Path file = dumps.resolve("source.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        byte[] damaged = Files.readAllBytes(file);
        damaged[damaged.length / 2] ^= 0x10;
        Files.write(file, damaged);
        Store kept = filled("kept", FILE, 10);
        byte[] hash = hashOf(kept);
        assertCode(ErrorCode.CORRUPTED, () -> stores.importStore(file, "kept", ImportOptions.defaults().replacing(true)));
        assertArrayEquals(hash, hashOf(stores.getStore("kept")));
        assertCode(ErrorCode.CORRUPTED, () -> stores.importStore(file, "fresh", ImportOptions.defaults()));
        assertFalse(stores.storeExists("fresh"));
        assertFalse(Files.exists(root.resolve("fresh")), "nothing of the failed import is left on disk");
        assertCode(ErrorCode.CORRUPTED, () -> stores.verifyDump(file, TransferListener.NONE));
    }

    @Test
    void aDumpWhoseTrailerClaimsAnotherHashIsRefusedByItsImportAndItsVerification() throws IOException {
        // Every checksum holds: only the hash tells. The import checks it once, against the store
        // it made read back; the verification against the frames.
        Path file = dumps.resolve("tampered.dump");
        Files.write(file, dev.skeleton.storage.multistore.dump.TamperedDumps.withWrongHash(bytes("k"), bytes("v"),
                bytes("w")));
        StorageException refused = assertCode(ErrorCode.CORRUPTED,
                () -> stores.importStore(file, "tampered", ImportOptions.defaults().onEngine(FILE)));
        assertTrue(refused.getMessage().contains("hash"), refused.getMessage());
        assertFalse(stores.storeExists("tampered"));
        assertFalse(Files.exists(root.resolve("tampered")));
        assertCode(ErrorCode.CORRUPTED, () -> stores.verifyDump(file, TransferListener.NONE));
    }

    @Test
    void badInputIsAOneLineErrorAndChangesNothing() throws IOException {
        Path notADump = dumps.resolve("notes.txt");
        Files.writeString(notADump, "hello, this is not a dump\n");
        assertCode(ErrorCode.CORRUPTED, () -> stores.importStore(notADump, "x", ImportOptions.defaults()));
        assertCode(ErrorCode.IO, () -> stores.importStore(dumps.resolve("missing.dump"), "x", ImportOptions.defaults()));
        filled("source", MEMORY, 5);
        Path file = dumps.resolve("ok.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.importStore(file, "x", ImportOptions.defaults().onEngine("nosuch")));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.importStore(file, "../x", ImportOptions.defaults()));
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.exportStore("nosuch", file, ExportOptions.defaults()));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.exportStore("source", null, ExportOptions.defaults()));
        assertFalse(stores.storeExists("x"));
        assertEquals(List.of("source"), stores.listStores());
    }

    @Test
    void anImportStoppedByItsListenerLeavesNoStoreAndTheNameFree() {
        filled("source", MEMORY, 200_000 / 100);
        Path file = dumps.resolve("s.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        TransferListener stopAtOnce = progress -> {
            throw new StorageException(ErrorCode.IO, "stopped by the user");
        };
        assertCode(ErrorCode.IO, () -> stores.importStore(file, "partial", ImportOptions.defaults().onEngine(FILE)
                .reporting(stopAtOnce)));
        assertFalse(stores.storeExists("partial"));
        assertFalse(Files.exists(root.resolve("partial")));
        stores.importStore(file, "partial", ImportOptions.defaults().onEngine(FILE));
        assertEquals(2_000, countOf(stores.getStore("partial")));
    }

    @Test
    void anInterruptedExportLeavesNoFile() {
        filled("source", MEMORY, 100);
        Path file = dumps.resolve("x.dump");
        Thread.currentThread().interrupt();
        try {
            assertCode(ErrorCode.IO, () -> stores.exportStore("source", file, ExportOptions.defaults()));
        } finally {
            Thread.interrupted();
        }
        try (Stream<Path> left = Files.list(dumps)) {
            assertEquals(0, left.count());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anImportIntoTheFileEngineInterruptedAtItsFirstReportLeavesNothingAndKeepsTheInterrupt() {
        filled("source", MEMORY, 70_000);
        Path file = dumps.resolve("i.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        TransferListener interrupting = progress -> Thread.currentThread().interrupt();
        try {
            assertCode(ErrorCode.IO, () -> stores.importStore(file, "half", ImportOptions.defaults().onEngine(FILE)
                    .reporting(interrupting)));
            assertTrue(Thread.currentThread().isInterrupted(), "the caller still sees the interrupt");
        } finally {
            Thread.interrupted();
        }
        assertFalse(stores.storeExists("half"));
        assertFalse(Files.exists(root.resolve("half")));
        assertTrue(stores.pendingCleanups().isEmpty());
    }

    @Test
    void progressReportsEntriesBytesAndTheTotalWhereKnown() {
        filled("source", MEMORY, 70_000 / 10);
        Path file = dumps.resolve("p.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        List<TransferProgress> seen = new CopyOnWriteArrayList<>();
        stores.verifyDump(file, seen::add);
        TransferProgress last = seen.get(seen.size() - 1);
        assertEquals(7_000, last.entries());
        assertEquals(7_000, last.expectedEntries());
        assertTrue(last.bytes() > 7_000 * 10);
    }

    @Test
    void copyMakesAnEqualStoreOnAnyEngineAndEachOperationHasItsEvent() {
        Store source = filled("source", FILE, 300);
        stores.copyStore("source", "copy", MEMORY, TransferListener.NONE);
        assertArrayEquals(hashOf(source), hashOf(stores.getStore("copy")));
        assertEquals(MEMORY, stores.storeInfo("copy").engine());
        stores.copyStore("source", "samecopy", null, TransferListener.NONE);
        assertEquals(FILE, stores.storeInfo("samecopy").engine());
        assertCode(ErrorCode.STORE_EXISTS, () -> stores.copyStore("source", "copy", null, TransferListener.NONE));
        Path file = dumps.resolve("e.dump");
        stores.exportStore("source", file, ExportOptions.defaults());
        stores.verifyDump(file, TransferListener.NONE);
        stores.importStore(file, "imported", ImportOptions.defaults());
        assertEquals(2, listener.ofType(StorageEvent.Type.STORE_COPIED).size());
        assertEquals(1, listener.ofType(StorageEvent.Type.STORE_EXPORTED).size());
        assertEquals(1, listener.ofType(StorageEvent.Type.DUMP_VERIFIED).size());
        StorageEvent imported = listener.ofType(StorageEvent.Type.STORE_IMPORTED).get(0);
        assertEquals("imported", imported.storeName());
        assertEquals(FILE, imported.engineName());
    }
}
