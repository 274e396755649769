package dev.skeleton.storage.shell;

import static dev.skeleton.storage.shell.CommandException.run;

import dev.skeleton.storage.MultiStore;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo command {@code store:stats [store]}: what the stores' handles counted and what their
 * engines report, the figures of the multistore's MBeans. A component of scope {@code store} like
 * {@link StoreCommands}, and following everything said there (DS, plain Java, output, errors,
 * help).
 */
@Component(service = StatsCommands.class, immediate = true, property = {
        "osgi.command.scope=" + StoreCommands.SCOPE,
        "osgi.command.function=stats"
})
public final class StatsCommands {

    private final StatsReport report;

    /**
     * The command over a multistore; Declarative Services calls this with the {@link MultiStore}
     * service.
     *
     * @param stores the multistore
     * @throws CommandException INVALID_ARGUMENT if {@code stores} is null
     */
    @Activate
    public StatsCommands(@Reference(name = "stores") MultiStore stores) {
        this.report = run(() -> new StatsReport(stores));
    }

    /**
     * A table of every store's figures.
     *
     * @param help the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @return a header and one line per store: engine, availability, reads, writes, commits,
     *         failures, bytes read and written, 99th percentiles of reads and writes
     */
    @Descriptor("show what the stores did (operations, bytes, latencies) and what their engines report;"
            + " with a store's name, every figure of that store")
    public String stats(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help) {
        return run(report::all);
    }

    /**
     * Every figure of one store, one per line, named as its MBean's attributes.
     *
     * @param help  the help flag: always {@link HelpFlag#NOT_ASKED} here (see {@link HelpFlag})
     * @param store the store's name
     * @return the lines
     */
    @Descriptor("show what the stores did (operations, bytes, latencies) and what their engines report;"
            + " with a store's name, every figure of that store")
    public String stats(
            @Descriptor(HelpFlag.DESCRIPTION)
            @Parameter(names = {"-h", "--help"}, presentValue = HelpFlag.ASKED, absentValue = HelpFlag.ABSENT)
            HelpFlag help,
            @Descriptor("the store's name; none: every store") String store) {
        return run(() -> report.one(store));
    }

    /**
     * Runs when no {@code stats} method takes the words: prints the help when asked, else fails
     * with the usage line (see {@link StoreCommands#_main}).
     *
     * @param words the command's name, then the words given
     * @return nothing, once the help is printed on the session's output
     * @throws CommandException INVALID_ARGUMENT with the usage line when the words do not ask for
     *         help
     */
    public Object _main(StringBuilder... words) {
        return CommandHelp.answer(StatsCommands.class, StoreCommands.SCOPE, words);
    }
}
