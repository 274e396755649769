package dev.skeleton.storage.runtime;

import java.nio.file.Path;

/**
 * A bundle of the platform: its jar in the {@code bundles/} folder, what its manifest says, and the
 * level it starts at.
 *
 * @param jar          the jar file
 * @param symbolicName the {@code Bundle-SymbolicName}, without directives
 * @param version      the {@code Bundle-Version}, "0.0.0" if absent
 * @param startLevel   the level it starts at
 */
record PlatformBundle(Path jar, String symbolicName, String version, StartLevel startLevel) {
}
