package dev.skeleton.storage.console;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.apache.felix.gogo.jline.Builtin;
import org.apache.felix.gogo.jline.Converters;
import org.apache.felix.gogo.jline.Posix;
import org.apache.felix.gogo.jline.Procedural;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The built-in commands of Gogo's JLine shell, registered as Gogo commands of scope {@code gogo},
 * with its converters, as its own bundle activator would register them: {@code echo}, {@code grep},
 * {@code cat} ... (Posix), {@code each}, {@code if}, {@code try} ... (Procedural), {@code history},
 * {@code complete}, {@code jobs} ... (Builtin), and {@code help}, {@code gosh}, {@code source}
 * (the shell itself), and {@code felix:refresh} in place of Gogo's broken one (see
 * {@link BundleRefresh}). Scripts run by the launcher use them as much as the console does.
 *
 * <p>Each class names its commands in a package-private {@code functions} array; it is read here
 * rather than copied, so that the list stays the one of the JLine shell the bundle carries.
 *
 * <p>Not thread-safe: registered and closed by the console bundle's activator, under its lock.
 */
final class GogoCommands implements AutoCloseable {

    private final List<ServiceRegistration<?>> registrations;

    private GogoCommands(List<ServiceRegistration<?>> registrations) {
        this.registrations = registrations;
    }

    /**
     * Registers the commands.
     *
     * @param context   the console bundle's context
     * @param processor the command processor they run in
     * @param shell     the shell whose {@code help}, {@code gosh} and {@code source} they offer
     * @return the registrations, to close when the processor goes
     */
    static GogoCommands register(BundleContext context, CommandProcessor processor, Shell shell) {
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        registrations.add(context.registerService(Converter.class,
                new Converters(context.getBundle(0).getBundleContext()), null));
        registrations.add(register(context, new Builtin(), Builtin.class));
        registrations.add(register(context, new Procedural(), Procedural.class));
        registrations.add(register(context, new Posix(processor), Posix.class));
        registrations.add(register(context, shell, Shell.class));
        registrations.add(BundleRefresh.register(context));
        return new GogoCommands(registrations);
    }

    private static <T> ServiceRegistration<T> register(BundleContext context, T commands, Class<T> type) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, "gogo");
        properties.put(CommandProcessor.COMMAND_FUNCTION, functionsOf(type));
        return context.registerService(type, commands, properties);
    }

    /** The command names a class of Gogo's JLine shell declares in its {@code functions} array. */
    static String[] functionsOf(Class<?> type) {
        try {
            Field functions = type.getDeclaredField("functions");
            functions.setAccessible(true);
            return ((String[]) functions.get(null)).clone();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Gogo's JLine shell has no command list in " + type.getName()
                    + " (another version than 1.1?): " + e, e);
        }
    }

    /** Unregisters the commands; those already gone with their bundle are skipped. */
    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // Unregistered already: the bundle is stopping.
            }
        }
        registrations.clear();
    }
}
