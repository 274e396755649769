package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars made up for the tests: a manifest and nothing else. */
final class TestJars {

    private TestJars() {
    }

    /** A jar whose manifest names a bundle (a null symbolic name makes a plain jar). */
    static Path bundle(Path jar, String symbolicName, String version) {
        return bundle(jar, symbolicName, version, Map.of());
    }

    /** A bundle jar with more manifest headers. */
    static Path bundle(Path jar, String symbolicName, String version, Map<String, String> headers) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            main.putValue("Bundle-ManifestVersion", "2");
            main.putValue("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            main.putValue("Bundle-Version", version);
        }
        headers.forEach(main::putValue);
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
