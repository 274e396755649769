package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a Karaf features repository ({@code features.xml}) for the runtime's bundles, so that they
 * can be installed into another OSGi container. The build runs it on the runtime's bundles in Maven
 * repository layout ({@code target/skeleton/repository}), which gives each bundle its coordinates,
 * so the file always lists exactly the bundles the runtime runs, at the same start levels.
 *
 * <h2>What the file says</h2>
 * <ul>
 *   <li>feature {@code skeleton-storage}: the storage bundles (API, engines, multistore) and, marked
 *       {@code dependency="true"}, the framework services they need (DS, ConfigAdmin, EventAdmin,
 *       Metatype), which a container that has them keeps instead;</li>
 *   <li>feature {@code skeleton-storage-shell}: the store commands, with Gogo as a dependency.</li>
 * </ul>
 * A bundle's {@code start-level} is its runtime {@link StartLevel} times ten. FileInstall and the
 * Gogo console are left out: they are how this runtime is run, and a container has its own.
 *
 * <p>Usage: {@code FeaturesXml <repository folder> <output file> <version>}.
 */
public final class FeaturesXml {

    /** The group of this project's own bundles; every other bundle is a dependency. */
    private static final String OWN_GROUP = "dev.skeleton.storage";

    /**
     * A bundle in the repository.
     *
     * @param groupId    Maven group
     * @param artifactId Maven artifact
     * @param version    Maven version
     * @param level      runtime start level
     */
    record Entry(String groupId, String artifactId, String version, StartLevel level) {

        String url() {
            return "mvn:" + groupId + "/" + artifactId + "/" + version;
        }

        boolean own() {
            return groupId.equals(OWN_GROUP);
        }
    }

    private FeaturesXml() {
    }

    /**
     * Writes the file.
     *
     * @param args the repository folder, the output file and the project version
     * @throws IOException if the repository cannot be read or the file written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: FeaturesXml <repository folder> <output file> <version>");
        }
        List<Entry> entries = read(Path.of(args[0]), StartLevels.standard());
        Path output = Path.of(args[1]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, write(entries, args[2]));
    }

    /**
     * The bundles of a folder in Maven repository layout ({@code group/path/artifact/version/file.jar}).
     *
     * @param repository the folder
     * @param levels     the start level plan
     * @return the bundles, ordered by start level, then coordinates; jars that are no bundles are left out
     * @throws IOException if the folder cannot be read
     */
    static List<Entry> read(Path repository, StartLevels levels) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(repository)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                String symbolicName = symbolicNameOf(jar);
                if (symbolicName != null) {
                    entries.add(entryOf(repository.relativize(jar), levels.of(symbolicName)));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::level).thenComparing(Entry::url));
        return entries;
    }

    private static Entry entryOf(Path relative, StartLevel level) {
        int count = relative.getNameCount();
        if (count < 4) {
            throw new IllegalArgumentException(relative + " is not in Maven repository layout");
        }
        String groupId = relative.subpath(0, count - 3).toString().replace(relative.getFileSystem().getSeparator(), ".");
        return new Entry(groupId, relative.getName(count - 3).toString(), relative.getName(count - 2).toString(), level);
    }

    private static String symbolicNameOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? null : name.split(";", 2)[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /**
     * The features repository for some bundles.
     *
     * @param entries the bundles
     * @param version the project version
     * @return the XML text
     */
    static String write(List<Entry> entries, String version) {
        String featureVersion = version.replace('-', '.');
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Generated by dev.skeleton.storage.runtime.FeaturesXml from the runtime's bundles.\n")
                .append("     start-level: the runtime's start level times ten (framework services 10, storage 30,\n")
                .append("     commands 40). dependency=\"true\": a service the storage bundles need, which a container\n")
                .append("     that provides it already keeps instead. FileInstall and the Gogo console are left out. -->\n")
                .append("<features name=\"skeleton-storage-").append(version)
                .append("\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n");
        feature(xml, "skeleton-storage", featureVersion,
                "Skeleton Storage: the API, the engines and the multistore", null,
                entries, EnumSet.of(StartLevel.FRAMEWORK_SERVICES, StartLevel.STORAGE));
        feature(xml, "skeleton-storage-shell", featureVersion,
                "Skeleton Storage: the Gogo commands of scope store", "skeleton-storage",
                entries, EnumSet.of(StartLevel.COMMANDS));
        return xml.append("</features>\n").toString();
    }

    private static void feature(StringBuilder xml, String name, String version, String description, String requires,
                                List<Entry> entries, Set<StartLevel> levels) {
        xml.append("  <feature name=\"").append(name).append("\" version=\"").append(version)
                .append("\" description=\"").append(description).append("\">\n");
        if (requires != null) {
            xml.append("    <feature version=\"").append(version).append("\">").append(requires).append("</feature>\n");
        }
        for (Entry entry : entries) {
            if (levels.contains(entry.level())) {
                xml.append("    <bundle start-level=\"").append(entry.level().level() * 10).append('"')
                        .append(entry.own() ? "" : " dependency=\"true\"")
                        .append('>').append(entry.url()).append("</bundle>\n");
            }
        }
        xml.append("  </feature>\n");
    }
}
