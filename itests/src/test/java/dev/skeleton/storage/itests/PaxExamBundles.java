package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.Constants.START_LEVEL_SYSTEM_BUNDLES;
import static org.ops4j.pax.exam.Constants.START_LEVEL_TEST_BUNDLE;
import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackage;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Path;
import org.ops4j.pax.exam.Info;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;
import org.ops4j.pax.exam.options.libraries.JUnitBundlesOption;

/**
 * Pax Exam's own bundles in the framework: JUnit, the invoker that runs the tests, injection.
 *
 * <p>Normally Pax Exam's test system ({@code pax.exam.system=test}, the default) installs them
 * itself and {@link #junitAndPaxExam()} adds only JUnit. But four bundles of Pax Exam 4.14
 * ({@code pax-exam}, {@code -inject}, {@code -extender-service}, {@code -invoker-junit}) import
 * {@code org.osgi.framework} {@code [1.10,2)}, which an R7 framework (1.9) cannot satisfy, although
 * they use nothing of it that R7 lacks (their byte code refers to {@code Bundle.getBundleContext},
 * {@code loadClass}, {@code BundleContext.getBundle}, {@code registerService(String, ...)},
 * {@code BundleReference}, {@code FrameworkEvent} and constants): bnd derived the range from the R8
 * API they were compiled against. (Pax Exam 4.13.5, which imports
 * {@code [1.6,2)}, has an invoker that JUnit 4.13 rejects: it overrides a method that became final.)
 *
 * <p>So the R7 execution sets {@code pax.exam.system=default}, which installs nothing of Pax Exam,
 * and names in {@value #FRAMEWORK_IMPORT} the range those four get instead: here they are copied
 * from the local Maven repository with that import ({@link LoweredImport}), and every other bundle
 * is the one Pax Exam's test system installs, through the same links, at the same start levels.
 * The bundles under test are not touched: they must resolve on R7 as they are.
 */
final class PaxExamBundles {

    /** The system property naming the {@code org.osgi.framework} range of Pax Exam's bundles. */
    static final String FRAMEWORK_IMPORT = "skeleton.itests.paxexam.framework.import";

    private static final String GROUP_PATH = "org/ops4j/pax/exam";
    private static final String R8_IMPORT = "org.osgi.framework;version=\"[1.10,2)\"";

    private PaxExamBundles() {
    }

    /** JUnit, and Pax Exam's bundles if this run provisions them itself. */
    static Option junitAndPaxExam() {
        String range = System.getProperty(FRAMEWORK_IMPORT);
        if (range == null) {
            return junitBundles();
        }
        return composite(
                // What Pax Exam's test system adds besides its bundles.
                bootDelegationPackage("sun.*"),
                frameworkStartLevel(START_LEVEL_TEST_BUNDLE),
                lowered("pax-exam", range).startLevel(START_LEVEL_SYSTEM_BUNDLES),
                lowered("pax-exam-inject", range).startLevel(START_LEVEL_SYSTEM_BUNDLES),
                lowered("pax-exam-extender-service", range).startLevel(START_LEVEL_SYSTEM_BUNDLES),
                linked("org.ops4j.pax.logging.api"),
                linked("org.ops4j.base"),
                linked("org.ops4j.pax.swissbox.core"),
                linked("org.ops4j.pax.swissbox.extender"),
                linked("org.ops4j.pax.swissbox.framework"),
                linked("org.ops4j.pax.swissbox.lifecycle"),
                linked("org.ops4j.pax.swissbox.tracker"),
                linked("jakarta.inject-api"),
                // junitBundles(), with the lowered invoker.
                new JUnitBundlesOption(),
                systemProperty("pax.exam.invoker").value("junit"),
                bundle("link:classpath:META-INF/links/org.apache.servicemix.bundles.hamcrest.link"),
                lowered("pax-exam-invoker-junit", range));
    }

    /** A bundle that pax-exam-link-mvn links to, as the test system installs it. */
    private static Option linked(String name) {
        return bundle("link:classpath:META-INF/links/" + name + ".link").startLevel(START_LEVEL_SYSTEM_BUNDLES);
    }

    /**
     * A Pax Exam bundle of the driver's version, from the local repository (the pom fetches it
     * there), copied with that {@code org.osgi.framework} range.
     */
    private static UrlProvisionOption lowered(String artifactId, String range) {
        String version = Info.getPaxExamVersion();
        Path repository = Path.of(System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository"));
        Path jar = repository.resolve(GROUP_PATH).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".jar");
        Path copy = Workspace.of(PaxExamBundles.class).resolve(artifactId + "-" + version + ".jar");
        LoweredImport.copy(jar, R8_IMPORT, "org.osgi.framework;version=\"" + range + "\"", copy);
        return bundle(copy.toUri().toString());
    }
}
