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
 *   <li>feature {@code skeleton-storage-shell}: the store commands, with Gogo as a dependency;</li>
 *   <li>feature {@code skeleton-storage-webconsole}: the storage page of the web console, on the
 *       container's own feature {@value #CONTAINER_WEBCONSOLE} (Karaf's name for its Felix Web
 *       Console). That feature needs an HTTP server but does not bring one: the container's feature
 *       {@value #CONTAINER_HTTP} is therefore a {@code dependency="true"} one, installed only when no
 *       HTTP server is there yet, so that one {@code feature:install} is enough and a container
 *       with another HTTP server keeps it. The page is a {@code javax.servlet} servlet, which Karaf
 *       4.4's console runs as it is.</li>
 * </ul>
 * A bundle's {@code start-level} is its runtime {@link StartLevel} times ten. FileInstall and the
 * Gogo console are left out: they are how this runtime is run, and a container has its own. So is
 * the runtime's web stack (Jetty, the Web Console, its other plugins): a container has its own HTTP
 * server and console, and brings them with its {@value #CONTAINER_WEBCONSOLE} feature.
 *
 * <h2>The multistore's default configuration</h2>
 * Feature {@code skeleton-storage} carries a {@code <config>} for the multistore (PID
 * {@value MultiStoreConfiguration#PID}), which Karaf writes to {@code etc/} when the feature is
 * installed and no configuration of that PID exists yet (it never overwrites one):
 * <ul>
 *   <li>{@code root.path = ${karaf.data}/skeleton}: without it the multistore's relative default
 *       {@code data} resolves against Karaf's home, which is Karaf's own {@code data/} folder, so
 *       that a store named {@code log}, {@code cache} or {@code tmp} would share a folder with
 *       Karaf's. The stores get a folder of their own inside Karaf's data;</li>
 *   <li>{@code default.engine = file} when the file engine is among the bundles: the runtime's
 *       launcher makes the same choice, and without it a store created in Karaf without an engine
 *       would be a memory store, gone at the next restart.</li>
 * </ul>
 * Karaf substitutes {@code ${karaf.data}} when it reads the configuration; a container that is not
 * Karaf ignores the element, and its framework properties or configuration give the settings.
 *
 * <p>Usage: {@code FeaturesXml <repository folder> <output file> <version>}.
 */
public final class FeaturesXml {

    /** The group of this project's own bundles; every other bundle is a dependency. */
    private static final String OWN_GROUP = "dev.skeleton.storage";
    /** The container's feature with its Web Console (Karaf's name). */
    static final String CONTAINER_WEBCONSOLE = "webconsole";
    /** The container's feature with its HTTP server (Karaf's name: Pax Web). */
    static final String CONTAINER_HTTP = "http";

    /**
     * A bundle in the repository.
     *
     * @param groupId    Maven group
     * @param artifactId Maven artifact
     * @param version    Maven version
     * @param level      runtime start level
     * @param symbolicName the bundle's symbolic name
     */
    record Entry(String groupId, String artifactId, String version, StartLevel level, String symbolicName) {

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
                    entries.add(entryOf(repository.relativize(jar), levels.of(symbolicName), symbolicName));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::level).thenComparing(Entry::url));
        return entries;
    }

    private static Entry entryOf(Path relative, StartLevel level, String symbolicName) {
        int count = relative.getNameCount();
        if (count < 4) {
            throw new IllegalArgumentException(relative + " is not in Maven repository layout");
        }
        String groupId = relative.subpath(0, count - 3).toString().replace(relative.getFileSystem().getSeparator(), ".");
        return new Entry(groupId, relative.getName(count - 3).toString(), relative.getName(count - 2).toString(), level,
                symbolicName);
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
                .append("     commands 40, web console 50). dependency=\"true\": a service the storage bundles need,\n")
                .append("     which a container that provides it already keeps instead. FileInstall, the Gogo console\n")
                .append("     and the runtime's web stack are left out: the storage page runs on the container's own\n")
                .append("     webconsole feature.\n")
                .append("     config: the multistore's defaults, which Karaf writes to etc/ unless a configuration of that\n")
                .append("     PID exists: the stores in data/skeleton, not among Karaf's own folders in data/. -->\n")
                .append("<features name=\"skeleton-storage-").append(version)
                .append("\" xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\">\n");
        feature(xml, "skeleton-storage", featureVersion,
                "Skeleton Storage: the API, the engines and the multistore", List.of(), multiStoreConfig(entries),
                entries, EnumSet.of(StartLevel.FRAMEWORK_SERVICES, StartLevel.STORAGE));
        feature(xml, "skeleton-storage-shell", featureVersion,
                "Skeleton Storage: the Gogo commands of scope store", List.of("skeleton-storage"), "",
                entries, EnumSet.of(StartLevel.COMMANDS));
        feature(xml, "skeleton-storage-webconsole", featureVersion,
                "Skeleton Storage: the storage page of the web console",
                List.of("skeleton-storage", CONTAINER_HTTP, CONTAINER_WEBCONSOLE),
                "", entries.stream().filter(Entry::own).toList(), EnumSet.of(StartLevel.WEB));
        return xml.append("</features>\n").toString();
    }

    /**
     * The multistore's default configuration in Karaf: its stores in a folder of their own inside
     * Karaf's data folder, and the file engine as the default engine when it is there.
     */
    private static String multiStoreConfig(List<Entry> entries) {
        boolean fileEngine = entries.stream().anyMatch(entry -> entry.symbolicName().equals(Launcher.FILE_ENGINE_BUNDLE));
        return "    <config name=\"" + MultiStoreConfiguration.PID + "\">\n"
                + "      " + MultiStoreConfiguration.ROOT_PATH + " = ${karaf.data}/skeleton\n"
                + (fileEngine ? "      " + MultiStoreConfiguration.DEFAULT_ENGINE + " = file\n" : "")
                + "    </config>\n";
    }

    /**
     * One feature: the bundles of some levels, after the features it depends on. A feature of this
     * repository is required at this version; a container's at the version the container has, its
     * HTTP server only if none is there yet.
     */
    private static void feature(StringBuilder xml, String name, String version, String description,
                                List<String> requires, String config, List<Entry> entries, Set<StartLevel> levels) {
        xml.append("  <feature name=\"").append(name).append("\" version=\"").append(version)
                .append("\" description=\"").append(description).append("\">\n");
        for (String required : requires) {
            String element = switch (required) {
                case CONTAINER_HTTP -> "    <feature dependency=\"true\">";
                case CONTAINER_WEBCONSOLE -> "    <feature>";
                default -> "    <feature version=\"" + version + "\">";
            };
            xml.append(element).append(required).append("</feature>\n");
        }
        xml.append(config);
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
