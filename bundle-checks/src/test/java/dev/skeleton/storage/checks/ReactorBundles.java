package dev.skeleton.storage.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Finds the bundles that the reactor packaged ({@code <module>/target/<module>-<version>.jar} with a
 * {@code Bundle-SymbolicName}) and answers questions about the JDK's own packages.
 */
final class ReactorBundles {

    /** A packaged bundle: its jar and manifest. */
    record Bundle(Path jar, Manifest manifest) {
        String symbolicName() {
            String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn.split(";")[0].trim();
        }

        String header(String name) {
            return manifest.getMainAttributes().getValue(name);
        }
    }

    private ReactorBundles() {
    }

    static Path root() {
        String root = System.getProperty("skeleton.reactor.root");
        if (root == null) {
            throw new IllegalStateException("system property skeleton.reactor.root is not set (run through Maven)");
        }
        return Path.of(root);
    }

    static Path jarOf(String module) {
        Path jar = root().resolve(module).resolve("target")
                .resolve(module + "-" + System.getProperty("skeleton.version") + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("not packaged: " + jar);
        }
        return jar;
    }

    /** Every bundle the reactor packaged: the main jar of each module that has a symbolic name. */
    static List<Bundle> all() {
        List<Bundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(root(), Files::isDirectory)) {
            for (Path module : modules) {
                Path jar = module.resolve("target").resolve(module.getFileName() + "-"
                        + System.getProperty("skeleton.version") + ".jar");
                if (Files.isRegularFile(jar)) {
                    Manifest manifest = manifestOf(jar);
                    if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") != null) {
                        bundles.add(new Bundle(jar, manifest));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundles;
    }

    private static Manifest manifestOf(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? new Manifest() : manifest;
        }
    }

    /** The packages of the running JDK's own modules: what "the JDK" may provide to a bundle. */
    static Set<String> jdkPackages() {
        return ModuleFinder.ofSystem().findAll().stream()
                .map(ModuleReference::descriptor)
                .flatMap(d -> d.packages().stream())
                .collect(Collectors.toSet());
    }

    /** The packages of an Import-Package header that no JDK module provides. */
    static List<String> nonJdkImports(String importHeader) {
        Set<String> jdk = jdkPackages();
        return packagesOf(importHeader).stream().filter(p -> !jdk.contains(p)).collect(Collectors.toList());
    }

    /** The package names of an OSGi header such as Import-Package, without attributes. */
    static List<String> packagesOf(String header) {
        return clausesOf(header).stream().map(clause -> clause.split(";")[0].trim()).collect(Collectors.toList());
    }

    /** The clauses of an OSGi header such as Import-Package or Require-Capability, attributes kept. */
    static List<String> clausesOf(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        // Clauses are comma-separated, but commas also appear inside quoted version ranges and filters.
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().trim());
        return clauses;
    }
}
