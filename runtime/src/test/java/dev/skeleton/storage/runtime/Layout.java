package dev.skeleton.storage.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/** The runnable layout the build produced (target/skeleton), and what the tests need from it. */
final class Layout {

    private Layout() {
    }

    /** The layout folder: system property {@code skeleton.layout}, set by the build. */
    static Path root() {
        return Path.of(System.getProperty("skeleton.layout", "target/skeleton")).toAbsolutePath();
    }

    /** The platform bundles. */
    static Path bundles() {
        return root().resolve("bundles");
    }

    /** The sample engine's jar, copied by the build for the tests. */
    static Path sampleEngine() {
        Path jar = Path.of(System.getProperty("skeleton.test.bundles", "target/test-bundles"), "sample-engine.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven");
        }
        return jar.toAbsolutePath();
    }

    /** Whether the layout holds the persistent engine, which is then the default engine. */
    static boolean hasFileEngine() {
        try {
            return PlatformBundles.scan(bundles(), StartLevels.standard()).contains(Launcher.FILE_ENGINE_BUNDLE);
        } catch (LaunchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Whether the layout holds the web console's storage page (module webconsole-bundle). */
    static boolean hasStoragePage() {
        try {
            return PlatformBundles.scan(bundles(), StartLevels.standard()).contains(WebConsole.STORAGE_PAGE_BUNDLE);
        } catch (LaunchException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The engine of stores created without one. */
    static String defaultEngine() {
        return hasFileEngine() ? "file" : "memory";
    }
}
