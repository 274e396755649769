package dev.skeleton.storage.shell;

import static dev.skeleton.storage.shell.CommandException.run;

import dev.skeleton.storage.MultiStore;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo shell commands of scope {@code store}: {@code store:engines}, {@code store:stores},
 * {@code store:info}, {@code store:create}, {@code store:delete}, {@code store:get},
 * {@code store:set}, {@code store:del}, {@code store:has}, {@code store:scan}, {@code store:save},
 * {@code store:load} and {@code store:versions}, over the {@link MultiStore} service. The commands
 * that carry whole stores, {@code store:export}, {@code store:import}, {@code store:verify},
 * {@code store:copy} and {@code store:move}, are a second component of the same scope,
 * {@link BackupCommands}, which follows everything said here.
 *
 * <h2>OSGi</h2>
 * A Declarative Services component, registered as a service with the Gogo whiteboard properties
 * {@code osgi.command.scope} and {@code osgi.command.function}; it references the
 * {@link MultiStore} service (static, mandatory) and needs nothing of Gogo at run time: without a
 * shell the service is simply never called. The {@link Descriptor} and {@link Parameter}
 * annotations come from an optional import that the JVM ignores when it is not wired.
 *
 * <p>The component is immediate: Gogo gets and ungets the service around every command it runs,
 * and a delayed component would be activated and deactivated each time (a new object per command,
 * and a timer task of Declarative Services' change count per activation, about 5,000 of them alive
 * at once in a busy console).
 *
 * <h2>Plain Java</h2>
 * {@code new StoreCommands(multiStore)} gives the same object, to be added to any Gogo
 * {@code CommandProcessor} (or called directly). The work is done by a plain class over the
 * multistore; this class parses the options and shapes failures.
 *
 * <h2>Output</h2>
 * Commands return what Gogo prints (text, lines joined by {@code \n}; {@code has} a boolean;
 * {@code set} and {@code del} nothing) and print nothing themselves. Keys and values are UTF-8
 * text, or hex with {@code -x}/{@code --hex} (input and output alike); in text output, bytes that
 * are not printable UTF-8 show as {@code hex:} and their hex digits.
 *
 * <h2>Errors</h2>
 * Every failure is a {@link CommandException}: Gogo prints it as one line,
 * {@code CODE: what failed and on what}, never a stack trace, and the command line or script
 * fails. Options are recognised anywhere on the line, so a key or value that is literally an
 * option name (such as {@code -x}) cannot be given. Words that no command method takes (too few,
 * too many, an option without its value) fail with {@code INVALID_ARGUMENT} and the command's
 * usage line, {@code usage: store:set [-x|--hex] <store> <key> <value>} (see {@link #_main}),
 * instead of Gogo's "Cannot coerce set(Token, Token) to any of ...".
 *
 * <h2>Help</h2>
 * Every command takes {@code -h}/{@code --help} (anywhere on the line, whatever else is there) and
 * then prints its help instead of running: description, usage line, options and parameters with
 * their descriptions ({@link CommandHelp}). Karaf's {@code help store:get} shows that text, since
 * it runs {@code store:get --help}; Gogo's {@code help store:get} reads the same annotations
 * itself. The flag is the first parameter of every command method ({@link HelpFlag} says how it
 * works); a new command declares it too.
 *
 * <h2>Parameter names</h2>
 * The module is compiled with {@code -parameters}: the Java names of the parameters are the
 * placeholders of the usage lines ({@link CommandUsage}), and the platform's console completes a
 * parameter named {@code store} with store names and the first word of {@code engineAndConfig}
 * with engine names. Renaming a parameter changes both.
 *
 * <p>Thread-safe: any number of sessions may run commands at once.
 */
@Component(service = StoreCommands.class, immediate = true, property = {
        "osgi.command.scope=" + StoreCommands.SCOPE,
        "osgi.command.function=engines",
        "osgi.command.function=stores",
        "osgi.command.function=info",
        "osgi.command.function=create",
        "osgi.command.function=delete",
        "osgi.command.function=get",
        "osgi.command.function=set",
        "osgi.command.function=del",
        "osgi.command.function=has",
        "osgi.command.function=scan",
        "osgi.command.function=save",
        "osgi.command.function=load",
        "osgi.command.function=versions"
})
public final class StoreCommands {

    /** The Gogo scope of the commands. */
    static final String SCOPE = "store";
    private static final String HEX_HELP = "keys and values in hex (input and output)";

    private final CommandLogic logic;

    /**
     * Commands over a multistore; Declarative Services calls this with the {@link MultiStore}
     * service.
     *
     * @param stores the multistore
     * @throws CommandException INVALID_ARGUMENT if {@code stores} is null
     */
    @Activate
    public StoreCommands(@Reference(name = "stores") MultiStore stores) {
        this.logic = run(() -> new CommandLogic(stores));
    }

    /**
     * Lists the registered engines.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @return one line per engine: name, "(default)" for the default engine, capabilities
     */
    @Descriptor("list the registered engines, the default one and their capabilities")
    public String engines(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help) {
        return run(logic::engines);
    }

    /**
     * Lists the stores of the catalog.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @return one line per store: name, engine, whether available
     */
    @Descriptor("list the stores with their engine and whether they are available")
    public String stores(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help) {
        return run(logic::stores);
    }

    /**
     * Shows what is known about a store.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store the store's name
     * @return lines of engine, availability, path, config and capabilities
     */
    @Descriptor("show a store's engine, availability, path, config and capabilities")
    public String info(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name") String store) {
        return run(() -> logic.info(store));
    }

    /**
     * Creates a store.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param name            the new store's name
     * @param engineAndConfig an optional engine name (default: the default engine), then engine
     *                        config as {@code key=value} pairs
     * @return a line naming the store and its engine
     */
    @Descriptor("create a store")
    public String create(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the new store's name") String name,
            @Descriptor("[engine] [key=value ...]: the engine (default: the default engine), then engine config")
            String... engineAndConfig) {
        return run(() -> logic.create(name, engineAndConfig));
    }

    /**
     * Deletes a store and all its data.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store the store's name
     * @return a line naming the store
     */
    @Descriptor("delete a store and all its data")
    public String delete(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name") String store) {
        return run(() -> logic.delete(store));
    }

    /**
     * Reads the value of a key.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param hex   whether key and value are in hex
     * @param store the store's name
     * @param key   the key
     * @return the value
     */
    @Descriptor("print the value of a key")
    public String get(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor(HEX_HELP) @Parameter(names = {"-x", "--hex"}, presentValue = "true", absentValue = "false")
            boolean hex,
            @Descriptor("the store's name") String store,
            @Descriptor("the key") String key) {
        return run(() -> logic.get(Encoding.of(hex), store, key));
    }

    /**
     * Sets the value of a key.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param hex   whether key and value are in hex
     * @param store the store's name
     * @param key   the key
     * @param value the value
     */
    @Descriptor("set the value of a key")
    public void set(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor(HEX_HELP) @Parameter(names = {"-x", "--hex"}, presentValue = "true", absentValue = "false")
            boolean hex,
            @Descriptor("the store's name") String store,
            @Descriptor("the key") String key,
            @Descriptor("the value") String value) {
        run(() -> {
            logic.set(Encoding.of(hex), store, key, value);
            return null;
        });
    }

    /**
     * Deletes a key; deleting a missing key is no error.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param hex   whether the key is in hex
     * @param store the store's name
     * @param key   the key
     */
    @Descriptor("delete a key (a missing key is no error)")
    public void del(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor(HEX_HELP) @Parameter(names = {"-x", "--hex"}, presentValue = "true", absentValue = "false")
            boolean hex,
            @Descriptor("the store's name") String store,
            @Descriptor("the key") String key) {
        run(() -> {
            logic.del(Encoding.of(hex), store, key);
            return null;
        });
    }

    /**
     * Tells whether a key is present.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param hex   whether the key is in hex
     * @param store the store's name
     * @param key   the key
     * @return true if present
     */
    @Descriptor("tell whether a key is present")
    public boolean has(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor(HEX_HELP) @Parameter(names = {"-x", "--hex"}, presentValue = "true", absentValue = "false")
            boolean hex,
            @Descriptor("the store's name") String store,
            @Descriptor("the key") String key) {
        return run(() -> logic.has(Encoding.of(hex), store, key));
    }

    /**
     * Lists the entries of a key range in key order.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param hex     whether keys, values and bounds are in hex
     * @param start   the lowest key listed; empty: from the first key
     * @param end     the key where the range ends, not listed; empty: to the last key
     * @param reverse whether to list from the highest key down
     * @param limit   the most entries listed; 0: no limit
     * @param store   the store's name
     * @return one {@code key = value} line per entry, and a last line telling how to continue when
     *         the limit cut the range short
     */
    @Descriptor("list entries in key order, within [start, end)")
    public String scan(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor(HEX_HELP) @Parameter(names = {"-x", "--hex"}, presentValue = "true", absentValue = "false")
            boolean hex,
            @Descriptor("lowest key listed (inclusive); default: from the first key")
            @Parameter(names = {"-s", "--start"}, absentValue = "")
            String start,
            @Descriptor("key where the listing ends (exclusive); default: to the last key")
            @Parameter(names = {"-e", "--end"}, absentValue = "")
            String end,
            @Descriptor("list from the highest key down")
            @Parameter(names = {"-r", "--reverse"}, presentValue = "true", absentValue = "false")
            boolean reverse,
            @Descriptor("most entries listed, 0 for no limit; default " + CommandLogic.DEFAULT_LIMIT)
            @Parameter(names = {"-l", "--limit"}, absentValue = CommandLogic.DEFAULT_LIMIT)
            String limit,
            @Descriptor("the store's name") String store) {
        return run(() -> logic.scan(Encoding.of(hex), store, start, end, reverse, limit));
    }

    /**
     * Saves the store's content as a new version.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store the store's name
     * @return a line with the new version number and its content hash in hex
     */
    @Descriptor("save the store's content as a new version; print its number and hash")
    public String save(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name") String store) {
        return run(() -> logic.save(store));
    }

    /**
     * Replaces the store's content with a saved version.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store   the store's name
     * @param version the version number
     * @return a line naming the version loaded
     */
    @Descriptor("replace the store's content with a saved version")
    public String load(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name") String store,
            @Descriptor("the version number") String version) {
        return run(() -> logic.load(store, version));
    }

    /**
     * Lists the saved versions of a store and the current one.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store the store's name
     * @return a line with the current version and a line with the saved versions
     */
    @Descriptor("list the saved versions of a store and the current one")
    public String versions(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name") String store) {
        return run(() -> logic.versions(store));
    }

    /**
     * The command that runs when no other takes the words given: prints the help of the command that
     * was meant when they ask for it ({@code -h} or {@code --help}), else fails with its usage line.
     *
     * <p>Gogo runs a command by choosing, among the methods of this object named like it and
     * {@code _main}, the one whose parameters take the words with the fewest conversions (its
     * {@code Reflective.invoke}); {@code _main} takes any words, the command's name first, but each
     * needs a conversion to {@link StringBuilder} (which Gogo makes through its {@code String}
     * constructor), so it always costs more than a method that takes them: it runs only when none
     * does. No command method takes words that ask for help ({@link HelpFlag}). Gogo's help and the
     * console's completion leave {@code _main} out.
     *
     * @param words the command's name, then the words given
     * @return nothing, once the help is printed on the session's output ({@link CommandHelp})
     * @throws CommandException INVALID_ARGUMENT with the usage line, such as
     *         {@code usage: store:get [-x|--hex] <store> <key>}, when the words do not ask for help
     */
    public Object _main(StringBuilder... words) {
        return CommandHelp.answer(StoreCommands.class, SCOPE, words);
    }
}
