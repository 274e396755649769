package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands run where Gogo is absent, as in a framework without a shell: loaded without the
 * Gogo jar, the Gogo annotations are silently absent and the commands work.
 */
class WithoutGogoTest {

    private static final String DESCRIPTOR = "org.apache.felix.service.command.Descriptor";

    @TempDir
    Path root;

    @Test
    void theCommandsWorkWithoutGogoOnTheClassPath() throws Exception {
        try (URLClassLoader loader = withoutGogo()) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(DESCRIPTOR));

            Class<?> commandsClass = loader.loadClass(StoreCommands.class.getName());
            Class<?> helpFlag = loader.loadClass(HelpFlag.class.getName());
            Object noHelp = helpFlag.getEnumConstants()[0];
            Method get = commandsClass.getMethod("get", helpFlag, boolean.class, String.class, String.class);
            assertEquals(0, get.getAnnotations().length, "@Descriptor is ignored without its class");
            assertEquals(0, get.getParameterAnnotations()[0].length, "@Parameter is ignored without its class");
            assertEquals(0, get.getParameterAnnotations()[1].length, "@Parameter is ignored without its class");

            Object commands = commandsClass.getConstructor(loader.loadClass(MultiStore.class.getName()))
                    .newInstance(multiStoreIn(loader));
            commandsClass.getMethod("create", helpFlag, String.class, String[].class)
                    .invoke(commands, noHelp, "users", new String[0]);
            commandsClass.getMethod("set", helpFlag, boolean.class, String.class, String.class, String.class)
                    .invoke(commands, noHelp, false, "users", "alice", "admin");
            assertEquals("admin", get.invoke(commands, noHelp, false, "users", "alice"));
        }
    }

    @Test
    void theTransferCommandsNameNoGogoTypeAndFailAsCommandsWithoutIt() throws Exception {
        try (URLClassLoader loader = withoutGogo()) {
            Class<?> commandsClass = loader.loadClass(BackupCommands.class.getName());
            assertEquals(Set.of("export", "_import", "verify", "copy", "move", "_main"),
                    Arrays.stream(commandsClass.getDeclaredMethods()).filter(method -> !method.isSynthetic())
                            .map(Method::getName).collect(Collectors.toSet()),
                    "every method reflects without Gogo, as Declarative Services needs");

            Object commands = commandsClass.getConstructor(loader.loadClass(MultiStore.class.getName()))
                    .newInstance(multiStoreIn(loader));
            Class<?> helpFlag = loader.loadClass(HelpFlag.class.getName());
            Method verify = commandsClass.getMethod("verify", helpFlag, String.class);
            InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                    () -> verify.invoke(commands, helpFlag.getEnumConstants()[0], root.resolve("missing.dump").toString()));
            assertEquals(CommandException.class.getName(), thrown.getCause().getClass().getName(),
                    "the one-line failure: the progress found no session, and no LinkageError escaped");
        }
    }

    private URLClassLoader withoutGogo() throws Exception {
        return new URLClassLoader(new URL[] {
                codeSource(StoreCommands.class), codeSource(MultiStore.class),
                codeSource(DefaultMultiStore.class), codeSource(MemoryEngine.class),
                codeSource(Class.forName("dev.skeleton.storage.core.Arguments")),
                codeSource(Class.forName("org.HdrHistogram.Recorder"))},
                ClassLoader.getPlatformClassLoader());
    }

    /** {@code DefaultMultiStore.withInstalledEngines(MultiStoreConfig.of(root))}, in the loader. */
    private Object multiStoreIn(ClassLoader loader) throws Exception {
        Class<?> configClass = loader.loadClass(MultiStoreConfig.class.getName());
        Object config = configClass.getMethod("of", Path.class).invoke(null, root);
        return loader.loadClass(DefaultMultiStore.class.getName())
                .getMethod("withInstalledEngines", configClass).invoke(null, config);
    }

    private static URL codeSource(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
