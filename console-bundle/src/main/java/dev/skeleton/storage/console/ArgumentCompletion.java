package dev.skeleton.storage.console;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jline.reader.ParsedLine;

/**
 * Completes the word under the cursor with the names of stores or engines, when the command's Java
 * method takes one there: the Gogo function behind every command's argument completion in the
 * console (see {@link CommandCompletions}).
 *
 * <h2>Which words are names</h2>
 * The positional parameter the word is for (see {@link CommandSignature#next}) tells, by its Java
 * name: {@code store} takes the name of a store; {@code engine}, or the first word of a parameter
 * taking the remaining words whose name starts with {@code engine} (as {@code store:create}'s
 * {@code engineAndConfig}), the name of an engine. Any other word, and the value of an option,
 * gets no candidates, so JLine completes nothing rather than something wrong.
 *
 * <p>Thread-safe: it holds only the two suppliers, which are asked afresh on every completion.
 */
final class ArgumentCompletion implements Function {

    /** The name the console session knows this function by. */
    static final String NAME = "__skeleton_arguments";

    private final Supplier<List<String>> stores;
    private final Supplier<List<String>> engines;

    /**
     * A completion over two sources of names.
     *
     * @param stores  the names of the stores there are now
     * @param engines the names of the engines there are now
     */
    ArgumentCompletion(Supplier<List<String>> stores, Supplier<List<String>> engines) {
        this.stores = stores;
        this.engines = engines;
    }

    /**
     * The candidates for the word under the cursor of the line being completed (the session's
     * {@code .commandLine}).
     *
     * @param session   the console's session
     * @param arguments none
     * @return the names, sorted; empty when the word takes none
     */
    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (!(session.get(Shell.VAR_COMMAND_LINE) instanceof ParsedLine line) || line.wordIndex() < 1) {
            return List.of();
        }
        String command = Shell.resolve(session, line.words().get(0));
        List<String> before = line.words().subList(1, line.wordIndex());
        TreeSet<String> names = new TreeSet<>();
        CommandMethods.of(session, command).forEach(method ->
                CommandSignature.of(method).next(before).ifPresent(position -> names.addAll(namesFor(position))));
        return new ArrayList<>(names);
    }

    private List<String> namesFor(CommandSignature.Position position) {
        if (position.parameter().equals("store")) {
            return stores.get();
        }
        if (position.parameter().startsWith("engine") && position.varargsIndex() == 0) {
            return engines.get();
        }
        return List.of();
    }
}
