package dev.skeleton.storage.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directories of one test class: {@code <work>/<TestClass>/}, with the multistore's root in
 * {@code stores/} and the test engine's jar beside it. {@code <work>} is the system property
 * {@code skeleton.itests.work} that failsafe sets ({@code target/itest-work}). Pax Exam's native
 * container runs the framework in the test JVM, so the driver (which writes the configuration) and
 * the test inside the framework compute the same paths.
 */
final class Workspace {

    private Workspace() {
    }

    /** The directory of a test class. */
    static Path of(Class<?> test) {
        return Path.of(System.getProperty("skeleton.itests.work", "target/itest-work"))
                .toAbsolutePath().normalize().resolve(test.getSimpleName());
    }

    /** The root directory the multistore of a test class is configured with. */
    static Path root(Class<?> test) {
        return of(test).resolve("stores");
    }

    /** Empties the directory of a test class, so that a run starts from nothing. */
    static Path clean(Class<?> test) {
        Path dir = of(test);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }
}
