package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The packaged bundle, as a container sees it: what it imports (the Servlet API as a range that
 * takes 3.1 and 4.0, the storage API, the JDK; nothing of the Web Console), that it exports
 * nothing, the component that registers the plugin with the console's properties, and the page's
 * files inside it.
 */
class BundleShapeIT {

    private static final String COMPONENT = "OSGI-INF/dev.skeleton.storage.webconsole.StorageConsolePlugin.xml";

    @Test
    void manifestNamesTheBundleAndImportsTheServletApiAsARange() throws IOException {
        Attributes manifest = manifest();
        assertEquals("dev.skeleton.storage.webconsole", manifest.getValue("Bundle-SymbolicName"));
        assertNull(manifest.getValue("Export-Package"));
        assertEquals(COMPONENT, manifest.getValue("Service-Component"));
        List<String> imports = clauses(manifest.getValue("Import-Package"));
        assertTrue(imports.contains("javax.servlet;version=\"[3.1,5)\""), imports.toString());
        assertTrue(imports.contains("javax.servlet.http;version=\"[3.1,5)\""), imports.toString());
        assertTrue(imports.contains("dev.skeleton.storage;version=\"[1.1,2)\""), imports.toString());
        for (String clause : imports) {
            String name = clause.split(";")[0];
            assertTrue(name.startsWith("java.") || name.startsWith("javax.servlet") || name.equals("dev.skeleton.storage"),
                    "unexpected import " + clause);
        }
    }

    @Test
    void theComponentRegistersAServletWithTheConsolesProperties() throws IOException {
        String xml = entry(COMPONENT);
        assertTrue(xml.contains("<provide interface=\"javax.servlet.Servlet\"/>"), xml);
        assertTrue(xml.contains("<property name=\"felix.webconsole.label\" type=\"String\" value=\"storage\"/>"), xml);
        assertTrue(xml.contains("<property name=\"felix.webconsole.title\" type=\"String\" value=\"Storage\"/>"), xml);
        assertTrue(xml.contains(
                "<property name=\"felix.webconsole.category\" type=\"String\" value=\"Skeleton Storage\"/>"), xml);
        assertTrue(xml.contains("interface=\"dev.skeleton.storage.MultiStore\""), xml);
        assertTrue(xml.contains("cardinality=\"0..1\" policy=\"dynamic\""), xml);
        assertTrue(xml.contains("policy-option=\"greedy\""), xml);
    }

    @Test
    void thePagesFilesAreInside() throws IOException {
        try (JarFile jar = new JarFile(bundle().toFile())) {
            for (String name : new String[] {"page.html", "res/storage.js", "res/storage.css"}) {
                ZipEntry entry = jar.getEntry("dev/skeleton/storage/webconsole/" + name);
                assertNotNull(entry, name);
                assertTrue(entry.getSize() > 0, name);
            }
            assertNotNull(jar.getEntry("module-info.class"));
        }
    }

    private static Path bundle() {
        return Path.of(System.getProperty("skeleton.bundle.jar"));
    }

    private static Attributes manifest() throws IOException {
        try (JarFile jar = new JarFile(bundle().toFile())) {
            return jar.getManifest().getMainAttributes();
        }
    }

    private static String entry(String name) throws IOException {
        try (JarFile jar = new JarFile(bundle().toFile()); InputStream in = jar.getInputStream(jar.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The clauses of a manifest header, split at commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        return clauses;
    }
}
