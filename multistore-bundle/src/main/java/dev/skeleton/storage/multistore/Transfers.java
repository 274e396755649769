package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.multistore.dump.DumpReader;
import dev.skeleton.storage.multistore.dump.DumpSummary;
import dev.skeleton.storage.multistore.dump.DumpWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * Exports, imports, verifications and copies of a {@link DefaultMultiStore} (moves are
 * {@link StoreMove}). Every one streams: one entry at a time in memory, plus one batch of writes
 * (see {@link BatchWriter}). A store made by an import or a copy is filled while its name is
 * reserved and enters the catalog only once complete and checked; any failure destroys it again
 * (see {@link DefaultMultiStore#createNew}).
 *
 * <h2>Content hashes</h2>
 * Every transfer carries the content hash of what it moves, and checks it at the end. Computed
 * from the entries it costs 17 SHA-256 blocks an entry, most of an export's time; so where the
 * engine's read-only transactions tell the hash ({@link dev.skeleton.storage.ContentHashReader},
 * kept up to date by the engine as its data changes), it is taken from them ({@link ContentHashes}):
 * an export writes the source's hash into the dump's trailer without hashing the entries, and an
 * import or a copy checks the store it made by asking its engine. Where the engine does not tell
 * it, the hash is computed from the entries, as they are written or read back. An engine that told
 * a wrong hash would make a dump that every verification and import refuses.
 */
final class Transfers {

    private final DefaultMultiStore stores;

    Transfers(DefaultMultiStore stores) {
        this.stores = stores;
    }

    TransferReport export(String name, Path file, ExportOptions options) {
        StoreNames.check(name);
        requireArgument(file, "dump file");
        requireArgument(options, "export options");
        long started = System.nanoTime();
        Store view = stores.getStore(name);
        String engine = stores.storeInfo(name).engine();
        String what = "export of store " + name + " to " + file;
        ProgressMeter meter = new ProgressMeter(what, name, -1, options.listener());
        DumpSummary summary;
        try (Transaction source = consistentView(view, name, options.version());
             DumpWriter writer = DumpWriter.create(file, name, engine, options.compress(),
                     ContentHashes.toldBy(source))) {
            source.iterate((key, value) -> {
                writer.write(key, value);
                meter.add(key.length + value.length);
                return true;
            });
            meter.report();
            summary = writer.finish();
        }
        stores.fire(Listeners.event(StorageEvent.Type.STORE_EXPORTED, name, engine, options.version()));
        return new TransferReport(name, engine, null, summary.entries(), summary.bytes(), summary.hash(),
                elapsed(started), Duration.ZERO);
    }

    /** A read-only transaction of the working data, or of a saved version. */
    private static Transaction consistentView(Store view, String name, long version) {
        if (version == 0) {
            if (!(view instanceof Transactional transactional)) {
                throw new StorageException(ErrorCode.UNSUPPORTED, "store " + name
                        + " cannot be exported while in use: its engine has no read-only transactions");
            }
            return transactional.beginReadOnlyTx();
        }
        if (!(view instanceof VersionReader reader)) {
            throw new StorageException(ErrorCode.UNSUPPORTED, "store " + name
                    + " cannot export version " + version + ": its engine cannot read saved versions");
        }
        return reader.readVersion(version);
    }

    TransferReport verify(Path file, TransferListener listener) {
        requireArgument(file, "dump file");
        requireArgument(listener, "listener");
        long started = System.nanoTime();
        DumpSummary summary;
        try (DumpReader reader = DumpReader.open(file)) {
            ProgressMeter meter = new ProgressMeter("verification of " + file, reader.header().storeName(),
                    reader.header().entries(), listener);
            while (reader.next()) {
                meter.add(reader.key().length + reader.value().length);
            }
            meter.report();
            summary = reader.summary();
        }
        String origin = summary.header().engine();
        stores.fire(Listeners.event(StorageEvent.Type.DUMP_VERIFIED, summary.header().storeName(), origin, 0));
        return new TransferReport(summary.header().storeName(), origin, null, summary.entries(), summary.bytes(),
                summary.hash(), elapsed(started), Duration.ZERO);
    }

    TransferReport importDump(Path file, String name, ImportOptions options) {
        StoreNames.check(name);
        requireArgument(file, "dump file");
        requireArgument(options, "import options");
        long started = System.nanoTime();
        // A dump that is not one, or of another version, changes nothing: read its header first.
        try (DumpReader check = DumpReader.open(file)) {
            check.header();
        }
        if (options.replace() && stores.storeExists(name)) {
            // Nothing is deleted for a damaged dump: it is read in full first.
            verify(file, TransferListener.NONE);
            stores.deleteStore(name);
        }
        DefaultMultiStore.NewStore made = stores.createNew(name, options.engine(), options.config());
        String engine = made.reservation().engineName();
        // The trailer's hash is checked once, against the new store's: that checks the dump and the
        // store with one hash computation (the frames' checksums catch damage as it is read).
        try (DumpReader reader = DumpReader.open(file, false)) {
            String what = "import of " + file + " into store " + name;
            ProgressMeter meter = new ProgressMeter(what, name, reader.header().entries(), options.listener());
            try (BatchWriter writer = new BatchWriter(made.store())) {
                while (reader.next()) {
                    byte[] key = reader.key();
                    byte[] value = reader.value();
                    writer.set(key, value);
                    meter.add(key.length + value.length);
                }
                writer.flush();
            }
            meter.report();
            DumpSummary summary = reader.summary();
            checkHash(made.store(), summary.hash(), what, meter);
            stores.installNew(made, Listeners.event(StorageEvent.Type.STORE_IMPORTED, name, engine, 0));
            return new TransferReport(name, summary.header().engine(), engine, summary.entries(), summary.bytes(),
                    summary.hash(), elapsed(started), Duration.ZERO);
        } catch (RuntimeException | Error e) {
            discardQuietly(made, e);
            throw e;
        }
    }

    TransferReport copy(String from, String to, String engine, TransferListener listener) {
        StoreNames.check(from);
        StoreNames.check(to);
        requireArgument(listener, "listener");
        long started = System.nanoTime();
        Store view = stores.getStore(from);
        String fromEngine = stores.storeInfo(from).engine();
        String chosen = engine == null || engine.isEmpty() ? fromEngine : engine;
        try (Transaction source = consistentView(view, from, 0)) {
            // The source's configuration holds keys of its engine: another engine gets its own defaults.
            DefaultMultiStore.NewStore made = stores.createNew(to, chosen,
                    chosen.equals(fromEngine) ? stores.storeInfo(from).config() : null);
            try {
                String what = "copy of store " + from + " to store " + to;
                ProgressMeter meter = new ProgressMeter(what, to, -1, listener);
                byte[] digest = BatchWriter.copyAll(source, made.store(), meter);
                checkHash(made.store(), digest, what, meter);
                stores.installNew(made, Listeners.event(StorageEvent.Type.STORE_COPIED, to, chosen, 0));
                return new TransferReport(to, fromEngine, chosen, meter.entries(), meter.bytes(), digest,
                        elapsed(started), Duration.ZERO);
            } catch (RuntimeException | Error e) {
                discardQuietly(made, e);
                throw e;
            }
        }
    }

    /**
     * The store made must hash as the source did: as its engine tells it (from what it holds), or
     * read back from the store itself where the engine cannot tell.
     */
    private static void checkHash(Store made, byte[] expected, String what, ProgressMeter meter) {
        byte[] actual = ContentHashes.ofStore(made, meter);
        if (!Arrays.equals(expected, actual)) {
            throw new StorageException(ErrorCode.CORRUPTED, what + ": content hash mismatch: the new store reads "
                    + "back as " + ContentHashes.hex(actual) + ", the source says " + ContentHashes.hex(expected)
                    + " (a damaged source or a faulty engine); the new store was removed");
        }
    }

    private void discardQuietly(DefaultMultiStore.NewStore made, Throwable failure) {
        try {
            stores.discardNew(made);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void requireArgument(Object argument, String what) {
        if (argument == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
