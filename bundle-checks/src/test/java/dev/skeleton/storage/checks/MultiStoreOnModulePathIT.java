package dev.skeleton.storage.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multistore is a JPMS module for plain Java: it exports DefaultMultiStore's package (and only
 * that), needs no OSGi jar at run time, and finds the engines on the module path through
 * ServiceLoader.
 */
class MultiStoreOnModulePathIT {

    @TempDir
    Path work;

    @Test
    void moduleExportsOnlyItsPlainJavaPackage() {
        ModuleDescriptor descriptor = ModuleFinder.of(ReactorBundles.jarOf("multistore-bundle")).findAll()
                .iterator().next().descriptor();
        assertEquals("dev.skeleton.storage.multistore", descriptor.name());
        assertEquals(List.of("dev.skeleton.storage.multistore"), descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toList()));
        assertTrue(descriptor.uses().contains("dev.skeleton.storage.Engine"), "uses Engine");
    }

    @Test
    void aPlainJavaModuleRunsTheMultiStoreWithTheInstalledEngines() throws Exception {
        Path src = work.resolve("src");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"),
                "module app { requires dev.skeleton.storage.multistore; }");
        Files.writeString(src.resolve("app/Main.java"), String.join("\n",
                "package app;",
                "import dev.skeleton.storage.*;",
                "import dev.skeleton.storage.multistore.DefaultMultiStore;",
                "import java.nio.file.Path;",
                "public class Main {",
                "  public static void main(String[] a) {",
                "    try (MultiStore stores = DefaultMultiStore.withInstalledEngines(MultiStoreConfig.of(Path.of(a[0])))) {",
                "      stores.createStore(\"users\", \"memory\", Config.empty());",
                "      Store users = stores.getStore(\"users\");",
                "      users.set(new byte[] {1}, new byte[] {42});",
                "      System.out.println(stores.listEngines() + \" \" + users.get(new byte[] {1})[0]",
                "          + \" \" + (users instanceof Transactional));",
                "    }",
                "  }",
                "}"));
        String modulePath = String.join(File.pathSeparator, ReactorBundles.jarOf("api-bundle").toString(),
                ReactorBundles.jarOf("multistore-bundle").toString(), hdrHistogram());
        Path classes = work.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--module-path", modulePath,
                "-d", classes.toString(), src.resolve("module-info.java").toString(),
                src.resolve("app/Main.java").toString()));

        String runPath = String.join(File.pathSeparator, modulePath, ReactorBundles.jarOf("engine-core").toString(),
                ReactorBundles.jarOf("memory-bundle").toString(), classes.toString());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", runPath, "--add-modules", "ALL-MODULE-PATH", "--module", "app/app.Main",
                work.resolve("data").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertEquals("[memory] 42 true", output.strip());
    }

    /**
     * HdrHistogram, which the multistore requires for its metrics (an automatic module named after
     * its jar), from this test's class path, where Maven put it as the multistore's dependency.
     */
    private static String hdrHistogram() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().matches("HdrHistogram-[0-9].*\\.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("HdrHistogram is not on the class path"));
    }
}
