package dev.skeleton.storage.karaf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * The runtime's {@code features.xml} is valid for the schema of the namespace it declares, as the
 * Karaf distribution under test ships that schema (in its features core bundle): every element the
 * generator writes, {@code <config>} included, is one that Karaf's version of the format knows.
 */
class FeaturesSchemaIT {

    private static final Pattern NAMESPACE = Pattern.compile("xmlns=\"http://karaf\\.apache\\.org/xmlns/features/v([0-9.]+)\"");

    @Test
    void theFeaturesFileIsValidForTheSchemaOfItsNamespace() throws IOException, SAXException {
        Path features = Path.of(System.getProperty("skeleton.runtime.layout")).resolve("features.xml");
        Matcher namespace = NAMESPACE.matcher(Files.readString(features));
        assertTrue(namespace.find(), "no Karaf features namespace in " + features);

        URI schema = URI.create("jar:" + featuresCoreJar().toUri() + "!/org/apache/karaf/features/karaf-features-"
                + namespace.group(1) + ".xsd");

        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema.toURL())
                .newValidator().validate(new StreamSource(features.toFile()));
    }

    /** The features core bundle in the distribution's system/ repository. */
    private static Path featuresCoreJar() throws IOException {
        Path distribution = Path.of(System.getProperty("karaf.distribution"));
        Path folder = distribution.resolve("system/org/apache/karaf/features/org.apache.karaf.features.core");
        try (Stream<Path> versions = Files.list(folder)) {
            Path version = versions.findFirst()
                    .orElseThrow(() -> new IllegalStateException("no features core bundle in " + folder));
            return version.resolve("org.apache.karaf.features.core-" + version.getFileName() + ".jar");
        }
    }
}
