package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.fileInstall;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The run tests on the framework and the service bundles it names, not on whatever the class path
 * happens to offer: a second {@code FrameworkFactory} left on it, or a version property that does
 * not reach the options, would otherwise make the Equinox or R7 run test Felix 7 again, silently.
 *
 * <p>The failsafe execution names the expected system bundle ({@value #SYSTEM_BUNDLE}:
 * {@code <symbolic name>/<version>}) and the version of {@code org.osgi.framework} that it exports
 * ({@value #FRAMEWORK_API}: 1.9 for R7, 1.10 for R8); each {@link FrameworkUnderTest#VERSION_PREFIX}
 * property names a service bundle's version, or its absence.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkUnderTestIT {

    /** The system property naming the expected system bundle, {@code <symbolic name>/<version>}. */
    static final String SYSTEM_BUNDLE = "skeleton.itests.framework.bundle";
    /** The system property naming the expected version of the {@code org.osgi.framework} package. */
    static final String FRAMEWORK_API = "skeleton.itests.framework.api";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        // Every service bundle whose version a run may name, Felix Health Checks included.
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), gogoRuntime(),
                systemProperty("felix.fileinstall.dir").value(Workspace.of(getClass()).toString()), fileInstall(),
                HealthCheckOptions.felixHealthChecks());
    }

    @Test
    public void theSystemBundleIsTheNamedFramework() {
        String expected = System.getProperty(SYSTEM_BUNDLE);
        assumeTrue("no " + SYSTEM_BUNDLE + ": not started by a failsafe execution", expected != null);
        Bundle system = context.getBundle(0);
        String[] nameAndVersion = expected.split("/", 2);
        assertEquals("the framework of the run " + FrameworkUnderTest.name(), nameAndVersion[0],
                system.getSymbolicName());
        assertTrue("the framework of the run " + FrameworkUnderTest.name() + " is " + nameAndVersion[1]
                + ", not " + system.getVersion(), system.getVersion().toString().startsWith(nameAndVersion[1]));
    }

    @Test
    public void theSystemBundleExportsTheNamedFrameworkApi() {
        String expected = System.getProperty(FRAMEWORK_API);
        assumeTrue("no " + FRAMEWORK_API + ": not started by a failsafe execution", expected != null);
        Version exported = exportedVersion(context.getBundle(0), "org.osgi.framework")
                .orElseThrow(() -> new AssertionError("the system bundle exports no org.osgi.framework"));
        assertEquals("org.osgi.framework of " + FrameworkUnderTest.name(),
                Version.parseVersion(expected), new Version(exported.getMajor(), exported.getMinor(), 0));
    }

    @Test
    public void theServiceBundlesHaveTheNamedVersions() {
        Map<String, String> named = namedVersions();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> entry : named.entrySet()) {
            Optional<Bundle> installed = installed(entry.getKey());
            boolean right = FrameworkUnderTest.ABSENT.equals(entry.getValue())
                    ? installed.isEmpty()
                    : installed.isPresent() && installed.get().getVersion().toString().startsWith(entry.getValue());
            if (!right) {
                wrong.add(entry.getKey() + " should be " + entry.getValue() + ", is "
                        + installed.map(b -> b.getVersion().toString()).orElse("absent"));
            }
        }
        assertEquals("service bundles of the run " + FrameworkUnderTest.name(), List.of(), wrong);
    }

    @Test
    public void everyBundleIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE && !isFragment(bundle)) {
                inactive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " state " + bundle.getState());
            }
        }
        assertEquals("bundles not active on " + FrameworkUnderTest.name(), List.of(), inactive);
    }

    /** The {@code skeleton.itests.version.<artifactId>} properties, by artifact id (= symbolic name). */
    private static Map<String, String> namedVersions() {
        Map<String, String> named = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(FrameworkUnderTest.VERSION_PREFIX)) {
                named.put(key.substring(FrameworkUnderTest.VERSION_PREFIX.length()), System.getProperty(key));
            }
        }
        return named;
    }

    private Optional<Bundle> installed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static Optional<Version> exportedVersion(Bundle bundle, String packageName) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        for (BundleCapability export : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (packageName.equals(export.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return Optional.of((Version) export.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE));
            }
        }
        return Optional.empty();
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get("Fragment-Host") != null;
    }
}
