package dev.skeleton.storage.postgres.testserver;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds programs the way a shell would: on {@code PATH}, then in a few fixed places. */
final class Executables {

    private Executables() {
    }

    /**
     * The first executable called {@code name} in a {@code PATH} directory, else the first of
     * {@code fallbacks} that is executable. The fallbacks matter for {@code runuser}, which lives
     * in {@code /usr/sbin}, a directory a JVM started by a non-login shell may not have on its PATH.
     */
    static Optional<Path> find(String name, String... fallbacks) {
        return Stream.concat(onPath(name), Arrays.stream(fallbacks).map(Path::of))
                .filter(Executables::isExecutable)
                .findFirst();
    }

    /** The executable called {@code name} in {@code directory}, if there is one. */
    static Optional<Path> in(Path directory, String name) {
        return Optional.of(directory.resolve(name)).filter(Executables::isExecutable);
    }

    private static Stream<Path> onPath(String name) {
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .flatMap(entry -> {
                    try {
                        return Stream.of(Path.of(entry, name));
                    } catch (InvalidPathException e) {
                        return Stream.empty(); // a malformed PATH entry just finds nothing
                    }
                });
    }

    private static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
