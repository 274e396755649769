package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformBundlesTest {

    @TempDir
    Path bundles;

    @Test
    void bundlesAreOrderedByStartLevelThenName() throws LaunchException {
        TestJars.bundle(bundles.resolve("console.jar"), "dev.skeleton.storage.console", "1.0.0");
        TestJars.bundle(bundles.resolve("scr.jar"), "org.apache.felix.scr;singleton:=true", "2.2.12");
        TestJars.bundle(bundles.resolve("multistore.jar"), "dev.skeleton.storage.multistore", "1.0.0");
        TestJars.bundle(bundles.resolve("api.jar"), "dev.skeleton.storage.api", "1.0.0");

        List<PlatformBundle> found = PlatformBundles.scan(bundles, StartLevels.standard()).bundles();

        assertEquals(List.of("org.apache.felix.scr", "dev.skeleton.storage.api", "dev.skeleton.storage.multistore",
                "dev.skeleton.storage.console"), found.stream().map(PlatformBundle::symbolicName).toList());
        assertEquals(new PlatformBundle(bundles.resolve("scr.jar"), "org.apache.felix.scr", "2.2.12",
                StartLevel.FRAMEWORK_SERVICES), found.get(0));
    }

    @Test
    void aJarWithoutSymbolicNameIsSkippedWithTheReason() throws LaunchException {
        TestJars.bundle(bundles.resolve("api.jar"), "dev.skeleton.storage.api", null);
        TestJars.bundle(bundles.resolve("osgi.annotation.jar"), null, null);

        PlatformBundles scanned = PlatformBundles.scan(bundles, StartLevels.standard());

        assertEquals("0.0.0", scanned.bundles().get(0).version(), "no Bundle-Version");
        assertEquals(List.of("osgi.annotation.jar: not an OSGi bundle (no Bundle-SymbolicName)"), scanned.skipped());
    }

    @Test
    void filesOtherThanJarsAreIgnored() throws IOException, LaunchException {
        TestJars.bundle(bundles.resolve("api.jar"), "dev.skeleton.storage.api", "1.0.0");
        Files.writeString(bundles.resolve("README.txt"), "not a bundle");
        Files.createDirectories(bundles.resolve("sub.jar"));

        PlatformBundles scanned = PlatformBundles.scan(bundles, StartLevels.standard());

        assertEquals(1, scanned.bundles().size());
        assertTrue(scanned.skipped().isEmpty());
    }

    @Test
    void containsTellsWhetherABundleIsPartOfThePlatform() throws LaunchException {
        TestJars.bundle(bundles.resolve("file.jar"), Launcher.FILE_ENGINE_BUNDLE, "1.0.0");

        PlatformBundles scanned = PlatformBundles.scan(bundles, StartLevels.standard());

        assertTrue(scanned.contains(Launcher.FILE_ENGINE_BUNDLE));
        assertFalse(scanned.contains("dev.skeleton.storage.memory"));
    }

    @Test
    void theWebConsolesBundlesAreThereOnlyWhenItIsOnAndTheirStandInsOnlyWhenItIsOff() throws LaunchException {
        TestJars.bundle(bundles.resolve("api.jar"), "dev.skeleton.storage.api", "1.0.0");
        TestJars.bundle(bundles.resolve("servlet-whiteboard.jar"), "org.osgi.service.servlet", "2.0.0");
        TestJars.bundle(bundles.resolve("jetty.jar"), "org.apache.felix.http.jetty", "5.1.26");
        TestJars.bundle(bundles.resolve("plain.jar"), null, null);
        PlatformBundles all = PlatformBundles.scan(bundles, StartLevels.standard());

        PlatformBundles off = all.forWebConsole(false);
        PlatformBundles on = all.forWebConsole(true);

        assertEquals(List.of("org.osgi.service.servlet", "dev.skeleton.storage.api"),
                off.bundles().stream().map(PlatformBundle::symbolicName).toList());
        assertEquals(List.of("dev.skeleton.storage.api", "org.apache.felix.http.jetty"),
                on.bundles().stream().map(PlatformBundle::symbolicName).toList());
        assertEquals(all.skipped(), on.skipped());
        assertEquals(StartLevel.WEB, on.bundles().get(1).startLevel());
    }

    @Test
    void twoJarsOfOneBundleAreRefused() {
        TestJars.bundle(bundles.resolve("api-1.0.0.jar"), "dev.skeleton.storage.api", "1.0.0");
        TestJars.bundle(bundles.resolve("api-1.1.0.jar"), "dev.skeleton.storage.api", "1.1.0");

        LaunchException e = assertThrows(LaunchException.class, () -> PlatformBundles.scan(bundles, StartLevels.standard()));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().contains("api-1.0.0.jar and api-1.1.0.jar"), e.getMessage());
    }

    @Test
    void aMissingFolderTellsHowToBuildIt() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> PlatformBundles.scan(bundles.resolve("missing"), StartLevels.standard()));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().contains("mvn install"), e.getMessage());
    }

    @Test
    void aFolderWithoutBundlesIsRefused() {
        TestJars.bundle(bundles.resolve("plain.jar"), null, null);

        LaunchException e = assertThrows(LaunchException.class, () -> PlatformBundles.scan(bundles, StartLevels.standard()));

        assertTrue(e.getMessage().startsWith("no bundle in"), e.getMessage());
    }

    @Test
    void aBrokenJarIsNamed() throws IOException {
        Files.writeString(bundles.resolve("broken.jar"), "not a zip");

        LaunchException e = assertThrows(LaunchException.class, () -> PlatformBundles.scan(bundles, StartLevels.standard()));

        assertTrue(e.getMessage().contains("broken.jar"), e.getMessage());
    }
}
