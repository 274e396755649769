package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.skeleton.storage.itests.fileengine.LineFileEngine;
import dev.skeleton.storage.itests.fileengine.LineFileEngineActivator;
import dev.skeleton.storage.itests.fileengine.LineFileStore;
import dev.skeleton.storage.itests.consumer.UsersConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.cm.ConfigurationAdminOptions;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

/**
 * The building blocks of the test frameworks. Third-party bundles come from the local Maven
 * repository in the versions of the pom ({@code versionAsInProject()}) unless the run names others
 * ({@link FrameworkUnderTest}: the R7 run); the reactor's own bundles from their
 * {@code target/*.jar}, so that the tests see exactly what the build packaged. The framework itself
 * is the one on the class path (Felix 7, Equinox or the R7 Felix: one per failsafe execution).
 *
 * <p>Runs in the test driver, outside the framework (TinyBundles is not installed in it).
 */
final class SkeletonOptions {

    /** The multistore's configuration PID. */
    static final String MULTISTORE_PID = "dev.skeleton.storage.multistore";
    /** The symbolic name of the persistent test engine's bundle. */
    static final String LINEFILE_BSN = "dev.skeleton.storage.itests.linefile";

    private SkeletonOptions() {
    }

    /**
     * The framework with Declarative Services (Felix SCR), JUnit and quiet logging. SCR 2.1 (the R7
     * run) carries the DS 1.4 API itself, and that run leaves out {@code org.osgi.service.component}.
     */
    static Option frameworkWithScr() {
        return composite(
                PaxExamBundles.junitAndPaxExam(),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                FrameworkUnderTest.serviceBundle("org.osgi", "org.osgi.util.function"),
                FrameworkUnderTest.serviceBundle("org.osgi", "org.osgi.util.promise"),
                FrameworkUnderTest.serviceBundle("org.osgi", "org.osgi.service.component"),
                FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.scr"));
    }

    /** Felix ConfigAdmin. */
    static Option configAdmin() {
        return FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.configadmin");
    }

    /** Felix EventAdmin. */
    static Option eventAdmin() {
        return FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.eventadmin");
    }

    /** The Gogo runtime, whose CommandProcessor runs commands without a shell. */
    static Option gogoRuntime() {
        return FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.gogo.runtime");
    }

    /** Felix FileInstall, which turns {@code .cfg} files into configurations. */
    static Option fileInstall() {
        return FrameworkUnderTest.serviceBundle("org.apache.felix", "org.apache.felix.fileinstall");
    }

    /** The API, the memory engine and the multistore ({@link #multistoreBundle()}). */
    static Option storageBundles() {
        return composite(reactorBundle("api-bundle"), reactorBundle("memory-bundle"), multistoreBundle());
    }

    /** The multistore as packaged by the reactor, with HdrHistogram, which it imports for its metrics. */
    static Option multistoreBundle() {
        return composite(reactorBundle("multistore-bundle"), FrameworkUnderTest.serviceBundle("org.hdrhistogram",
                "HdrHistogram"));
    }

    /** The packaged jar of a reactor module, {@code <module>/target/<module>-<version>.jar}. */
    static Option reactorBundle(String module) {
        Path jar = reactorJar(module);
        return bundle(jar.toUri().toString());
    }

    static Path reactorJar(String module) {
        String root = System.getProperty("skeleton.reactor.root", "..");
        String version = System.getProperty("skeleton.version", "1.0.0-SNAPSHOT");
        Path jar = Path.of(root, module, "target", module + "-" + version + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the reactor first (mvn install -DskipTests)");
        }
        return jar;
    }

    /**
     * Configures the multistore (PID {@value #MULTISTORE_PID}) with its root in the test class's
     * workspace, before the multistore starts working.
     */
    static Option multistoreRootFor(Class<?> test) {
        return ConfigurationAdminOptions.newConfiguration(MULTISTORE_PID)
                .put("root.path", Workspace.root(test).toString())
                .asOption();
    }

    /**
     * The persistent test engine ({@link LineFileEngine}) as a bundle of its own, written to the
     * test class's workspace; the tests reinstall it from there. Started with the framework (Pax Exam
     * reports a bundle that is installed but not resolved as an error): tests that need it absent
     * stop it.
     */
    static Option lineFileEngine(Class<?> test) {
        Path jar = Workspace.of(test).resolve("linefile-engine.jar");
        try (InputStream bundle = TinyBundles.bundle()
                .addClass(LineFileEngineActivator.class)
                .addClass(LineFileEngine.class)
                .addClass(LineFileStore.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, LINEFILE_BSN)
                .setHeader(Constants.BUNDLE_VERSION, "1.0.0")
                .setHeader(Constants.BUNDLE_ACTIVATOR, LineFileEngineActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE,
                        "dev.skeleton.storage;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"")
                .build(TinyBundles.rawBuilder())) {
            Files.createDirectories(jar.getParent());
            Files.copy(bundle, jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test engine bundle " + jar, e);
        }
        return bundle(jar.toUri().toString());
    }

    /** The symbolic name of the consumer bundle. */
    static final String CONSUMER_BSN = "dev.skeleton.storage.itests.consumer";

    /**
     * A bundle with one Declarative Services component that references
     * {@code Store} with the target {@code (store.name=users)}, as {@code @Reference(target = ...)}
     * generates it, and provides {@code java.util.function.Function}.
     */
    static Option usersConsumer(Class<?> test) {
        String descriptor = String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"users-consumer\">",
                "  <implementation class=\"" + UsersConsumer.class.getName() + "\"/>",
                "  <service><provide interface=\"java.util.function.Function\"/></service>",
                "  <property name=\"consumer\" value=\"users\"/>",
                "  <reference name=\"users\" interface=\"dev.skeleton.storage.Store\"",
                "      target=\"(store.name=users)\" field=\"users\"/>",
                "</scr:component>");
        Path jar = Workspace.of(test).resolve("users-consumer.jar");
        try (InputStream bundle = TinyBundles.bundle()
                .addClass(UsersConsumer.class)
                .addResource("OSGI-INF/users-consumer.xml",
                        new java.io.ByteArrayInputStream(descriptor.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, CONSUMER_BSN)
                .setHeader(Constants.BUNDLE_VERSION, "1.0.0")
                .setHeader("Service-Component", "OSGI-INF/users-consumer.xml")
                .setHeader(Constants.IMPORT_PACKAGE, "dev.skeleton.storage;version=\"[1.0,2)\"")
                .build(TinyBundles.rawBuilder())) {
            Files.createDirectories(jar.getParent());
            Files.copy(bundle, jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the consumer bundle " + jar, e);
        }
        return bundle(jar.toUri().toString());
    }
}
