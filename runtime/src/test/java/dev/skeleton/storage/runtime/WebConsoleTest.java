package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

class WebConsoleTest {

    @TempDir
    Path etc;

    private static PlatformBundle bundle(String symbolicName) {
        return new PlatformBundle(Path.of(symbolicName + ".jar"), symbolicName, "1", StartLevels.standard().of(symbolicName));
    }

    @ParameterizedTest
    @CsvSource({
            // symbolic name,                         off,   on
            "org.apache.felix.http.jetty,              false, true",
            "org.apache.felix.webconsole,              false, true",
            "org.apache.felix.http.servlet-api,        false, true",
            "org.apache.felix.healthcheck.webconsoleplugin, false, true",
            "dev.skeleton.storage.webconsole,          false, true",
            "jakarta.servlet-api,                      true,  false",
            "org.osgi.service.servlet,                 true,  false",
            "org.apache.felix.healthcheck.core,        true,  true",
            "dev.skeleton.storage.multistore,          true,  true",
    })
    void theWebStackIsInstalledOnlyWhenOnAndItsStandInsOnlyWhenOff(String symbolicName, boolean off, boolean on) {
        assertEquals(off, WebConsole.installs(bundle(symbolicName), false), "off");
        assertEquals(on, WebConsole.installs(bundle(symbolicName), true), "on");
    }

    @Test
    void aPortInUseIsRefusedNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            WebAddress address = new WebAddress("127.0.0.1", taken.getLocalPort());

            LaunchException e = assertThrows(LaunchException.class, () -> WebConsole.requireFree(address));

            assertEquals(ExitStatus.START_FAILED, e.exitStatus());
            assertTrue(e.getMessage().startsWith("the web console cannot listen on 127.0.0.1 port " + taken.getLocalPort()),
                    e.getMessage());
        }
    }

    @Test
    void aFreePortPasses() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        assertDoesNotThrow(() -> WebConsole.requireFree(new WebAddress("127.0.0.1", port)));
    }

    @Test
    void anAddressNotOfThisMachineIsRefused() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> WebConsole.requireFree(new WebAddress("no-such-host.invalid", 8080)));

        assertTrue(e.getMessage().contains("no-such-host.invalid port 8080"), e.getMessage());
    }

    @Test
    void withoutTheWebStackInTheBundlesFolderTheConsoleCannotBeOn() throws LaunchException {
        TestJars.bundle(etc.resolve("api.jar"), "dev.skeleton.storage.api", "1");
        TestJars.bundle(etc.resolve("webconsole.jar"), "org.apache.felix.webconsole", "5");
        PlatformBundles bundles = PlatformBundles.scan(etc, StartLevels.standard());

        LaunchException e = assertThrows(LaunchException.class, () -> WebConsole.requireBundles(bundles, etc));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertEquals("--web needs the web console's bundles, and " + etc + " lacks org.apache.felix.http.jetty",
                e.getMessage());
    }

    @Test
    void jettyAndTheConsoleAreConfiguredThroughFrameworkProperties() throws LaunchException {
        WebCredentials credentials = WebCredentials.of(etc, new SecureRandom());
        WebConsole console = new WebConsole(new WebAddress("127.0.0.1", 9090), credentials);

        Map<String, String> properties = console.frameworkProperties();

        assertEquals("9090", properties.get("org.osgi.service.http.port"));
        assertEquals("127.0.0.1", properties.get("org.apache.felix.http.host"));
        assertEquals("true", properties.get("org.apache.felix.http.enable"));
        assertEquals("admin", properties.get("felix.webconsole.username"));
        assertEquals(credentials.passwordHash(), properties.get("felix.webconsole.password"));
        assertTrue(properties.get("felix.webconsole.password").startsWith("{sha-256}"));
    }

    @Test
    void theConsoleListensOnceJettysRuntimeServiceIsThereAndFailsWithoutIt() throws Exception {
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of("org.osgi.framework.storage", etc.resolve("cache").toString(),
                        "org.osgi.framework.storage.clean", "onFirstInit"));
        framework.init();
        try {
            BundleContext context = framework.getBundleContext();
            WebConsole console = new WebConsole(new WebAddress("127.0.0.1", 9090), WebCredentials.of(etc, new SecureRandom()));

            LaunchException e = assertThrows(LaunchException.class,
                    () -> console.awaitListening(context, Duration.ofMillis(50)));
            assertEquals(ExitStatus.START_FAILED, e.exitStatus());
            assertEquals("the web console does not listen on 127.0.0.1 port 9090 (see the error above)", e.getMessage());

            // Jetty's runtime service (its API is on the test's class path): only its registration matters.
            Class<?> runtime = Class.forName(WebConsole.HTTP_RUNTIME);
            Object service = Proxy.newProxyInstance(runtime.getClassLoader(), new Class<?>[] {runtime},
                    (proxy, method, args) -> null);
            context.registerService(WebConsole.HTTP_RUNTIME, service,
                    new Hashtable<>(Map.of("osgi.http.endpoint", new String[] {"http://127.0.0.1:9090/"})));
            assertEquals("http://127.0.0.1:9090/", console.awaitListening(context, Duration.ofSeconds(5)));
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void theBannerLinePointsAtTheStoragePageWhenItIsThere() throws LaunchException {
        WebCredentials credentials = WebCredentials.of(etc, new SecureRandom());
        WebConsole console = new WebConsole(new WebAddress("0.0.0.0", 8080), credentials);

        assertEquals("http://127.0.0.1:8080/system/console/storage  (user admin, new random password in "
                + etc.resolve("webconsole.password") + ")", console.describe(true));
        assertTrue(console.describe(false).startsWith("http://127.0.0.1:8080/system/console  ("), console.describe(false));
        assertFalse(console.describe(false).contains(credentials.passwordHash()));
    }
}
