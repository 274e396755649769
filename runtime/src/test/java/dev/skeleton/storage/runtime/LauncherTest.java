package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher in this JVM, on the real platform bundles of the layout: options, folders,
 * configuration, commands and their exit statuses. (The console, which reads the process's own
 * standard input, and Ctrl-C are tested on separate processes, in RuntimeProcessIT.)
 */
@Timeout(60)
class LauncherTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String... args) {
        return launch(new ByteArrayInputStream(new byte[0]), args);
    }

    /** Runs the launcher with the folders in the test's work folder and the layout's bundles. */
    private int launch(InputStream in, String... args) {
        List<String> all = new ArrayList<>(List.of("--data", work.resolve("data").toString(),
                "--deploy", work.resolve("deploy").toString(), "--etc", work.resolve("etc").toString(),
                "--bundles", Layout.bundles().toString()));
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), new Properties(), in,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void commandsRunPrintTheirResultsAndExitWithZero() {
        int status = launch("-c", "store:create users; store:set users alice admin; store:get users alice\nstore:engines");

        assertEquals(ExitStatus.OK, status, err());
        assertTrue(out().contains("created store users (engine " + Layout.defaultEngine() + ")"), out());
        assertTrue(out().contains("admin"), out());
        assertTrue(out().contains("memory") && out().contains("(default)"), out());
        assertTrue(Files.isDirectory(work.resolve("deploy")) && Files.isDirectory(work.resolve("etc")), "folders made");
    }

    @Test
    void theFirstFailingCommandStopsTheRunWithStatusOne() {
        int status = launch("-c", "store:create users\nstore:get users bob\nstore:delete users");

        assertEquals(ExitStatus.COMMAND_FAILED, status);
        assertTrue(err().contains("-c:2: CommandException: KEY_NOT_FOUND"), err());
        assertFalse(out().contains("deleted"), "the command after the failure did not run: " + out());
    }

    @Test
    void anUnknownCommandFails() {
        assertEquals(ExitStatus.COMMAND_FAILED, launch("-c", "store:nope"));
        assertTrue(err().contains("-c:1: CommandNotFoundException"), err());
    }

    @Test
    void aScriptFileRunsTheSameWay() throws IOException {
        Path script = Files.writeString(work.resolve("setup.gogo"), "# a store\nstore:create s\nstore:set s k v\n"
                + "echo (store:get s k)\nstore:has s missing\n");

        assertEquals(ExitStatus.OK, launch(script.toString()), err());
        assertTrue(out().contains("v"), out());
        assertTrue(out().contains("false"), out());
    }

    @Test
    void aScriptFromStandardInput() {
        InputStream in = new ByteArrayInputStream("store:create s; store:stores".getBytes(StandardCharsets.UTF_8));

        assertEquals(ExitStatus.OK, launch(in, "-"), err());
        assertTrue(out().contains("s  " + Layout.defaultEngine()), out());
    }

    @Test
    void aMissingScriptIsAUsageError() {
        assertEquals(ExitStatus.USAGE, launch(work.resolve("missing.gogo").toString()));
        assertTrue(err().contains("cannot read the script"), err());
    }

    @Test
    void theMultistoreLivesInTheDataFolderWithTheChosenDefaultEngine() {
        assertEquals(ExitStatus.OK, launch("--engine", "memory", "-c", "store:create s; store:info s"), err());

        assertTrue(out().contains("created store s (engine memory)"), out());
        assertTrue(out().contains(work.resolve("data").resolve("s").toString()), out());
    }

    @Test
    void aMultistoreConfigurationFileWins() throws IOException {
        Path elsewhere = work.resolve("elsewhere");
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(MultiStoreConfiguration.fileIn(work.resolve("etc")),
                "root.path = " + elsewhere + "\ndefault.engine = memory\n");

        assertEquals(ExitStatus.OK, launch("-c", "store:create s; store:info s"), err());

        assertTrue(out().contains(elsewhere.resolve("s").toString()), out());
    }

    @Test
    void storeConfigurationsInEtcAreThereWhenCommandsRun() throws IOException {
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc/dev.skeleton.storage.store-orders.cfg"), "name = orders\nengine = memory\n");

        assertEquals(ExitStatus.OK, launch("-c", "store:set orders o1 paid; store:get orders o1"), err());

        assertTrue(out().contains("paid"), out());
    }

    @Test
    void anEngineInDeployIsThereWhenCommandsRun() throws IOException {
        Files.createDirectories(work.resolve("deploy"));
        Files.copy(Layout.sampleEngine(), work.resolve("deploy/sample-engine.jar"));

        assertEquals(ExitStatus.OK, launch("-c", "store:create s sample; store:set s k v; store:get s k; store:engines"), err());

        assertTrue(out().contains("created store s (engine sample)"), out());
    }

    @Test
    void aMissingDefaultEngineIsOnlyAWarning() {
        assertEquals(ExitStatus.OK, launch("--engine", "nosuch", "-c", "store:engines"), err());
        assertTrue(err().contains("warning: the default engine nosuch is not installed"), err());
    }

    @Test
    void verboseReportsStartupTimeAndFootprint() {
        assertEquals(ExitStatus.OK, launch("-v", "-c", "store:engines"), err());
        assertTrue(err().matches("(?s).*started in \\d+ ms; heap \\d+ MiB used.*"), err());
    }

    /** A bundles folder with the layout's bundles but those named, plus the given jars. */
    private Path bundlesWithout(List<String> left, Path... added) throws IOException {
        Path bundles = Files.createDirectories(work.resolve("bundles"));
        try (var jars = Files.list(Layout.bundles())) {
            for (Path jar : jars.toList()) {
                if (left.stream().noneMatch(name -> jar.getFileName().toString().startsWith(name))) {
                    Files.copy(jar, bundles.resolve(jar.getFileName()));
                }
            }
        }
        for (Path jar : added) {
            Files.copy(jar, bundles.resolve(jar.getFileName()));
        }
        return bundles;
    }

    @Test
    void aPlatformBundleThatDoesNotStartFailsTheStart() throws IOException {
        Path broken = TestJars.bundle(work.resolve("broken/broken.jar"), "broken", "1.0.0",
                java.util.Map.of("Bundle-Activator", "no.such.Activator"));
        Path bundles = bundlesWithout(List.of(), broken);

        assertEquals(ExitStatus.START_FAILED, launch("--bundles", bundles.toString(), "-c", "store:engines"));

        assertTrue(err().contains("error: broken:"), err());
        assertTrue(err().contains("the platform did not start: [broken (broken.jar)]"), err());
    }

    @Test
    void withoutTheStoreCommandsThePlatformDoesNotStartInTime() throws IOException {
        Path bundles = bundlesWithout(List.of("shell-bundle"));
        Properties properties = new Properties();
        // Long enough for the start levels even on a loaded machine (they share the timeout), short
        // enough not to slow the suite much: the commands never come.
        properties.setProperty("skeleton.start.timeout", "4");

        int status = Main.run(new String[] {"--data", work.resolve("data").toString(), "--deploy", work.resolve("deploy").toString(),
                "--etc", work.resolve("etc").toString(), "--bundles", bundles.toString(), "-c", "store:engines"},
                properties, InputStream.nullInputStream(), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(ExitStatus.START_FAILED, status);
        assertTrue(err().contains("the store commands did not appear within 4 s"), err());
    }

    @Test
    void withoutConfigAdminTheMultistoreTakesTheLaunchersSettings() throws IOException {
        Path bundles = bundlesWithout(List.of("org.apache.felix.configadmin", "org.apache.felix.fileinstall"));

        assertEquals(ExitStatus.OK, launch("--bundles", bundles.toString(), "--engine", "memory",
                "-c", "store:create s; store:info s"), err());

        assertTrue(out().contains("created store s (engine memory)"), out());
        assertTrue(out().contains(work.resolve("data").resolve("s").toString()), out());
    }

    @Test
    void withoutBundlesThePlatformDoesNotStart() {
        int status = Main.run(new String[] {"--bundles", work.resolve("none").toString(), "-c", "store:engines"},
                new Properties(), InputStream.nullInputStream(), new PrintStream(out), new PrintStream(err));

        assertEquals(ExitStatus.START_FAILED, status);
        assertTrue(err().contains("does not exist"), err());
    }

    @Test
    void helpAndBadOptions() {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(ExitStatus.OK, Main.run(new String[] {"--help"}, new Properties(), InputStream.nullInputStream(), o, e));
        assertTrue(out().startsWith("Usage: skeleton"), out());

        assertEquals(ExitStatus.USAGE, Main.run(new String[] {"--nope"}, new Properties(), InputStream.nullInputStream(), o, e));
        assertTrue(err().contains("unknown option --nope (skeleton --help tells the options)"), err());
    }

    @Test
    void theHomeIsAPropertyOrTheJarsFolder() {
        Properties properties = new Properties();
        properties.setProperty("skeleton.home", "/opt/skeleton");
        assertEquals(Path.of("/opt/skeleton"), Main.home(properties));
        // From target/classes (not a jar) the working directory is the fallback.
        assertEquals(Path.of(""), Main.home(new Properties()));
    }
}
