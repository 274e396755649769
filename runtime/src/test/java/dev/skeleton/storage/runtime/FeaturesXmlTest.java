package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesXmlTest {

    @TempDir
    Path dir;
    private Path repository;

    @BeforeEach
    void repository() {
        repository = dir.resolve("repository");
        jar("org/apache/felix/org.apache.felix.scr/2.2.12", "org.apache.felix.scr");
        jar("org/apache/felix/org.apache.felix.fileinstall/3.7.4", "org.apache.felix.fileinstall");
        jar("org/apache/felix/org.apache.felix.gogo.runtime/1.1.6", "org.apache.felix.gogo.runtime");
        jar("org/jline/jline/3.26.3", "org.jline");
        jar("dev/skeleton/storage/api-bundle/1.0.0-SNAPSHOT", "dev.skeleton.storage.api");
        jar("dev/skeleton/storage/file-bundle/1.0.0-SNAPSHOT", "dev.skeleton.storage.file");
        jar("dev/skeleton/storage/shell-bundle/1.0.0-SNAPSHOT", "dev.skeleton.storage.shell");
        jar("dev/skeleton/storage/console-bundle/1.0.0-SNAPSHOT", "dev.skeleton.storage.console");
        jar("org/apache/felix/org.apache.felix.http.jetty/5.1.26", "org.apache.felix.http.jetty");
        jar("org/apache/felix/org.apache.felix.webconsole/5.0.8", "org.apache.felix.webconsole");
        jar("dev/skeleton/storage/webconsole-bundle/1.0.0-SNAPSHOT", "dev.skeleton.storage.webconsole");
        TestJars.bundle(repository.resolve("org/example/plain/1.0/plain-1.0.jar"), null, null);
    }

    private void jar(String folder, String symbolicName) {
        String[] parts = folder.split("/");
        String file = parts[parts.length - 2] + "-" + parts[parts.length - 1] + ".jar";
        TestJars.bundle(repository.resolve(folder).resolve(file), symbolicName, "1");
    }

    @Test
    void coordinatesComeFromTheRepositoryLayoutAndLevelsFromThePlan() throws IOException {
        List<FeaturesXml.Entry> entries = FeaturesXml.read(repository, StartLevels.standard());

        assertEquals(List.of(
                "mvn:org.apache.felix/org.apache.felix.scr/2.2.12",
                "mvn:org.apache.felix/org.apache.felix.fileinstall/3.7.4",
                "mvn:dev.skeleton.storage/api-bundle/1.0.0-SNAPSHOT",
                "mvn:dev.skeleton.storage/file-bundle/1.0.0-SNAPSHOT",
                "mvn:dev.skeleton.storage/shell-bundle/1.0.0-SNAPSHOT",
                "mvn:org.apache.felix/org.apache.felix.gogo.runtime/1.1.6",
                "mvn:dev.skeleton.storage/webconsole-bundle/1.0.0-SNAPSHOT",
                "mvn:org.apache.felix/org.apache.felix.http.jetty/5.1.26",
                "mvn:org.apache.felix/org.apache.felix.webconsole/5.0.8",
                "mvn:dev.skeleton.storage/console-bundle/1.0.0-SNAPSHOT",
                "mvn:org.jline/jline/3.26.3"),
                entries.stream().map(FeaturesXml.Entry::url).toList());
        assertEquals(StartLevel.FRAMEWORK_SERVICES, entries.get(0).level());
    }

    @Test
    void theFeaturesListStorageWithItsServicesAndTheShellApart() throws IOException {
        Path output = dir.resolve("out/features.xml");

        FeaturesXml.main(new String[] {repository.toString(), output.toString(), "1.0.0-SNAPSHOT"});

        String xml = Files.readString(output);
        String storage = between(xml, "<feature name=\"skeleton-storage\"", "</feature>");
        String shell = between(xml, "<feature name=\"skeleton-storage-shell\"", "</feature>\n  <feature");
        assertTrue(xml.contains("<features name=\"skeleton-storage-1.0.0-SNAPSHOT\""), xml);
        assertTrue(storage.contains("version=\"1.0.0.SNAPSHOT\""), storage);
        assertTrue(storage.contains(
                "<bundle start-level=\"10\" dependency=\"true\">mvn:org.apache.felix/org.apache.felix.scr/2.2.12</bundle>"), storage);
        assertTrue(storage.contains(
                "<bundle start-level=\"30\">mvn:dev.skeleton.storage/file-bundle/1.0.0-SNAPSHOT</bundle>"), storage);
        assertTrue(shell.contains("<feature version=\"1.0.0.SNAPSHOT\">skeleton-storage</feature>"), shell);
        assertTrue(shell.contains(
                "<bundle start-level=\"40\">mvn:dev.skeleton.storage/shell-bundle/1.0.0-SNAPSHOT</bundle>"), shell);
        assertTrue(shell.contains(
                "<bundle start-level=\"40\" dependency=\"true\">mvn:org.apache.felix/org.apache.felix.gogo.runtime/1.1.6</bundle>"), shell);
        assertTrue(!xml.contains("fileinstall") && !xml.contains("jline") && !xml.contains("/console-bundle/")
                && !xml.contains("plain"), "left out: FileInstall, the console (its bundle and JLine), non-bundles");
    }

    @Test
    void theStoragePageIsAFeatureOfItsOwnOnTheContainersWebConsoleWithoutTheRuntimesWebStack() throws IOException {
        String xml = FeaturesXml.write(FeaturesXml.read(repository, StartLevels.standard()), "1.0.0-SNAPSHOT");

        String storage = between(xml, "<feature name=\"skeleton-storage\"", "</feature>");
        String page = between(xml, "<feature name=\"skeleton-storage-webconsole\"", "</feature>\n</features>");
        assertEquals("<feature name=\"skeleton-storage-webconsole\" version=\"1.0.0.SNAPSHOT\""
                + " description=\"Skeleton Storage: the storage page of the web console\">\n"
                + "    <feature version=\"1.0.0.SNAPSHOT\">skeleton-storage</feature>\n"
                + "    <feature dependency=\"true\">http</feature>\n"
                + "    <feature>webconsole</feature>\n"
                + "    <bundle start-level=\"50\">mvn:dev.skeleton.storage/webconsole-bundle/1.0.0-SNAPSHOT</bundle>\n  ", page);
        assertFalse(storage.contains("webconsole") || storage.contains("jetty"), storage);
        assertFalse(xml.contains("org.apache.felix.webconsole/") || xml.contains("http.jetty"),
                "the runtime's web stack is left to the container: " + xml);
    }

    @Test
    void theStorageFeatureGivesTheStoresAFolderOfTheirOwnInKarafsDataAndTheFileEngineAsDefault() throws IOException {
        String xml = FeaturesXml.write(FeaturesXml.read(repository, StartLevels.standard()), "1.0.0-SNAPSHOT");

        String storage = between(xml, "<feature name=\"skeleton-storage\"", "</feature>");
        String shell = between(xml, "<feature name=\"skeleton-storage-shell\"", "</feature>\n  <feature");
        assertTrue(storage.contains("    <config name=\"dev.skeleton.storage.multistore\">\n"
                + "      root.path = ${karaf.data}/skeleton\n"
                + "      default.engine = file\n"
                + "    </config>\n"), storage);
        assertFalse(shell.contains("<config"), shell);
    }

    @Test
    void withoutTheFileEngineTheConfigurationLeavesTheDefaultEngineToTheMultistore() throws IOException {
        deleteTree(repository.resolve("dev/skeleton/storage/file-bundle"));

        String xml = FeaturesXml.write(FeaturesXml.read(repository, StartLevels.standard()), "1.0.0-SNAPSHOT");

        assertTrue(xml.contains("root.path = ${karaf.data}/skeleton"), xml);
        assertFalse(xml.contains("default.engine"), xml);
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        return text.substring(from, text.indexOf(end, from));
    }

    @Test
    void aJarOutsideTheRepositoryLayoutIsAnError() {
        TestJars.bundle(repository.resolve("stray.jar"), "stray", "1");

        assertThrows(IllegalArgumentException.class, () -> FeaturesXml.read(repository, StartLevels.standard()));
    }

    @Test
    void theArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> FeaturesXml.main(new String[] {"only-one"}));
    }
}
