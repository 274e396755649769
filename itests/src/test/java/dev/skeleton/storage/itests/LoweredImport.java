package dev.skeleton.storage.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A copy of a bundle whose {@code Import-Package} clause of one package asks for an older version
 * range than the original: for a third-party bundle that was merely compiled against a newer API than
 * it uses (its own classes, entries and every other header are copied unchanged). The copy fails
 * loudly if the original no longer has the clause, so that a workaround outlives no need for it.
 */
final class LoweredImport {

    private LoweredImport() {
    }

    /**
     * Copies {@code jar} to {@code copy}, with the import clause {@code from} (for example
     * {@code org.osgi.framework;version="[1.10,2)"}) replaced by {@code to}.
     */
    static Path copy(Path jar, String from, String to, Path copy) {
        try (JarFile original = new JarFile(jar.toFile())) {
            Manifest manifest = new Manifest(original.getManifest());
            Attributes headers = manifest.getMainAttributes();
            String imports = headers.getValue("Import-Package");
            if (imports == null || !imports.contains(from)) {
                throw new IllegalStateException(
                        jar + " does not import " + from + " (Import-Package: " + imports + ")");
            }
            headers.putValue("Import-Package", imports.replace(from, to));
            Files.createDirectories(copy.getParent());
            try (OutputStream out = Files.newOutputStream(copy);
                    JarOutputStream target = new JarOutputStream(out, manifest)) {
                copyEntries(original, target);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar + " to " + copy, e);
        }
    }

    private static void copyEntries(JarFile original, JarOutputStream target) throws IOException {
        Enumeration<JarEntry> entries = original.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equalsIgnoreCase("META-INF/")) {
                continue; // written by JarOutputStream with the new manifest
            }
            target.putNextEntry(new JarEntry(name));
            try (InputStream in = original.getInputStream(entry)) {
                in.transferTo(target);
            }
            target.closeEntry();
        }
    }
}
