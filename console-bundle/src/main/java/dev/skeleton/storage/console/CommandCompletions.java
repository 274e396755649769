package dev.skeleton.storage.console;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jline.builtins.Completers.CompletionData;

/**
 * Declares the console's completions for every command that is a Java method (the store commands,
 * Felix's, the console's own), from the method's annotations, as Gogo's {@code complete} command
 * would: the command's {@code @Descriptor}, shown beside its name when names are completed; its
 * options and flags with their descriptions, completed after a {@code -}; and its positional
 * arguments, completed by {@link ArgumentCompletion}. A command that already has completions
 * (declared by {@code complete} in the profile) keeps them.
 *
 * <p>The console's profile calls this Gogo function once, after the console has made its line
 * reader: the completions live in the session's {@code .completions}, which the reader creates.
 * Commands registered later complete by name only.
 *
 * <p>Stateless.
 */
final class CommandCompletions implements Function {

    /** The name the console session knows this function by. */
    static final String NAME = "__skeleton_completions";

    /**
     * Declares the completions in the session.
     *
     * @param session   the console's session
     * @param arguments none
     * @return the number of commands that got completions (0 outside a console)
     */
    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        Map<String, List<CompletionData>> completions = Shell.getCompletions(session);
        Set<String> commands = Shell.getCommands(session);
        if (completions == null || commands == null) {
            return 0;
        }
        int declared = 0;
        for (String command : commands) {
            List<Method> methods = CommandMethods.of(session, command);
            if (!methods.isEmpty() && !completions.containsKey(command)) {
                completions.put(command, of(methods));
                declared++;
            }
        }
        return declared;
    }

    /**
     * The completions of a command.
     *
     * @param methods the command's methods (overloads)
     * @return its description, its options, and its argument completion when it takes arguments
     */
    static List<CompletionData> of(List<Method> methods) {
        List<CommandSignature> signatures = methods.stream().map(CommandSignature::of).toList();
        List<CompletionData> data = new ArrayList<>();
        signatures.stream().map(CommandSignature::description).filter(text -> !text.isEmpty()).findFirst()
                .ifPresent(description -> data.add(new CompletionData(null, description, null, null)));
        Map<List<String>, String> options = new LinkedHashMap<>();
        signatures.forEach(signature -> signature.options()
                .forEach(option -> options.putIfAbsent(option.names(), option.description())));
        options.forEach((names, description) ->
                data.add(new CompletionData(names, description.isEmpty() ? null : description, null, null)));
        if (signatures.stream().anyMatch(signature -> !signature.positional().isEmpty())) {
            data.add(new CompletionData(null, null, ArgumentCompletion.NAME, null));
        }
        return data;
    }
}
