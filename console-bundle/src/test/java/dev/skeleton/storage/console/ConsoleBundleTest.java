package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The console bundle's parts that live on the OSGi service registry, in a framework of this JVM
 * with the bundle's activator run on the system bundle: the built-in commands follow Gogo's
 * command processor, the names come from the multistore service, the shell stops the framework.
 * (The console on a real terminal runs in the platform's process: see the console ITs.)
 */
@Timeout(60)
class ConsoleBundleTest {

    private static final String GOGO_COMMANDS = "(osgi.command.scope=gogo)";

    @TempDir
    Path dir;
    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void framework() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                "org.osgi.framework.storage", dir.resolve("cache").toString(),
                "org.osgi.framework.storage.clean", "onFirstInit",
                ConsoleSettings.GOSH_ARGS, ConsoleSettings.NOT_INTERACTIVE));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void theBuiltInCommandsComeAndGoWithTheCommandProcessor() throws Exception {
        ConsoleActivator activator = new ConsoleActivator();
        activator.start(context);
        assertNull(context.getServiceReferences((String) null, GOGO_COMMANDS), "no processor, no commands");

        ThreadIOImpl threadIO = new ThreadIOImpl();
        threadIO.start();
        ServiceRegistration<CommandProcessor> processor =
                context.registerService(CommandProcessor.class, new CommandProcessorImpl(threadIO), null);
        ServiceRegistration<CommandProcessor> second =
                context.registerService(CommandProcessor.class, new CommandProcessorImpl(threadIO), null);
        assertEquals(4, context.getServiceReferences((String) null, GOGO_COMMANDS).length,
                "Builtin, Procedural, Posix and the shell, once");

        second.unregister();
        assertEquals(4, context.getServiceReferences((String) null, GOGO_COMMANDS).length, "another processor went");
        processor.unregister();
        assertNull(context.getServiceReferences((String) null, GOGO_COMMANDS), "the processor went, the commands too");

        processor = context.registerService(CommandProcessor.class, new CommandProcessorImpl(threadIO), null);
        assertEquals(4, context.getServiceReferences((String) null, GOGO_COMMANDS).length, "back with the next one");
        activator.stop(context);
        assertNull(context.getServiceReferences((String) null, GOGO_COMMANDS), "the bundle stopped");
        processor.unregister();
        threadIO.stop();
    }

    @Test
    void namesComeFromTheMultistoreWhileThereIsOne() throws Exception {
        StoreNames names = new StoreNames(context);
        assertEquals(List.of(), names.stores(), "no multistore");

        try (DefaultMultiStore stores = new DefaultMultiStore(MultiStoreConfig.of(dir.resolve("stores")))) {
            stores.registerEngine(new MemoryEngine());
            stores.createStore("users", "memory", Config.of());
            ServiceRegistration<MultiStore> registration = context.registerService(MultiStore.class, stores, null);

            assertEquals(List.of("users"), names.stores());
            assertEquals(List.of("memory"), names.engines());
            registration.unregister();
        }
    }

    @Test
    void aMultistoreThatFailsGivesNoNames() {
        MultiStore failing = (MultiStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MultiStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("closed");
                });
        context.registerService(MultiStore.class, failing, null);

        assertEquals(List.of(), new StoreNames(context).engines());
    }

    @Test
    void theShellReadsTheFrameworksPropertiesAndStopsIt() throws Exception {
        ShellContext shell = new ShellContext(context);
        assertEquals(ConsoleSettings.NOT_INTERACTIVE, shell.getProperty(ConsoleSettings.GOSH_ARGS));

        shell.exit();

        assertEquals(FrameworkEvent.STOPPED, framework.waitForStop(10_000).getType());
    }

    @Test
    void serviceReferencesStayBalanced() throws Exception {
        try (DefaultMultiStore stores = new DefaultMultiStore(MultiStoreConfig.of(dir.resolve("stores")))) {
            ServiceRegistration<MultiStore> registration = context.registerService(MultiStore.class, stores, null);
            new StoreNames(context).stores();
            ServiceReference<MultiStore> reference = registration.getReference();
            assertTrue(reference.getUsingBundles() == null, "the name lookup gave the service back");
            registration.unregister();
        }
    }
}
