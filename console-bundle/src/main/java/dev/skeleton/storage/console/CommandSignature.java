package dev.skeleton.storage.console;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;

/**
 * What the Java method behind a Gogo command says about its arguments, read the way Gogo reads it
 * when it calls the method: a parameter with {@link Parameter} is an option (a flag when it has a
 * {@code presentValue}, else an option followed by its value) that may stand anywhere on the line;
 * the others are positional, in order, the last one taking every remaining word when it is an array;
 * a {@link CommandSession} parameter is Gogo's and takes no word. {@link Descriptor} gives the
 * descriptions.
 *
 * <p>Positional parameters are known by their Java names, which the store commands keep in their
 * class files (they are compiled with {@code -parameters}); without them the names are
 * {@code arg0}, {@code arg1}, ..., and nothing completes by name.
 *
 * @param description the command's description; empty when it has none
 * @param options     the options and flags
 * @param positional  the names of the positional parameters, in order
 * @param varargs     whether the last positional parameter takes every remaining word
 */
record CommandSignature(String description, List<Option> options, List<String> positional, boolean varargs) {

    /**
     * An option or flag.
     *
     * @param names       its names, such as {@code -x} and {@code --hex}
     * @param takesValue  whether the word after it is its value
     * @param description what it does; empty when it has no description
     */
    record Option(List<String> names, boolean takesValue, String description) {
    }

    /**
     * The positional parameter a word is for.
     *
     * @param parameter    the parameter's Java name
     * @param varargsIndex for the parameter that takes the remaining words, which of them (from 0);
     *                     0 for any other
     */
    record Position(String parameter, int varargsIndex) {
    }

    /** The lists are copied. */
    CommandSignature {
        options = List.copyOf(options);
        positional = List.copyOf(positional);
    }

    /**
     * The signature of a method.
     *
     * @param method the method Gogo calls for the command
     * @return its signature
     */
    static CommandSignature of(Method method) {
        List<Option> options = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        Annotation[][] annotations = method.getParameterAnnotations();
        java.lang.reflect.Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getType() == CommandSession.class) {
                continue;
            }
            Parameter option = find(annotations[i], Parameter.class);
            if (option != null) {
                options.add(new Option(List.of(option.names()),
                        Parameter.UNSPECIFIED.equals(option.presentValue()), describe(annotations[i])));
            } else {
                positional.add(parameters[i].getName());
            }
        }
        boolean varargs = parameters.length > 0 && parameters[parameters.length - 1].getType().isArray()
                && find(annotations[parameters.length - 1], Parameter.class) == null;
        return new CommandSignature(describe(method.getAnnotations()), options, positional, varargs);
    }

    /**
     * Which positional parameter the next word is for, after the words already on the line.
     *
     * @param wordsBefore the words between the command's name and the word being completed
     * @return the parameter; empty when the command takes no more positional words, or when the
     *         next word is the value of an option
     */
    Optional<Position> next(List<String> wordsBefore) {
        int index = 0;
        for (int i = 0; i < wordsBefore.size(); i++) {
            Optional<Option> option = option(wordsBefore.get(i));
            if (option.isEmpty()) {
                index++;
            } else if (option.get().takesValue()) {
                if (i == wordsBefore.size() - 1) {
                    return Optional.empty();
                }
                i++;
            }
        }
        if (index < positional.size()) {
            return Optional.of(new Position(positional.get(index), 0));
        }
        if (varargs && !positional.isEmpty()) {
            int last = positional.size() - 1;
            return Optional.of(new Position(positional.get(last), index - last));
        }
        return Optional.empty();
    }

    private Optional<Option> option(String word) {
        return options.stream().filter(option -> option.names().contains(word)).findFirst();
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }

    private static String describe(Annotation[] annotations) {
        Descriptor descriptor = find(annotations, Descriptor.class);
        return descriptor == null ? "" : descriptor.value();
    }
}
