package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The framework's life with made-up bundles: what happens when bundles are broken. */
@Timeout(30)
class PlatformTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Platform platform;

    private Platform platform() throws LaunchException {
        platform = Platform.create(Map.of("org.osgi.framework.storage", dir.resolve("cache").toString(),
                "org.osgi.framework.storage.clean", "onFirstInit", "felix.log.level", "0"));
        return platform;
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            assertTrue(platform.stop(TIMEOUT));
        }
    }

    private PlatformBundle bundle(String name, StartLevel level, Map<String, String> headers) {
        return new PlatformBundle(TestJars.bundle(dir.resolve(name + ".jar"), name, "1.0.0", headers), name, "1.0.0", level);
    }

    @Test
    void bundlesStartLevelByLevel() throws LaunchException {
        PlatformBundle early = bundle("early", StartLevel.FRAMEWORK_SERVICES, Map.of());
        PlatformBundle late = bundle("late", StartLevel.STORAGE, Map.of());
        Platform platform = platform();
        platform.install(List.of(early, late));

        platform.raiseTo(StartLevel.FRAMEWORK_SERVICES, TIMEOUT);
        assertEquals(List.of("late (late.jar)"), platform.inactive(List.of(early, late)));

        platform.raiseTo(StartLevel.STORAGE, TIMEOUT);
        platform.raiseTo(StartLevel.FOLDERS, TIMEOUT);
        assertEquals(List.of(), platform.inactive(List.of(early, late)));
        assertTrue(platform.isActive());
    }

    @Test
    void aBundleWhoseActivatorFailsIsReportedWithTheError() throws LaunchException {
        PlatformBundle broken = bundle("broken", StartLevel.STORAGE, Map.of("Bundle-Activator", "no.such.Activator"));
        Platform platform = platform();
        platform.install(List.of(broken));

        platform.raiseTo(StartLevel.STORAGE, TIMEOUT);

        assertEquals(List.of("broken (broken.jar)"), platform.inactive(List.of(broken)));
        assertEquals(1, platform.errors().size());
        assertTrue(platform.errors().get(0).startsWith("broken: "), platform.errors().toString());
    }

    @Test
    void aFragmentIsInstalledButNeverStarted() throws LaunchException {
        PlatformBundle host = bundle("host", StartLevel.STORAGE, Map.of());
        PlatformBundle fragment = bundle("fragment", StartLevel.STORAGE, Map.of("Fragment-Host", "host"));
        Platform platform = platform();
        platform.install(List.of(host, fragment));

        platform.raiseTo(StartLevel.STORAGE, TIMEOUT);

        assertEquals(List.of(), platform.inactive(List.of(host, fragment)));
    }

    @Test
    void aJarThatIsNoValidBundleIsNamed() throws LaunchException {
        PlatformBundle invalid = bundle("invalid", StartLevel.STORAGE, Map.of("Import-Package", "a;version=\"[1,\""));
        Platform platform = platform();

        LaunchException e = assertThrows(LaunchException.class, () -> platform.install(List.of(invalid)));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().startsWith("cannot install invalid.jar"), e.getMessage());
    }

    @Test
    void waitingForAStopIsBounded() throws LaunchException {
        Platform platform = platform();
        platform.raiseTo(StartLevel.FRAMEWORK_SERVICES, TIMEOUT);

        assertFalse(platform.awaitStop(Duration.ofMillis(50)), "still running");
        assertTrue(platform.stop(TIMEOUT));
        assertFalse(platform.isActive());
        assertTrue(platform.awaitStop(Duration.ofMillis(50)), "stopped");
    }
}
