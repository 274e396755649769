package dev.skeleton.storage.console;

import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import dev.skeleton.storage.shell.BackupCommands;
import dev.skeleton.storage.shell.StoreCommands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.felix.gogo.jline.Builtin;
import org.apache.felix.gogo.jline.Posix;
import org.apache.felix.gogo.jline.Procedural;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.gogo.jline.Parser;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;

/**
 * A real Gogo runtime outside OSGi, as the console finds it in the platform: the store commands
 * (scope {@code store}: both components of the shell bundle, {@link StoreCommands} and
 * {@link BackupCommands}) over a real multistore with the memory engine, and the JLine shell's
 * built-in commands (scope {@code gogo}).
 */
final class GogoFixture implements AutoCloseable {

    final ThreadIOImpl threadIO = new ThreadIOImpl();
    final CommandProcessorImpl processor;
    final DefaultMultiStore stores;

    GogoFixture(Path root) {
        threadIO.start();
        processor = new CommandProcessorImpl(threadIO);
        stores = new DefaultMultiStore(MultiStoreConfig.of(root));
        stores.registerEngine(new MemoryEngine());
        addComponent(new StoreCommands(stores));
        addComponent(new BackupCommands(stores));
        add(new Builtin(), Builtin.class);
        add(new Procedural(), Procedural.class);
        add(new Posix(processor), Posix.class);
    }

    /**
     * Registers a command component of the shell bundle under the scope and functions its component
     * descriptor declares ({@code osgi.command.scope}, {@code osgi.command.function} in
     * {@code OSGI-INF/<class>.xml}), as Gogo's whiteboard registers its service in the platform: by
     * those names and no others ({@code store:import}, whose method is {@code _import}).
     */
    private void addComponent(Object commands) {
        Map<String, List<String>> properties = ComponentProperties.of(commands.getClass());
        String scope = properties.get(CommandProcessor.COMMAND_SCOPE).get(0);
        for (String function : properties.get(CommandProcessor.COMMAND_FUNCTION)) {
            processor.addCommand(scope, commands, function);
        }
    }

    private void add(Object commands, Class<?> type) {
        for (String function : GogoCommands.functionsOf(type)) {
            processor.addCommand("gogo", commands, function);
        }
    }

    /**
     * A JLine shell over the processor, its commands (help, gosh, ...) added: its framework
     * properties are the JVM's, and it must never stop a framework (the console runs it with
     * {@code --noshutdown}).
     */
    Shell shell() {
        Shell shell = new Shell(new Shell.Context() {
            @Override
            public String getProperty(String name) {
                return System.getProperty(name);
            }

            @Override
            public void exit() {
                throw new AssertionError("the console runs gosh with --noshutdown");
            }
        }, processor);
        add(shell, Shell.class);
        return shell;
    }

    /** A session without a terminal. */
    CommandSession session() {
        return processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    /** A line as the console's parser gives it to completion, the cursor at its end. */
    static ParsedLine line(String text) {
        return new Parser().parse(text, text.length(), ParseContext.COMPLETE);
    }

    /** The stores' and engines' names there are now. */
    List<String> storeNames() {
        return stores.listStores();
    }

    @Override
    public void close() {
        stores.close();
        processor.stop();
        threadIO.stop();
    }
}
