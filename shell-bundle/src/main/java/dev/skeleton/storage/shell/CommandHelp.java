package dev.skeleton.storage.shell;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;

/**
 * The help of a command of scope {@code store}, which {@code store:get --help} (or {@code -h})
 * prints: derived, like its usage line ({@link CommandUsage}), from the command method's
 * annotations and parameter names, so that it says what the command takes.
 *
 * <pre>
 * store:get - print the value of a key
 *
 * usage: store:get [-x|--hex] &lt;store&gt; &lt;key&gt;
 *
 * options:
 *   -x, --hex    keys and values in hex (input and output)
 *   -h, --help   print this help
 *
 * parameters:
 *   &lt;store&gt;      the store's name
 *   &lt;key&gt;        the key
 * </pre>
 *
 * <h2>Why the command prints it</h2>
 * Karaf's {@code help store:get} runs {@code store:get --help} in a session of its own and shows
 * what the command printed there; the command's result is dropped, and a command that fails leaves
 * Karaf with nothing but a heading. So the help is printed on the session's output (Gogo points
 * {@code System.out} at it while a command runs) and the command returns nothing, which works the
 * same in plain Gogo and in a pipe ({@code store:get --help | grep hex}).
 *
 * <p>It reads Gogo's annotations, so it is used only where Gogo runs the commands.
 */
final class CommandHelp {

    private static final String INDENT = "  ";

    /** Blanks between the widest name of an option or parameter and its description. */
    private static final int GAP = 3;

    private CommandHelp() {
    }

    /**
     * What {@code _main} does with words that no command method takes (see
     * {@link StoreCommands#_main}): prints the command's help when they ask for it, else fails with
     * its usage line.
     *
     * @param commands the command class
     * @param scope    the commands' scope
     * @param words    the command's name, as Gogo passes it, then the words given
     * @return nothing, once the help is printed
     * @throws CommandException INVALID_ARGUMENT with the usage line, when the words do not ask
     *                               for help
     */
    static Object answer(Class<?> commands, String scope, StringBuilder... words) {
        if (words.length > 1 && Arrays.stream(words).skip(1).anyMatch(HelpFlag::asks)) {
            System.out.println(of(commands, scope, words[0] == null ? "" : words[0].toString()));
            return null;
        }
        throw CommandUsage.wrongWords(commands, scope, words);
    }

    /**
     * The help of a command.
     *
     * @param commands the class with the command's method
     * @param scope    the commands' scope
     * @param function the command's name, as Gogo passes it (lower case)
     * @return its name and description, usage line, options and parameters, with their
     *         descriptions; for a name without a method, the usage line alone
     */
    static String of(Class<?> commands, String scope, String function) {
        String usage = "usage: " + CommandUsage.of(commands, scope, function);
        Optional<Method> method = CommandUsage.method(commands, function);
        if (method.isEmpty()) {
            return usage;
        }
        Method command = method.get();
        List<Line> options = new ArrayList<>();
        List<Line> parameters = new ArrayList<>();
        describeParameters(command, options, parameters);
        int width = GAP + Stream.concat(options.stream(), parameters.stream())
                .mapToInt(line -> line.name().length()).max().orElse(0);

        List<String> text = new ArrayList<>();
        String description = description(command.getAnnotations());
        String name = scope + ":" + CommandUsage.commandName(command);
        text.add(description.isEmpty() ? name : name + " - " + description);
        text.add("");
        text.add(usage);
        section(text, "options:", options, width);
        section(text, "parameters:", parameters, width);
        return String.join("\n", text);
    }

    /**
     * Sorts a method's parameters into options (flags, and options with a value) and positional
     * parameters, in the order they are declared, the help flag last of the options.
     */
    private static void describeParameters(Method command, List<Line> options, List<Line> parameters) {
        java.lang.reflect.Parameter[] declared = command.getParameters();
        Annotation[][] annotations = command.getParameterAnnotations();
        Line help = null;
        for (int i = 0; i < declared.length; i++) {
            String name = declared[i].getName();
            String description = description(annotations[i]);
            Parameter option = CommandUsage.find(annotations[i], Parameter.class);
            if (option != null && CommandUsage.isHelpFlag(declared[i])) {
                help = new Line(String.join(", ", option.names()), description);
            } else if (option != null) {
                boolean takesValue = Parameter.UNSPECIFIED.equals(option.presentValue());
                options.add(new Line(String.join(", ", option.names()) + (takesValue ? " <" + name + ">" : ""),
                        description));
            } else if (i == declared.length - 1 && declared[i].getType().isArray()) {
                Descriptor descriptor = CommandUsage.find(annotations[i], Descriptor.class);
                parameters.add(new Line(CommandUsage.remaining(descriptor, name),
                        CommandUsage.withoutSynopsis(description)));
            } else {
                parameters.add(new Line("<" + name + ">", description));
            }
        }
        if (help != null) {
            options.add(help);
        }
    }

    private static void section(List<String> text, String title, List<Line> lines, int width) {
        if (lines.isEmpty()) {
            return;
        }
        text.add("");
        text.add(title);
        for (Line line : lines) {
            String row = INDENT + String.format("%-" + width + "s", line.name()) + line.description();
            text.add(row.stripTrailing());
        }
    }

    private static String description(Annotation[] annotations) {
        Descriptor descriptor = CommandUsage.find(annotations, Descriptor.class);
        return descriptor == null ? "" : descriptor.value();
    }

    /** An option or parameter as the help shows it: its name(s) and what it is. */
    private record Line(String name, String description) {
    }
}
