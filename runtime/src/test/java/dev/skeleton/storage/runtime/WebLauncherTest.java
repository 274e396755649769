package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher with and without {@code --web}, in this JVM on the layout's bundles: which bundles
 * run, the credentials file, what the start says, and the failures it reports. What the web
 * console then serves is {@link WebConsoleIT}'s and {@link WebConsoleBrowserIT}'s.
 */
@Timeout(120)
class WebLauncherTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the launcher with the folders in the test's work folder and the layout's bundles (unless given). */
    private int launch(String... args) {
        List<String> all = new ArrayList<>(List.of("--data", work.resolve("data").toString(),
                "--deploy", work.resolve("deploy").toString(), "--etc", work.resolve("etc").toString()));
        if (!List.of(args).contains("--bundles")) {
            all.addAll(List.of("--bundles", Layout.bundles().toString()));
        }
        all.addAll(List.of(args));
        return Main.run(all.toArray(String[]::new), new Properties(), InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void withoutWebThereIsNoHttpServerAndTheServletApisStandIn() {
        assertEquals(ExitStatus.OK, launch("-c", "lb -s"), err());

        assertFalse(out().contains("org.apache.felix.http.jetty") || out().contains("org.apache.felix.webconsole"), out());
        assertTrue(out().contains("org.osgi.service.servlet") && out().contains("jakarta.servlet-api"), out());
        assertFalse(Files.exists(work.resolve("etc").resolve(WebCredentials.FILE)), "no password without --web");
    }

    @Test
    void withWebTheStackRunsInsteadOfTheStandInsAndThePasswordIsMade() throws IOException {
        int port = freePort();

        assertEquals(ExitStatus.OK, launch("--web", Integer.toString(port), "-c", "lb -s"), err());

        for (String bundle : List.of("org.apache.felix.http.jetty", "org.apache.felix.webconsole",
                "org.apache.felix.http.servlet-api", "org.apache.felix.healthcheck.webconsoleplugin")) {
            assertTrue(out().contains(bundle), bundle + " in\n" + out());
        }
        assertFalse(out().contains("jakarta.servlet-api") || out().contains("org.osgi.service.servlet ("), out());
        assertFalse(out().matches("(?s).*\\|(Installed|Resolved) .*"), "every bundle runs:\n" + out());
        Path password = work.resolve("etc").resolve(WebCredentials.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertTrue(err().contains("skeleton: web console: http://127.0.0.1:" + port + "/system/console"
                + (Layout.hasStoragePage() ? "/storage" : "") + "  (user admin, new random password in " + password + ")"),
                err());
    }

    @Test
    void aPortInUseFailsTheStartBeforeAnythingRuns() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(ExitStatus.START_FAILED, launch("--web", Integer.toString(taken.getLocalPort()), "-c", "lb"));
        }

        assertTrue(err().contains("the web console cannot listen on 127.0.0.1 port"), err());
        assertFalse(out().contains("org.apache.felix"), "no command ran: " + out());
    }

    @Test
    void aBundlesFolderWithoutTheWebStackFailsTheStartWithWeb() throws IOException {
        Path bundles = Files.createDirectories(work.resolve("bundles"));
        try (var jars = Files.list(Layout.bundles())) {
            for (Path jar : jars.filter(jar -> !jar.getFileName().toString().startsWith("org.apache.felix.http.jetty")).toList()) {
                Files.copy(jar, bundles.resolve(jar.getFileName()));
            }
        }

        assertEquals(ExitStatus.START_FAILED, launch("--bundles", bundles.toString(), "--web", Integer.toString(freePort()),
                "-c", "lb"));

        assertTrue(err().contains("--web needs the web console's bundles, and " + bundles + " lacks org.apache.felix.http.jetty"),
                err());
    }

    @Test
    void aPasswordFileWithoutPasswordFailsTheStart() throws IOException {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Files.writeString(etc.resolve(WebCredentials.FILE), "user=admin\n");

        assertEquals(ExitStatus.START_FAILED, launch("--web", Integer.toString(freePort()), "-c", "lb"));

        assertTrue(err().contains(etc.resolve(WebCredentials.FILE) + " has no password"), err());
    }
}
