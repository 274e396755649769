package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.MavenArtifactProvisionOption;

/**
 * The framework this run of the suite tests on, and the versions of the service bundles installed
 * in it. Each failsafe execution of {@code itests/pom.xml} (Felix 7, Equinox, the R7 Felix) puts
 * one framework on the class path, where Pax Exam's native container finds it, and names it and the
 * versions it needs in system properties:
 *
 * <ul>
 * <li>{@value #NAME}: {@code felix}, {@code equinox} or {@code felix-r7}, for messages and for
 * {@link FrameworkUnderTestIT};</li>
 * <li>{@value #VERSION_PREFIX}{@code <artifactId>}: the version of that service bundle (an R7
 * framework needs SCR 2.1 and the 1.1 promises), or {@value #ABSENT} for a bundle that the run
 * installs not at all. Without it, the version of the pom ({@code versionAsInProject()}).</li>
 * </ul>
 *
 * <p>Without these properties (a test started from an IDE) the run is the default one: Felix 7 with
 * the pom's versions. Read in the test driver and, for messages, inside the framework: the native
 * container runs both in one JVM.
 */
final class FrameworkUnderTest {

    /** The system property naming the framework. */
    static final String NAME = "skeleton.itests.framework";
    /** The prefix of the system properties that override a service bundle's version. */
    static final String VERSION_PREFIX = "skeleton.itests.version.";
    /** The version that leaves a service bundle out. */
    static final String ABSENT = "none";

    private FrameworkUnderTest() {
    }

    /** The name of the framework of this run. */
    static String name() {
        return System.getProperty(NAME, "felix");
    }

    /**
     * A service bundle from the local Maven repository in the version this run names, else in the
     * pom's; nothing at all if the run names {@value #ABSENT}.
     */
    static Option serviceBundle(String groupId, String artifactId) {
        String version = System.getProperty(VERSION_PREFIX + artifactId);
        if (ABSENT.equals(version)) {
            return composite();
        }
        MavenArtifactProvisionOption bundle = mavenBundle(groupId, artifactId);
        return version == null ? bundle.versionAsInProject() : bundle.version(version);
    }
}
