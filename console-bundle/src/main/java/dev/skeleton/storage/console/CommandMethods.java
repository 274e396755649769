package dev.skeleton.storage.console;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.felix.gogo.runtime.CommandProxy;
import org.apache.felix.gogo.runtime.Reflective;
import org.apache.felix.service.command.CommandSession;

/**
 * The Java methods behind a Gogo command registered as a service: those Gogo chooses from when it
 * runs the command (see Gogo's {@code Reflective.invoke}), named like the command's function, or
 * with {@code get}, {@code set} or {@code is} before it, or {@code _} before a Java keyword. A
 * {@code _main} method, which takes any words, is left out: it says nothing about the arguments.
 *
 * <p>Overloads come fewest parameters first, then by signature: {@link Class#getMethods()} has no
 * order, and what is read from the first one (the description that {@code help} lists for
 * {@code gogo:help}, say) must not change from one run to the next.
 */
final class CommandMethods {

    private static final Comparator<Method> FEWEST_PARAMETERS_FIRST =
            Comparator.comparingInt(Method::getParameterCount).thenComparing(Method::toGenericString);

    private CommandMethods() {
    }

    /**
     * The methods of a command.
     *
     * @param session  the session the command is known in
     * @param command  the command's name with its scope, such as {@code store:get}
     * @return the methods; empty for a command that is no service (a closure, a session variable)
     *         or is gone
     */
    static List<Method> of(CommandSession session, String command) {
        if (!(session.get(command) instanceof CommandProxy proxy)) {
            return List.of();
        }
        Object target = proxy.getTarget();
        try {
            if (target == null) {
                return List.of();
            }
            String function = command.substring(command.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            return Arrays.stream(target.getClass().getMethods()).filter(method -> runs(method, function))
                    .sorted(FEWEST_PARAMETERS_FIRST).toList();
        } finally {
            proxy.ungetTarget();
        }
    }

    private static boolean runs(Method method, String function) {
        String name = method.getName().toLowerCase(Locale.ROOT);
        return name.equals(function) || name.equals("get" + function) || name.equals("set" + function)
                || name.equals("is" + function)
                || Reflective.KEYWORDS.contains(function) && name.equals("_" + function);
    }
}
