package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code felix:refresh} in a framework of this JVM: registered in place of Gogo's, it refreshes the
 * bundles pending removal or the ones given, and returns once the framework has. (The command in the
 * platform, where Gogo's own failed, is tested at process level: the runtime's RuntimeProcessIT.)
 */
@Timeout(60)
class BundleRefreshTest {

    @TempDir
    Path dir;
    private Framework framework;
    private BundleContext context;

    @BeforeEach
    void framework() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                "org.osgi.framework.storage", dir.resolve("cache").toString(),
                "org.osgi.framework.storage.clean", "onFirstInit"));
        framework.start();
        context = framework.getBundleContext();
    }

    @AfterEach
    void stop() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }

    @Test
    void itIsRegisteredAsFelixRefreshAboveGogosOwn() {
        BundleRefresh.register(context);

        ServiceReference<BundleRefresh> reference = context.getServiceReference(BundleRefresh.class);
        assertEquals("felix", reference.getProperty(CommandProcessor.COMMAND_SCOPE));
        assertEquals("refresh", ((String[]) reference.getProperty(CommandProcessor.COMMAND_FUNCTION))[0]);
        assertEquals(1, reference.getProperty(Constants.SERVICE_RANKING), "Gogo prefers the higher ranking");
    }

    @Test
    void withoutBundlesTheOnesPendingRemovalAreRefreshed() throws Exception {
        // An exporter updated while an importer is wired to it: its old revision stays, pending removal.
        Bundle exporter = context.installBundle(jar("old.jar", "test.exporter",
                Map.of(Constants.EXPORT_PACKAGE, "test.p")).toUri().toString());
        Bundle importer = context.installBundle(jar("importer.jar", "test.importer",
                Map.of(Constants.IMPORT_PACKAGE, "test.p")).toUri().toString());
        importer.start();
        exporter.update(Files.newInputStream(jar("new.jar", "test.exporter", Map.of(Constants.EXPORT_PACKAGE, "test.p"))));
        BundleRefresh refresh = service();
        assertEquals(List.of(exporter), List.copyOf(wiring().getRemovalPendingBundles()));

        assertEquals("refreshed the bundles pending removal", refresh.refresh(null));
        assertEquals(List.of(), List.copyOf(wiring().getRemovalPendingBundles()),
                "the refresh was done when the command returned");
        assertEquals("refreshed the bundles pending removal", refresh.refresh(new Bundle[0]), "none given");
    }

    @Test
    void theBundlesGivenAreRefreshedAndNamed() throws Exception {
        Bundle bundle = context.installBundle(jar("a.jar", "test.refresh", Map.of()).toUri().toString());

        assertEquals("refreshed [test.refresh [" + bundle.getBundleId() + "]]",
                service().refresh(new Bundle[] {bundle}));
    }

    private FrameworkWiring wiring() {
        return framework.adapt(FrameworkWiring.class);
    }

    private BundleRefresh service() {
        return context.getService(BundleRefresh.register(context).getReference());
    }

    private Path jar(String file, String symbolicName, Map<String, String> headers) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, "1.0.0");
        headers.forEach(main::putValue);
        Path jar = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
