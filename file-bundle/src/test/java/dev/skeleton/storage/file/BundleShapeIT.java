package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle: it imports only the API and JDK packages (Kryo and engine-core travel
 * inside it), exports nothing, and outside OSGi it is a JPMS module that provides the engine and
 * works with Kryo as an ordinary module.
 */
class BundleShapeIT {

    /** Package names that an import may name without being optional. */
    private static final Pattern ALLOWED = Pattern.compile("dev\\.skeleton\\.storage|java\\..*|javax\\..*");

    @TempDir
    Path directory;

    private static Path bundle() {
        return Path.of(System.getProperty("skeleton.bundle.jar"));
    }

    private static Attributes manifest() throws IOException {
        try (JarFile jar = new JarFile(bundle().toFile())) {
            return jar.getManifest().getMainAttributes();
        }
    }

    /** The clauses of a manifest header, split at commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        return clauses;
    }

    @Test
    void theBundleImportsOnlyTheApiAndTheJdkAndExportsNothing() throws IOException {
        Attributes manifest = manifest();

        assertEquals("dev.skeleton.storage.file", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"), "an engine exports nothing");
        for (String clause : clauses(manifest.getValue("Import-Package"))) {
            String pkg = clause.split(";")[0];
            assertTrue(ALLOWED.matcher(pkg).matches() || clause.contains("resolution:=optional"),
                    "import of " + clause);
        }
        String classPath = manifest.getValue("Bundle-ClassPath");
        for (String inner : List.of("engine-core", "kryo", "minlog", "objenesis", "reflectasm")) {
            assertTrue(classPath.contains("META-INF/lib/" + inner + ".jar"), classPath);
        }
        assertTrue(manifest.getValue("Provide-Capability").contains("dev.skeleton.storage.file.FileEngine"));
    }

    @Test
    void onTheModulePathTheEngineIsFoundAndWorks() throws Exception {
        List<Path> modulePath = new ArrayList<>(List.of(bundle()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.matches("(api-bundle|engine-core|kryo|minlog|reflectasm|objenesis)-.*\\.jar")) {
                modulePath.add(Path.of(entry));
            }
        }
        ModuleFinder finder = ModuleFinder.of(modulePath.toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.skeleton.storage.file"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("dev.skeleton.storage.api");
        Class<?> engineType = loader.loadClass("dev.skeleton.storage.Engine");

        Object engine = ServiceLoader.load(layer, engineType).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.getClass().getName().equals(FileEngine.class.getName())).findFirst().orElseThrow();

        assertTrue(engine.getClass().getModule().isNamed(), "loaded as the named module");
        assertEquals("file", engineType.getMethod("name").invoke(engine));
        roundTripThroughKryo(engine, engineType, loader);
    }

    /** Creates, writes, closes and reopens a store through reflection on the layer's API classes. */
    private void roundTripThroughKryo(Object engine, Class<?> engineType, ClassLoader loader) throws Exception {
        Class<?> configType = loader.loadClass("dev.skeleton.storage.Config");
        Class<?> storeType = loader.loadClass("dev.skeleton.storage.Store");
        Object config = configType.getMethod("of", Object[].class)
                .invoke(null, (Object) new Object[] {"compression", true});
        String path = directory.resolve("s").toString();
        Method create = engineType.getMethod("create", String.class, String.class, configType);
        Object store = create.invoke(engine, "s", path, config);
        storeType.getMethod("set", byte[].class, byte[].class).invoke(store, new byte[] {1}, new byte[300]);
        storeType.getMethod("close").invoke(store);
        Object reopened = engineType.getMethod("open", String.class, String.class).invoke(engine, "s", path);
        byte[] value = (byte[]) storeType.getMethod("get", byte[].class).invoke(reopened, (Object) new byte[] {1});
        storeType.getMethod("close").invoke(reopened);
        assertTrue(Arrays.equals(new byte[300], value));
        assertTrue(Files.exists(directory.resolve("s").resolve("pages-1")), "read back from a page written at close");
    }
}
