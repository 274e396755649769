package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;

import org.ops4j.pax.exam.Option;

/**
 * Felix Health Checks in the test framework, and the health bundle under test. Core needs
 * EventAdmin ({@link SkeletonOptions#eventAdmin()}) and slf4j, which Pax Exam's pax-logging-api
 * exports; the R7 run installs the core version its framework can resolve ({@link FrameworkUnderTest}).
 *
 * <p>Runs in the test driver, outside the framework.
 */
final class HealthCheckOptions {

    /** The symbolic name of the bundle under test. */
    static final String HEALTH_BSN = "dev.skeleton.storage.health";

    private HealthCheckOptions() {
    }

    /**
     * The health check API and core (the executor and the {@code hc:exec} command), with the Servlet
     * Whiteboard and Jakarta Servlet APIs that core imports for its servlet, which stays inactive.
     */
    static Option felixHealthChecks() {
        return composite(
                FrameworkUnderTest.serviceBundle("jakarta.servlet", "jakarta.servlet-api"),
                FrameworkUnderTest.serviceBundle("org.osgi", "org.osgi.service.servlet"),
                FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.healthcheck.api"),
                FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.healthcheck.core"));
    }

    /** The health bundle as packaged by the reactor. */
    static Option healthBundle() {
        return SkeletonOptions.reactorBundle("health-bundle");
    }
}
