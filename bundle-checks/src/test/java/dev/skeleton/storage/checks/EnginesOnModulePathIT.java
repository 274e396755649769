package dev.skeleton.storage.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.checks.ReactorBundles.Bundle;
import java.io.File;
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
 * Outside OSGi, every engine jar is found by {@link java.util.ServiceLoader} on the module path, all
 * engines together: they share engine-core as one automatic module instead of each carrying the
 * same package (two modules holding one package cannot be loaded side by side).
 */
class EnginesOnModulePathIT {

    @TempDir
    Path work;

    /** Engine bundles declare the ServiceLoader capability for {@code dev.skeleton.storage.Engine}. */
    private static List<Bundle> engineBundles() {
        return ReactorBundles.all().stream()
                .filter(b -> String.valueOf(b.header("Provide-Capability"))
                        .contains("osgi.serviceloader=\"dev.skeleton.storage.Engine\""))
                .collect(Collectors.toList());
    }

    @Test
    void everyEngineIsFoundTogetherOnTheModulePath() throws Exception {
        List<Bundle> engines = engineBundles();
        assertFalse(engines.isEmpty(), "no engine bundle was packaged");

        Path src = work.resolve("src");
        Files.createDirectories(src.resolve("lister"));
        Files.writeString(src.resolve("module-info.java"),
                "module lister { requires dev.skeleton.storage.api; uses dev.skeleton.storage.Engine; }");
        Files.writeString(src.resolve("lister/Main.java"), String.join("\n",
                "package lister;",
                "public class Main {",
                "  public static void main(String[] a) {",
                "    java.util.ServiceLoader.load(dev.skeleton.storage.Engine.class).stream()",
                "        .map(p -> p.get().name()).sorted().forEach(System.out::println);",
                "  }",
                "}"));
        Path classes = work.resolve("classes");
        Path api = ReactorBundles.jarOf("api-bundle");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--module-path", api.toString(),
                "-d", classes.toString(), src.resolve("module-info.java").toString(),
                src.resolve("lister/Main.java").toString()));

        List<String> modulePath = new ArrayList<>(List.of(api.toString(),
                ReactorBundles.jarOf("engine-core").toString(), classes.toString()));
        engines.forEach(e -> modulePath.add(e.jar().toString()));
        modulePath.addAll(engineLibraries());
        List<String> names = run("--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "ALL-MODULE-PATH", "--module", "lister/lister.Main");

        assertEquals(engines.size(), names.size(), "engines found: " + names);
        assertTrue(names.contains("memory"), "engines found: " + names);
        assertTrue(names.contains("file"), "engines found: " + names);
        assertTrue(names.contains("postgres"), "engines found: " + names);
    }

    /**
     * The third-party modules engines require outside OSGi (inside OSGi they travel in the engine
     * bundles): the file engine's Kryo and its own dependencies, the postgres engine's driver, pool
     * and logging facade, taken from this test's class path, where Maven put them as the engines'
     * dependencies.
     */
    private static List<String> engineLibraries() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString()
                        .matches("(kryo|minlog|reflectasm|objenesis|postgresql|HikariCP|slf4j-api|slf4j-jdk14)-[0-9].*\\.jar"))
                .collect(Collectors.toList());
    }

    private static List<String> run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }
}
