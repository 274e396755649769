package dev.skeleton.storage.multistore.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Metatype description of store configurations as the packaged bundle carries it (bnd writes
 * the XML from {@link StoreConfigurationSettings} when it makes the jar): a factory PID, with every
 * key {@link StoreConfiguration} reads under the key names configuration files use, their types,
 * and no Metatype default.
 */
class StoreConfigurationMetatypeIT {

    private static final String XML = "OSGI-INF/metatype/" + StoreConfigurationSettings.class.getName() + ".xml";

    private static Element ocd;
    private static Element designate;
    private static final Map<String, Element> ATTRIBUTES = new LinkedHashMap<>();

    @BeforeAll
    static void readTheBundlesMetatype() throws Exception {
        Path jar = Path.of(System.getProperty("skeleton.bundle.jar", "target/multistore-bundle.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged bundle, " + jar);
        try (JarFile bundle = new JarFile(jar.toFile())) {
            ZipEntry entry = bundle.getEntry(XML);
            assertNotNull(entry, XML + " in " + jar);
            try (InputStream in = bundle.getInputStream(entry)) {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                Document metatype = factory.newDocumentBuilder().parse(in);
                ocd = only(metatype.getElementsByTagName("OCD"));
                designate = only(metatype.getElementsByTagName("Designate"));
            }
        }
        NodeList ads = ocd.getElementsByTagName("AD");
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            ATTRIBUTES.put(ad.getAttribute("id"), ad);
        }
    }

    @Test
    void theStoreConfigurationsAreAFactoryPid() {
        assertEquals(StoreConfiguration.FACTORY_PID, designate.getAttribute("factoryPid"));
        assertEquals("", designate.getAttribute("pid"), "a factory PID, not a single configuration");
        assertEquals(ocd.getAttribute("id"), only(designate.getElementsByTagName("Object")).getAttribute("ocdref"));
        assertEquals("Skeleton Storage store", ocd.getAttribute("name"));
        assertFalse(ocd.getAttribute("description").isBlank());
    }

    @Test
    void everyKeyIsDescribedUnderItsConfigurationFileName() {
        assertEquals(List.of("name", "engine", "max_versions", "max_size", "sync", "sync_interval_ms", "compression",
                "format", "cache_size"), new ArrayList<>(ATTRIBUTES.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // key,            type,    required, min,     max
            "name,             String,  true,     '',      ''",
            "engine,           String,  false,    '',      ''",
            "max_versions,     Integer, false,    '',      ''",
            "max_size,         Long,    false,    0,       ''",
            "sync,             String,  false,    '',      ''",
            "sync_interval_ms, Long,    false,    1,       3600000",
            "compression,      Boolean, false,    '',      ''",
            "format,           String,  false,    '',      ''",
            "cache_size,       Long,    false,    1048576, 1099511627776",
    })
    void eachKeyHasItsTypeAndRangeAndNoDefault(String key, String type, boolean required, String min, String max) {
        Element ad = ATTRIBUTES.get(key);

        assertEquals(type, ad.getAttribute("type"), key);
        assertEquals(required, !"false".equals(ad.getAttribute("required")), key + " (absent means required)");
        assertEquals(min, ad.getAttribute("min"), key);
        assertEquals(max, ad.getAttribute("max"), key);
        assertFalse(ad.hasAttribute("default"),
                key + ": a default a tool saved would give the store a key its engine may refuse");
        assertFalse(ad.getAttribute("name").isBlank(), key);
        assertFalse(ad.getAttribute("description").isBlank(), key);
    }

    @Test
    void theKeysWithAFixedSetOfValuesListThem() {
        assertEquals(List.of("always", "interval", "never"), options("sync"));
        assertEquals(List.of("kryo"), options("format"));
        assertEquals(List.of(), options("engine"), "any registered engine");
    }

    @Test
    void theEngineKeysSayWhichEnginesKnowThemAndTheirDefault() {
        assertTrue(ATTRIBUTES.get("max_size").getAttribute("description").startsWith("Engine memory:"));
        assertTrue(ATTRIBUTES.get("cache_size").getAttribute("description").startsWith("Engine file:"));
        assertTrue(ATTRIBUTES.get("max_versions").getAttribute("description").startsWith("Engines memory, file, postgres:"));
        for (String key : List.of("max_versions", "max_size", "sync", "sync_interval_ms", "compression", "format",
                "cache_size")) {
            assertTrue(ATTRIBUTES.get(key).getAttribute("description").contains("Engine default: "), key);
        }
    }

    private static List<String> options(String key) {
        NodeList options = ATTRIBUTES.get(key).getElementsByTagName("Option");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < options.getLength(); i++) {
            values.add(((Element) options.item(i)).getAttribute("value"));
        }
        return values;
    }

    private static Element only(NodeList nodes) {
        assertEquals(1, nodes.getLength());
        return (Element) nodes.item(0);
    }
}
