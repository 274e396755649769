package dev.skeleton.storage.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.checks.ReactorBundles.Bundle;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The OSGi shape of the contract, read from the generated manifests: the API bundle exports
 * {@code dev.skeleton.storage} at its semantic version and imports nothing but the JDK; every other
 * bundle exports nothing.
 */
class ManifestRulesIT {

    private static final String API = "dev.skeleton.storage.api";

    private static Bundle api() {
        return ReactorBundles.all().stream().filter(b -> API.equals(b.symbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("the api bundle was not packaged"));
    }

    @Test
    void apiExportsItsPackageAtOneOne() {
        assertEquals("dev.skeleton.storage;version=\"1.1.0\"", api().header("Export-Package"));
    }

    @Test
    void apiImportsNothingButTheJdk() {
        List<String> foreign = ReactorBundles.nonJdkImports(api().header("Import-Package"));
        assertTrue(foreign.isEmpty(), "the API bundle imports non-JDK packages: " + foreign);
        assertNull(api().header("Require-Bundle"), "the API bundle must not require bundles");
        assertNull(api().header("DynamicImport-Package"), "the API bundle must not import dynamically");
    }

    @Test
    void noBundleButTheApiExports() {
        List<String> exporting = ReactorBundles.all().stream()
                .filter(b -> !API.equals(b.symbolicName()))
                .filter(b -> b.header("Export-Package") != null)
                .map(b -> b.symbolicName() + " exports " + b.header("Export-Package"))
                .collect(Collectors.toList());
        assertTrue(exporting.isEmpty(), "only the API bundle may export packages: " + exporting);
    }

    @Test
    void theCommandAndConsoleBundlesAreAmongTheChecked() {
        // Modules of their own, like the engines: the export rule above covers them only if found.
        List<String> names = ReactorBundles.all().stream().map(Bundle::symbolicName)
                .collect(Collectors.toList());
        assertTrue(names.containsAll(List.of("dev.skeleton.storage.shell", "dev.skeleton.storage.console")),
                "bundles found: " + names);
    }

    @Test
    void everyBundleNamesItselfUnderTheProjectNamespace() {
        List<String> names = ReactorBundles.all().stream().map(Bundle::symbolicName)
                .collect(Collectors.toList());
        assertTrue(names.contains(API), "bundles found: " + names);
        names.forEach(n -> assertTrue(n.startsWith("dev.skeleton.storage."), n));
    }

    @Test
    void importRuleFlagsEveryNonJdkPackage() {
        assertEquals(List.of("org.osgi.framework", "com.esotericsoftware.kryo"), ReactorBundles.nonJdkImports(
                "java.util,org.osgi.framework;version=\"[1.10,2)\",javax.crypto,com.esotericsoftware.kryo"));
    }

    @Test
    void headerParserKeepsQuotedRangesTogether() {
        assertEquals(List.of("a.b", "c"), ReactorBundles.packagesOf("a.b;version=\"[1.0,2)\",c"));
        assertEquals(List.of(), ReactorBundles.packagesOf(null));
    }
}
