package dev.skeleton.storage.shell;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.TransferReport;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the transfer commands of scope {@code store} do ({@code export}, {@code import},
 * {@code verify}, {@code copy}, {@code move}), on a {@link MultiStore}, in plain Java: no Gogo, no
 * OSGi. {@link BackupCommands} is the thin shell-facing side.
 *
 * <h2>Output</h2>
 * Each method shows progress on a console while it runs ({@link ProgressPrinter}) and returns a
 * one-line summary naming what was carried where, with the totals of {@link TransferFormat#totals}:
 * {@code exported users (memory) to /data/users.dump: 1,000 entries, 11.7 KiB, hash …, 215 ms}.
 *
 * <h2>Failures</h2>
 * The {@link StorageException} of the multistore, unchanged, with two exceptions that say what the
 * failure left behind, since that is what a user who sees it must know:
 * <ul>
 *   <li>a transfer that was stopped (Ctrl-C interrupts the command's thread) fails with
 *       {@link ErrorCode#IO} and a message saying it stopped and what is as it was:
 *       {@code export of store users stopped: /data/users.dump was left as it was}; in a Gogo job,
 *       whose result Ctrl-C discards, that line is also written on the console;</li>
 *   <li>a failed {@code import --replace} says whether the store it was to replace is unchanged or
 *       was already deleted (the multistore deletes it once the dump is verified, and does not bring
 *       it back if the import fails later).</li>
 * </ul>
 * Bad arguments are {@link ErrorCode#INVALID_ARGUMENT} ({@link CommandArguments}).
 *
 * <p>Thread-safe: it holds the thread-safe multistore and a supplier of consoles; each call makes
 * its own progress printer.
 */
final class TransferLogic {

    private final MultiStore stores;
    private final Supplier<SessionConsole> console;

    /**
     * Transfers over a multistore.
     *
     * @param stores  the multistore; must not be null
     * @param console where each transfer shows its progress, asked once per transfer, on the
     *                thread that runs it
     */
    TransferLogic(MultiStore stores, Supplier<SessionConsole> console) {
        if (stores == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "multistore must not be null");
        }
        this.stores = stores;
        this.console = console;
    }

    /**
     * Writes a store, or a saved version of it, to a dump file.
     *
     * @param store    the store's name
     * @param file     the dump file, relative to the JVM's current directory or absolute
     * @param version  a saved version's number as typed; empty for the working data
     * @param compress whether to compress the dump
     * @return the summary line
     */
    String export(String store, String file, String version, boolean compress) {
        Path path = CommandArguments.file(file);
        long number = CommandArguments.versionOrWorkingData(version);
        TransferReport report = transfer("export", progress -> stores.exportStore(store, path,
                        ExportOptions.defaults().fromVersion(number).compressed(compress).reporting(progress)),
                () -> "export of store " + store + " stopped: " + path + " was left as it was");
        return "exported " + (number == 0 ? "" : "version " + number + " of ") + report.storeName()
                + " (" + report.sourceEngine() + ") to " + path + (compress ? ", compressed" : "") + ": "
                + TransferFormat.totals(report);
    }

    /**
     * Makes a store from a dump file.
     *
     * @param file    the dump file, relative to the JVM's current directory or absolute
     * @param name    the new store's name
     * @param engine  the new store's engine; empty for the default engine
     * @param replace whether a store of that name is replaced
     * @param config  the new store's engine config as {@code key=value} words; null for none
     * @return the summary line
     */
    String importDump(String file, String name, String engine, boolean replace, String[] config) {
        Path path = CommandArguments.file(file);
        ImportOptions options = ImportOptions.defaults().onEngine(engine).replacing(replace)
                .withConfig(CommandArguments.config(config == null ? new String[0] : config));
        boolean replacing = replace && stores.storeExists(name);
        TransferReport report;
        try {
            report = transfer("import", progress -> stores.importStore(path, name, options.reporting(progress)),
                    () -> "import of " + path + " into store " + name + " stopped: "
                            + (replacing ? "nothing was imported" : "no store was made"));
        } catch (StorageException e) {
            throw replacing ? withFateOfReplaced(e, name) : e;
        }
        return "imported " + report.storeName() + " (" + report.targetEngine() + ") from " + path
                + (replacing ? ", replacing the store of that name" : "") + ": " + TransferFormat.totals(report);
    }

    /**
     * Checks a dump file alone.
     *
     * @param file the dump file, relative to the JVM's current directory or absolute
     * @return the summary line
     */
    String verify(String file) {
        Path path = CommandArguments.file(file);
        TransferReport report = transfer("verify", progress -> stores.verifyDump(path, progress),
                () -> "verification of " + path + " stopped before its end (a verification changes nothing)");
        return path + " is a good dump of " + report.storeName() + " (" + report.sourceEngine() + "): "
                + TransferFormat.totals(report);
    }

    /**
     * Copies a store to a new store.
     *
     * @param from   the store to copy
     * @param to     the new store's name
     * @param engine the new store's engine; empty for the engine of {@code from}
     * @return the summary line
     */
    String copy(String from, String to, String engine) {
        TransferReport report = transfer("copy", progress -> stores.copyStore(from, to, engine, progress),
                () -> "copy of store " + from + " to " + to + " stopped: no store " + to + " was made, "
                        + from + " is unchanged");
        return "copied " + from + " (" + report.sourceEngine() + ") to " + report.storeName() + " ("
                + report.targetEngine() + "): " + TransferFormat.totals(report);
    }

    /**
     * Moves a store to another engine while it is in use.
     *
     * @param store  the store's name
     * @param engine the engine to move it to
     * @return the summary line, with the longest time a writer was held up
     */
    String move(String store, String engine) {
        TransferReport report = transfer("move", progress -> stores.moveStore(store, engine, progress),
                () -> "move of store " + store + " to engine " + engine + " stopped" + whereIs(store, engine));
        return "moved " + report.storeName() + " from " + report.sourceEngine() + " to " + report.targetEngine()
                + ": " + TransferFormat.totals(report) + ", longest writer pause "
                + TransferFormat.duration(report.longestPause());
    }

    /**
     * Runs a transfer with a progress printer on the console, and blanks the progress line when it
     * ends, so that the summary or the error takes its place.
     *
     * @param verb      the first word of the progress lines
     * @param operation the transfer, given the printer as its listener
     * @param stopped   the message for a transfer that was stopped: what stopped and what is as it was
     */
    private TransferReport transfer(String verb, Function<ProgressPrinter, TransferReport> operation,
                                    Supplier<String> stopped) {
        SessionConsole session = console.get();
        ProgressPrinter progress = new ProgressPrinter(session.stream(), verb);
        try {
            return operation.apply(progress);
        } catch (StorageException e) {
            // The printer saw the interrupt, or the multistore or engine did (the flag is then still
            // set, unless it was cleared by code that caught an InterruptedException and rethrew).
            if (!progress.stopped() && !Thread.currentThread().isInterrupted()) {
                throw e;
            }
            StorageException stop = new StorageException(ErrorCode.IO, stopped.get(), e);
            if (session.inJob()) {
                // Ctrl-C has ended the Gogo job already: the shell will not print what this throws.
                progress.tell(CommandException.of(stop).toString());
            }
            throw stop;
        } finally {
            progress.finish();
        }
    }

    /** The failure of an import that was to replace a store, saying what became of that store. */
    private StorageException withFateOfReplaced(StorageException e, String name) {
        String fate;
        try {
            fate = stores.storeExists(name) ? "store " + name + " is unchanged"
                    : "store " + name + ", which it was to replace, had already been deleted";
        } catch (RuntimeException unknown) {
            return e;
        }
        return new StorageException(e.code(), e.getMessage() + "; " + fate, e);
    }

    /** Where a store is after a stopped move: {@code : users stays on engine memory}. */
    private String whereIs(String store, String target) {
        try {
            String engine = stores.storeInfo(store).engine();
            return engine.equals(target) ? " after the switch: " + store + " is on engine " + engine
                    : ": " + store + " stays on engine " + engine;
        } catch (RuntimeException unknown) {
            return "";
        }
    }
}
