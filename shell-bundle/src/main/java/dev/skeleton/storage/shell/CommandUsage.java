package dev.skeleton.storage.shell;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;

/**
 * The usage line of a command of scope {@code store}, derived from its method's annotations and
 * parameter names (the module is compiled with {@code -parameters}), so that it cannot drift from
 * what the command takes: {@code store:set [-x|--hex] <store> <key> <value>}.
 *
 * <h2>How each parameter shows</h2>
 * <ul>
 *   <li>a flag ({@link Parameter} with a {@code presentValue}): {@code [-x|--hex]};</li>
 *   <li>an option with a value ({@link Parameter} without one): {@code [-l|--limit <limit>]}, the
 *       placeholder being the Java parameter's name;</li>
 *   <li>a positional parameter: {@code <store>};</li>
 *   <li>the last parameter, when it takes the remaining words: the synopsis its {@link Descriptor}
 *       starts with, up to {@code ]: } ({@code [engine] [key=value ...]}), else
 *       {@code [name ...]}.</li>
 * </ul>
 * A command named like a Java keyword has its method named with a leading {@code _}, as Gogo wants
 * it ({@code store:import} runs {@code _import}); the usage line shows the command's name.
 * The help flag ({@link HelpFlag}), which every command has, is left out.
 *
 * <p>It reads Gogo's annotations, so it is used only where Gogo runs the commands.
 */
final class CommandUsage {

    /** The method Gogo runs when no other takes the words (see {@link StoreCommands#_main}). */
    private static final String MAIN = "_main";

    /** Where a parameter's descriptor ends its synopsis of the words it takes. */
    private static final String SYNOPSIS_END = "]: ";

    private CommandUsage() {
    }

    /**
     * The usage of a command.
     *
     * @param commands the class with the command's method
     * @param scope    the commands' scope
     * @param function the command's name, as Gogo passes it (lower case)
     * @return {@code scope:function} and its arguments; for a name without a method, the name alone
     */
    static String of(Class<?> commands, String scope, String function) {
        Optional<Method> method = method(commands, function);
        List<String> words = new ArrayList<>();
        words.add(scope + ":" + method.map(CommandUsage::commandName).orElse(function));
        method.ifPresent(found -> words.addAll(arguments(found)));
        return String.join(" ", words);
    }

    /**
     * The method of a command.
     *
     * @param commands the class with the command's method
     * @param function the command's name, in any case
     * @return the public method that runs it (of several, the one with the most parameters); empty
     *         for a name without a method
     */
    static Optional<Method> method(Class<?> commands, String function) {
        return Arrays.stream(commands.getMethods())
                .filter(candidate -> commandName(candidate).equalsIgnoreCase(function))
                .max(Comparator.comparingInt(Method::getParameterCount));
    }

    /**
     * The failure of words that no command method takes: what a command class's {@code _main}
     * throws (see {@link StoreCommands#_main}).
     *
     * @param commands the command class
     * @param scope    the commands' scope
     * @param words    the command's name, as Gogo passes it, then the words given
     * @return {@link ErrorCode#INVALID_ARGUMENT} with the usage line of the command meant
     */
    static CommandException wrongWords(Class<?> commands, String scope, StringBuilder... words) {
        String function = words.length == 0 || words[0] == null ? "" : words[0].toString();
        return CommandException.of(new StorageException(ErrorCode.INVALID_ARGUMENT,
                "usage: " + of(commands, scope, function)));
    }

    /**
     * The command a method runs: its name, without the {@code _} that Gogo puts before a command
     * named like a Java keyword ({@code _main} is no command: it runs for any).
     */
    static String commandName(Method method) {
        String name = method.getName();
        return name.startsWith("_") && !name.equals(MAIN) ? name.substring(1) : name;
    }

    private static List<String> arguments(Method method) {
        List<String> words = new ArrayList<>();
        java.lang.reflect.Parameter[] parameters = method.getParameters();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < parameters.length; i++) {
            if (isHelpFlag(parameters[i])) {
                continue;
            }
            Parameter option = find(annotations[i], Parameter.class);
            String name = parameters[i].getName();
            if (option != null) {
                words.add(option(option, name));
            } else if (i == parameters.length - 1 && parameters[i].getType().isArray()) {
                words.add(remaining(find(annotations[i], Descriptor.class), name));
            } else {
                words.add("<" + name + ">");
            }
        }
        return words;
    }

    /**
     * Whether a parameter is the help flag, which every command has and its usage line leaves out.
     */
    static boolean isHelpFlag(java.lang.reflect.Parameter parameter) {
        return parameter.getType() == HelpFlag.class;
    }

    private static String option(Parameter option, String name) {
        String names = String.join("|", option.names());
        return Parameter.UNSPECIFIED.equals(option.presentValue())
                ? "[" + names + " <" + name + ">]" : "[" + names + "]";
    }

    /**
     * How the last parameter shows when it takes the remaining words: the synopsis its description
     * starts with ({@code [engine] [key=value ...]}), else {@code [name ...]}.
     */
    static String remaining(Descriptor descriptor, String name) {
        String description = descriptor == null ? "" : descriptor.value();
        int end = synopsisEnd(description);
        return end > 0 ? description.substring(0, end + 1) : "[" + name + " ...]";
    }

    /**
     * What a description says after the synopsis of the remaining words it starts with, if any.
     */
    static String withoutSynopsis(String description) {
        int end = synopsisEnd(description);
        return end > 0 ? description.substring(end + SYNOPSIS_END.length()) : description;
    }

    /** Where a description's synopsis ends (its {@code ]}); -1 without one. */
    private static int synopsisEnd(String description) {
        return description.startsWith("[") ? description.indexOf(SYNOPSIS_END) : -1;
    }

    static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }
}
