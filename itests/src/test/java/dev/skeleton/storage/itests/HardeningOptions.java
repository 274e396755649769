package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import dev.skeleton.storage.itests.writer.AcknowledgedWriter;
import dev.skeleton.storage.itests.writer.WriterActivator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Constants;

/**
 * What the platform-hardening tests (issue 15) add to {@link SkeletonOptions}: reactor bundles
 * installed from a private copy, so that {@code Bundle.update()} and a reinstall read a jar that no
 * concurrent build rewrites, and the writer bundle of the hot-swap test.
 *
 * <p>Runs in the test driver, outside the framework (TinyBundles is not installed in it).
 */
final class HardeningOptions {

    /** The symbolic name of the hot-swap writer bundle. */
    static final String WRITER_BSN = "dev.skeleton.storage.itests.writer";

    private HardeningOptions() {
    }

    /**
     * A reactor module's packaged jar, copied to {@code <workspace>/<module>.jar} and installed from
     * there: the bundle's location is the copy, which {@code update()} reads again.
     */
    static Option copiedReactorBundle(String module, Class<?> test) {
        return bundle(copiedReactorJar(module, test).toUri().toString());
    }

    /** Copies a reactor module's packaged jar to the test class's workspace; the copy's path. */
    static Path copiedReactorJar(String module, Class<?> test) {
        Path copy = Workspace.of(test).resolve(module + ".jar");
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(SkeletonOptions.reactorJar(module), copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the " + module + " bundle to " + copy, e);
        }
        return copy;
    }

    /**
     * The writer bundle ({@link WriterActivator}): once the store {@value AcknowledgedWriter#STORE}
     * exists it writes to it through one handle, and offers its control as a service.
     */
    static Option writerBundle(Class<?> test) {
        Path jar = Workspace.of(test).resolve("writer.jar");
        try (InputStream bundle = TinyBundles.bundle()
                .addClass(WriterActivator.class)
                .addClass(AcknowledgedWriter.class)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.BUNDLE_SYMBOLICNAME, WRITER_BSN)
                .setHeader(Constants.BUNDLE_VERSION, "1.0.0")
                .setHeader(Constants.BUNDLE_ACTIVATOR, WriterActivator.class.getName())
                .setHeader(Constants.IMPORT_PACKAGE, "dev.skeleton.storage;version=\"[1.0,2)\","
                        + "org.osgi.framework;version=\"[1.8,2)\",org.osgi.util.tracker;version=\"[1.5,2)\"")
                .build(TinyBundles.rawBuilder())) {
            Files.createDirectories(jar.getParent());
            Files.copy(bundle, jar, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the writer bundle " + jar, e);
        }
        return bundle(jar.toUri().toString());
    }
}
