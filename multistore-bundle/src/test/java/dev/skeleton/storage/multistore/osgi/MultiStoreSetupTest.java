package dev.skeleton.storage.multistore.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multistore component's settings (issue 15, defect 3 and the runtime's design): each key from
 * the configuration, else the framework property, else the built-in default; a relative root made
 * absolute against the working directory; unknown keys named in one line.
 */
class MultiStoreSetupTest {

    private static final Path WORK = Path.of("/srv/app");

    private static MultiStoreSetup resolve(Map<String, ?> configuration, Map<String, String> framework) {
        return MultiStoreSetup.resolve(configuration, framework::get, WORK);
    }

    static Stream<Arguments> precedence() {
        Map<String, String> framework = Map.of(MultiStoreSetup.ROOT_PATH_PROPERTY, "/from/framework",
                MultiStoreSetup.DEFAULT_ENGINE_PROPERTY, "file");
        return Stream.of(
                Arguments.of("configuration wins", Map.of("root.path", "/from/config", "default.engine", "postgres"),
                        framework, "/from/config", "postgres", "configuration dev.skeleton.storage.multistore"),
                Arguments.of("framework property without configuration", Map.of(), framework,
                        "/from/framework", "file", "framework property dev.skeleton.storage.multistore.root.path"),
                Arguments.of("built-in default without either", Map.of(), Map.of(),
                        "/srv/app/data", "memory", "built-in default"),
                Arguments.of("a blank configuration value counts as absent", Map.of("root.path", "  "), framework,
                        "/from/framework", "file", "framework property dev.skeleton.storage.multistore.root.path"),
                Arguments.of("a blank framework property counts as absent", Map.of(),
                        Map.of(MultiStoreSetup.ROOT_PATH_PROPERTY, " "), "/srv/app/data", "memory", "built-in default"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precedence")
    void eachKeyComesFromTheConfigurationElseTheFrameworkPropertyElseTheDefault(String what, Map<String, ?> configuration,
            Map<String, String> framework, String root, String engine, String rootSource) {
        MultiStoreSetup setup = resolve(configuration, framework);

        assertEquals(Path.of(root), setup.rootPath());
        assertEquals(engine, setup.defaultEngine());
        assertEquals(rootSource, setup.rootSource());
        assertTrue(setup.describe().contains(setup.rootPath().toString()), setup.describe());
    }

    @Test
    void aRelativeRootIsMadeAbsoluteAgainstTheWorkingDirectory() {
        MultiStoreSetup setup = resolve(Map.of("root.path", "./stores/../data2"), Map.of());

        assertEquals(Path.of("/srv/app/data2"), setup.rootPath());
        assertTrue(setup.rootPath().isAbsolute());
        assertTrue(setup.describe().startsWith("multistore at /srv/app/data2 (root.path from configuration"),
                setup.describe());
    }

    @Test
    void anUnknownKeyIsNamedInOneLineWithTheKnownOnes() {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("root.pth", "/x");
        configuration.put("service.pid", MultiStoreComponent.PID);
        configuration.put("component.name", "c");
        configuration.put("component.id", 3L);
        configuration.put("felix.fileinstall.filename", "file:/etc/x.cfg");
        configuration.put("osgi.ds.satisfying.condition.target", "(x=y)");
        // Karaf adds it to every configuration a feature's <config> brings (the features.xml's).
        configuration.put("org.apache.karaf.features.configKey", MultiStoreComponent.PID);
        configuration.put(".secret", "s");

        MultiStoreSetup setup = resolve(configuration, Map.of());

        assertEquals(List.of("multistore configuration: unknown key root.pth (known: root.path, default.engine)"),
                setup.warnings());
        assertEquals(Path.of("/srv/app/data"), setup.rootPath(), "the misspelt key does not take");
    }

    @Test
    void severalUnknownKeysAreNamedInOneLineSorted() {
        MultiStoreSetup setup = resolve(Map.of("zeta", 1, "defaultengine", "file"), Map.of());

        assertEquals(List.of("multistore configuration: unknown keys defaultengine, zeta (known: root.path, "
                + "default.engine)"), setup.warnings());
    }

    @Test
    void aBlankConfigurationValueIsReported() {
        MultiStoreSetup setup = resolve(Map.of("default.engine", ""), Map.of(MultiStoreSetup.DEFAULT_ENGINE_PROPERTY, "file"));

        assertEquals("file", setup.defaultEngine());
        assertEquals(List.of("multistore configuration: default.engine is blank; using file (from framework property "
                + "dev.skeleton.storage.multistore.default.engine)"), setup.warnings());
    }

    @Test
    void aRootThatIsNoPathFallsBackToTheDefaultAndSaysSo() {
        MultiStoreSetup setup = resolve(Map.of("root.path", "bad\0path"), Map.of());

        assertEquals(Path.of("/srv/app/data"), setup.rootPath());
        assertEquals("built-in default", setup.rootSource());
        assertEquals(1, setup.warnings().size());
        assertTrue(setup.warnings().get(0).contains("is no path"), setup.warnings().get(0));
    }
}
