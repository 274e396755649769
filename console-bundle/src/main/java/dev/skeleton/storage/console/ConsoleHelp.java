package dev.skeleton.storage.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;

/**
 * The console's {@code help}: without arguments, every command with the description its Java
 * method declares ({@code store:set  set the value of a key}), in name order; with a command's
 * name, Gogo's JLine shell's help of that command (what it does, its flags, options and
 * parameters with their descriptions). Gogo's own {@code help} lists the names alone.
 *
 * <p>It is a variable of the console's session named {@code help}, which Gogo finds before any
 * command of that name; {@code gogo:help} and {@code felix:help} stay there by their full names.
 * Commands whose name starts with {@code _} are Gogo's helpers and are left out.
 *
 * <p>Thread-safe: it holds only the shell, whose help keeps no state.
 */
final class ConsoleHelp implements Function {

    /** The name the console session knows this function by. */
    static final String NAME = "help";

    private final Shell shell;

    /**
     * The help of a console.
     *
     * @param shell Gogo's JLine shell, for the help of one command
     */
    ConsoleHelp(Shell shell) {
        this.shell = shell;
    }

    /**
     * Lists the commands, or explains one.
     *
     * @param session   the console's session
     * @param arguments none, or the command to explain
     * @return the list, one command a line; nothing when a command was explained (the shell printed
     *         it)
     */
    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (!arguments.isEmpty()) {
            shell.help(session, String.valueOf(arguments.get(0)));
            return null;
        }
        Map<String, String> descriptions = new TreeMap<>();
        for (String command : Shell.getCommands(session)) {
            if (!command.substring(command.indexOf(':') + 1).startsWith("_")) {
                descriptions.put(command, describe(session, command));
            }
        }
        int width = descriptions.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        List<String> lines = new ArrayList<>();
        descriptions.forEach((command, description) ->
                lines.add(description.isEmpty() ? command : String.format("%-" + width + "s%s", command, description)));
        return String.join("\n", lines);
    }

    private static String describe(CommandSession session, String command) {
        return CommandMethods.of(session, command).stream().map(CommandSignature::of).map(CommandSignature::description)
                .filter(description -> !description.isEmpty()).findFirst().orElse("");
    }
}
