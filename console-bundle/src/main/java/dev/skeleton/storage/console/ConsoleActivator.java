package dev.skeleton.storage.console;

import java.io.IOException;
import java.util.Map;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The console bundle: Gogo's JLine shell, started the way this platform needs it. While Gogo's
 * {@link CommandProcessor} is there, the shell's built-in commands are registered (see
 * {@link GogoCommands}) and, unless the framework property {@code gosh.args} holds
 * {@code --nointeractive} (see {@link ConsoleSettings}), the interactive {@link Console} runs on
 * the process's terminal.
 *
 * <h2>Why not Gogo's own JLine bundle</h2>
 * Its activator opens the process's terminal as soon as it starts, in every mode: when the
 * launcher runs a script or {@code -c}, that terminal then ignores Ctrl-C, and inside the framework
 * JLine finds none of its terminal providers (see {@link ConsoleTerminal}), falls back to a dumb
 * terminal and says so on standard error. It also keeps the history in {@code ~/.gogo.history} and
 * prints Gogo's banner. This bundle carries the JLine shell's package privately and starts it
 * itself, as Karaf's console does.
 *
 * <h2>Life</h2>
 * The console starts when the bundle starts (the launcher starts it last, once the launcher has
 * printed its banner, so the prompt follows the banner) and ends with it; Ctrl-D stops the
 * framework. If the command processor goes (Gogo's runtime stopped), the commands and the console go
 * with it, and come back with the next processor.
 *
 * <p>Thread safety: the tracker's callbacks and {@link #stop} may come from different framework
 * threads; {@code this} guards the running commands and console.
 */
public final class ConsoleActivator implements BundleActivator {

    private BundleContext context;
    private ServiceTracker<CommandProcessor, CommandProcessor> processors;
    /** The processor in use, its commands and console; guarded by {@code this}. */
    private CommandProcessor processor;
    private GogoCommands commands;
    private Console console;

    /**
     * Starts following Gogo's command processor.
     *
     * @param context the bundle's context
     */
    @Override
    public void start(BundleContext context) {
        this.context = context;
        processors = new ServiceTracker<>(context, CommandProcessor.class, null) {
            @Override
            public CommandProcessor addingService(ServiceReference<CommandProcessor> reference) {
                CommandProcessor added = super.addingService(reference);
                if (added != null) {
                    openFor(added);
                }
                return added;
            }

            @Override
            public void removedService(ServiceReference<CommandProcessor> reference, CommandProcessor removed) {
                closeFor(removed);
                super.removedService(reference, removed);
            }
        };
        processors.open();
    }

    /**
     * Closes the console (the terminal is given back as it was) and unregisters the commands.
     *
     * @param context the bundle's context
     */
    @Override
    public void stop(BundleContext context) {
        processors.close();
    }

    /** Registers the commands and opens the console over a processor, unless one is in use. */
    private synchronized void openFor(CommandProcessor added) {
        if (processor != null) {
            return;
        }
        Shell shell = new Shell(new ShellContext(context), added);
        commands = GogoCommands.register(context, added, shell);
        processor = added;
        ConsoleSettings settings = ConsoleSettings.of(context::getProperty);
        if (settings.interactive()) {
            console = openConsole(added, shell, settings);
        }
    }

    private Console openConsole(CommandProcessor added, Shell shell, ConsoleSettings settings) {
        StoreNames names = new StoreNames(context);
        Map<String, Object> functions = Map.of(
                CommandCompletions.NAME, new CommandCompletions(),
                ArgumentCompletion.NAME, new ArgumentCompletion(names::stores, names::engines),
                ConsoleHelp.NAME, new ConsoleHelp(shell));
        try {
            return Console.start(added, shell, ConsoleTerminal.system(), settings, functions, this::stopFramework);
        } catch (IOException | RuntimeException e) {
            System.err.println("skeleton: no console: the terminal cannot be opened: " + e);
            return null;
        }
    }

    /** At the end of the console's input: the framework stops, and the launcher exits. */
    private void stopFramework() {
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            System.err.println("skeleton: the platform did not stop: " + e);
        }
    }

    /** Closes the console and the commands of a processor that goes. */
    private synchronized void closeFor(CommandProcessor removed) {
        if (processor != removed) {
            return;
        }
        if (console != null) {
            console.close();
            console = null;
        }
        commands.close();
        commands = null;
        processor = null;
    }
}
