package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The bundles of the platform: every OSGi bundle in the {@code bundles/} folder, with the level it
 * starts at. The folder is the list: the build copies the runtime's dependencies there, and the
 * launcher installs what it finds, so a bundle added to the runtime's pom needs no code.
 *
 * <p>A jar without {@code Bundle-SymbolicName} is not a bundle: it is skipped with a reason (the
 * build should not have copied it). Two bundles with one symbolic name are refused: a stale jar of
 * another version must not be installed beside the new one.
 *
 * <p>Immutable.
 */
final class PlatformBundles {

    private final List<PlatformBundle> bundles;
    private final List<String> skipped;

    private PlatformBundles(List<PlatformBundle> bundles, List<String> skipped) {
        this.bundles = List.copyOf(bundles);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Reads the manifests of the jars in a folder.
     *
     * @param folder the {@code bundles/} folder
     * @param levels the start level plan
     * @return the bundles, ordered by start level, then symbolic name
     * @throws LaunchException {@link ExitStatus#START_FAILED} if the folder is missing or holds no
     *         bundle, if a jar cannot be read, or if two jars are the same bundle
     */
    static PlatformBundles scan(Path folder, StartLevels levels) throws LaunchException {
        List<PlatformBundle> found = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path jar : jarsIn(folder)) {
            Manifest manifest = manifestOf(jar);
            Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
            String symbolicName = main.getValue("Bundle-SymbolicName");
            if (symbolicName == null) {
                skipped.add(jar.getFileName() + ": not an OSGi bundle (no Bundle-SymbolicName)");
                continue;
            }
            String name = symbolicName.split(";", 2)[0].trim();
            String version = main.getValue("Bundle-Version");
            found.add(new PlatformBundle(jar, name, version == null ? "0.0.0" : version.trim(), levels.of(name)));
        }
        if (found.isEmpty()) {
            throw new LaunchException(ExitStatus.START_FAILED, "no bundle in " + folder
                    + ": build the runtime first (mvn install), or point --bundles at its bundles folder");
        }
        requireDistinct(found);
        found.sort(Comparator.comparing(PlatformBundle::startLevel).thenComparing(PlatformBundle::symbolicName));
        return new PlatformBundles(found, skipped);
    }

    /**
     * The bundles to install with the web console on or off (see {@link WebConsole#installs}).
     *
     * @param on whether the web console is on
     * @return the bundles of this folder that run so, in the same order; the same skipped jars
     */
    PlatformBundles forWebConsole(boolean on) {
        return new PlatformBundles(bundles.stream().filter(bundle -> WebConsole.installs(bundle, on)).toList(), skipped);
    }

    /**
     * The bundles, in the order they are installed and started.
     *
     * @return the bundles, ordered by start level, then symbolic name
     */
    List<PlatformBundle> bundles() {
        return bundles;
    }

    /**
     * The jars that were left out, each with the reason.
     *
     * @return one line per jar
     */
    List<String> skipped() {
        return skipped;
    }

    /**
     * Whether a bundle is part of the platform.
     *
     * @param symbolicName the bundle's symbolic name
     * @return true if one of the bundles has it
     */
    boolean contains(String symbolicName) {
        return bundles.stream().anyMatch(bundle -> bundle.symbolicName().equals(symbolicName));
    }

    private static List<Path> jarsIn(Path folder) throws LaunchException {
        if (!Files.isDirectory(folder)) {
            throw new LaunchException(ExitStatus.START_FAILED, "the bundles folder " + folder
                    + " does not exist: build the runtime first (mvn install), or point --bundles at it");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "cannot list the bundles folder " + folder + ": " + e, e);
        }
    }

    private static Manifest manifestOf(Path jar) throws LaunchException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest();
        } catch (IOException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "cannot read the bundle " + jar + ": " + e, e);
        }
    }

    private static void requireDistinct(List<PlatformBundle> bundles) throws LaunchException {
        Map<String, PlatformBundle> seen = new HashMap<>();
        for (PlatformBundle bundle : bundles) {
            PlatformBundle other = seen.putIfAbsent(bundle.symbolicName(), bundle);
            if (other != null) {
                throw new LaunchException(ExitStatus.START_FAILED, "two jars are the bundle " + bundle.symbolicName()
                        + ": " + other.jar().getFileName() + " and " + bundle.jar().getFileName()
                        + "; remove the stale one (a clean build of the runtime does)");
            }
        }
    }
}
