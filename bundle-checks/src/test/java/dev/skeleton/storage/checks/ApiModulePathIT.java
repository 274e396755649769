package dev.skeleton.storage.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API jar is a JPMS module: a consumer module on the module path compiles against it and runs
 * with it, in a separate JVM so that nothing of the test's class path leaks in.
 */
class ApiModulePathIT {

    @TempDir
    Path work;

    @Test
    void apiJarDescribesItselfAsAModule() {
        ModuleDescriptor descriptor = ModuleFinder.of(ReactorBundles.jarOf("api-bundle")).findAll()
                .iterator().next().descriptor();
        assertEquals("dev.skeleton.storage.api", descriptor.name());
        assertEquals(List.of("dev.skeleton.storage"), descriptor.exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toList()));
        assertEquals(List.of("java.base"), descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toList()));
    }

    @Test
    void aConsumerModuleCompilesAndRunsAgainstTheApi() throws Exception {
        Path api = ReactorBundles.jarOf("api-bundle");
        Path src = work.resolve("src");
        write(src.resolve("module-info.java"), "module consumer { requires dev.skeleton.storage.api; }");
        write(src.resolve("consumer/Main.java"), String.join("\n",
                "package consumer;",
                "import dev.skeleton.storage.*;",
                "public class Main {",
                "  public static void main(String[] a) {",
                "    Config c = Config.of(\"max_versions\", \"7\");",
                "    try { Config.of(\"max_versions\", \"x\").getInt(\"max_versions\", 0); }",
                "    catch (StorageException e) { System.out.println(e.code() + \" \" + c.getInt(\"max_versions\", 0)); }",
                "  }",
                "}"));
        Path classes = work.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--module-path", api.toString(), "-d", classes.toString(),
                src.resolve("module-info.java").toString(), src.resolve("consumer/Main.java").toString());
        assertEquals(0, rc, "javac failed");

        String output = runJava("--module-path", api + java.io.File.pathSeparator + classes,
                "--module", "consumer/consumer.Main");
        assertEquals("INVALID_CONFIG 7", output.strip());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String runJava(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the consumer JVM did not finish");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "consumer failed: " + output);
        return output;
    }
}
