package dev.skeleton.storage.shell;

import static dev.skeleton.storage.shell.CommandException.run;

import dev.skeleton.storage.MultiStore;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo shell commands of scope {@code store} that carry whole stores: {@code store:export},
 * {@code store:import}, {@code store:verify}, {@code store:copy} and {@code store:move}, over the
 * {@link MultiStore} service's backups, copies and moves. The other commands of the scope are
 * {@link StoreCommands}; the two components share the scope, and everything said there (OSGi
 * shape, errors, options anywhere on the line, usage lines, help, parameter names) holds here too.
 *
 * <h2>Files</h2>
 * A dump file given as a relative path is resolved against the current directory of the JVM (the
 * {@code user.dir} the platform was started in), not a directory the shell changed to; summaries
 * and errors name the absolute path.
 *
 * <h2>Progress and stopping</h2>
 * While a transfer runs, a line on the session's console shows entries, bytes, rate and time left,
 * updated at most twice a second (see {@link ProgressPrinter}); the command returns a one-line
 * summary, which is what Gogo prints (and what a pipe or variable gets). Ctrl-C interrupts the
 * command: the transfer stops, the multistore undoes what it made, and the command fails with one
 * line saying so ({@code IO: export of store users stopped: /data/users.dump was left as it was}).
 * Since Gogo 1.1 ends the job on Ctrl-C without waiting for the command (the shell prints
 * {@code java.lang.InterruptedException}), that line is written on the console as well, once the
 * transfer has undone its work, possibly after the shell's next prompt.
 *
 * <h2>Gogo-free signatures</h2>
 * No method names a Gogo type, so the class works (and reflects) without Gogo; the session's
 * console is found through the running job instead of an injected session (see
 * {@link SessionConsole}).
 *
 * <p>Thread-safe: any number of sessions may run commands at once.
 */
@Component(service = BackupCommands.class, immediate = true, property = {
        "osgi.command.scope=" + StoreCommands.SCOPE,
        "osgi.command.function=export",
        "osgi.command.function=import",
        "osgi.command.function=verify",
        "osgi.command.function=copy",
        "osgi.command.function=move"
})
public final class BackupCommands {

    private static final String FILE_HELP = "; a relative path is resolved against the JVM's current directory";

    private final TransferLogic logic;

    /**
     * Commands over a multistore; Declarative Services calls this with the {@link MultiStore}
     * service.
     *
     * @param stores the multistore
     * @throws CommandException INVALID_ARGUMENT if {@code stores} is null
     */
    @Activate
    public BackupCommands(@Reference(name = "stores") MultiStore stores) {
        this.logic = run(() -> new TransferLogic(stores, SessionConsole::current));
    }

    /**
     * Writes a store, or one of its saved versions, to a dump file.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param version  a saved version's number; empty for the working data
     * @param compress whether to compress the dump
     * @param store    the store's name
     * @param file     the dump file
     * @return a line naming the store, its engine and the file, with entries, bytes, content hash
     *         and time taken
     */
    @Descriptor("write a store, or a saved version of it, to a dump file; Ctrl-C stops it, leaving no file")
    public String export(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the saved version to write; default: the working data, as of the start")
            @Parameter(names = {"-v", "--version"}, absentValue = "")
            String version,
            @Descriptor("compress the dump")
            @Parameter(names = {"-z", "--compress"}, presentValue = "true", absentValue = "false")
            boolean compress,
            @Descriptor("the store's name") String store,
            @Descriptor("the dump file to write" + FILE_HELP + "; an existing file is replaced only by a whole dump")
            String file) {
        return run(() -> logic.export(store, file, version, compress));
    }

    /**
     * Makes a store from a dump file ({@code import} is a Java keyword: Gogo runs {@code _import}).
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param engine  the new store's engine; empty for the default engine
     * @param replace whether a store of that name is replaced
     * @param file    the dump file
     * @param name    the new store's name
     * @param config  the new store's engine config as {@code key=value} words
     * @return a line naming the store, its engine and the file, with entries, bytes, content hash
     *         and time taken
     */
    @Descriptor("make a store from a dump file, whole or not at all; Ctrl-C stops it, leaving no store")
    public String _import(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the new store's engine; default: the default engine")
            @Parameter(names = {"-e", "--engine"}, absentValue = "")
            String engine,
            @Descriptor("replace a store of that name (deleted once the whole dump is verified)")
            @Parameter(names = {"-r", "--replace"}, presentValue = "true", absentValue = "false")
            boolean replace,
            @Descriptor("the dump file" + FILE_HELP) String file,
            @Descriptor("the new store's name") String name,
            @Descriptor("[key=value ...]: engine config of the new store")
            String... config) {
        return run(() -> logic.importDump(file, name, engine, replace, config));
    }

    /**
     * Checks a dump file alone.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param file the dump file
     * @return a line naming the file and the store it was taken from, with entries, bytes, content
     *         hash and time taken
     */
    @Descriptor("check a dump file alone: its checksums, entry count and content hash; changes nothing")
    public String verify(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the dump file" + FILE_HELP) String file) {
        return run(() -> logic.verify(file));
    }

    /**
     * Copies a store to a new store.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param engine the new store's engine; empty for the engine of the store copied
     * @param store  the store to copy
     * @param to     the new store's name
     * @return a line naming both stores and engines, with entries, bytes, content hash and time
     *         taken
     */
    @Descriptor("copy a store to a new store, on any engine, while it is in use; Ctrl-C stops it, leaving no copy")
    public String copy(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the new store's engine; default: the engine of the store copied")
            @Parameter(names = {"-e", "--engine"}, absentValue = "")
            String engine,
            @Descriptor("the store to copy") String store,
            @Descriptor("the new store's name") String to) {
        return run(() -> logic.copy(store, to, engine));
    }

    /**
     * Moves a store to another engine while it is in use.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store  the store's name
     * @param engine the engine to move it to
     * @return a line naming the store and both engines, with entries, bytes, content hash, time
     *         taken and the longest writer pause
     */
    @Descriptor("move a store to another engine while it is in use (writers pause briefly; saved versions are"
            + " not moved); Ctrl-C stops it, leaving the store where it was")
    public String move(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name") String store,
            @Descriptor("the engine to move it to") String engine) {
        return run(() -> logic.move(store, engine));
    }

    /**
     * The command that runs when no other takes the words given: prints the help of the command that
     * was meant when they ask for it, else fails with its usage line (see {@link StoreCommands#_main}).
     *
     * @param words the command's name, then the words given
     * @return nothing, once the help is printed on the session's output
     * @throws CommandException INVALID_ARGUMENT with the usage line, such as
     *         {@code usage: store:verify <file>}, when the words do not ask for help
     */
    public Object _main(StringBuilder... words) {
        return CommandHelp.answer(BackupCommands.class, StoreCommands.SCOPE, words);
    }
}
