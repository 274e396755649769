package dev.skeleton.storage.postgres.testserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The temporary directory of one throw-away server: created private, removed whole. */
final class ScratchDir {

    private ScratchDir() {
    }

    /**
     * A new directory {@code /tmp/skeleton-pg-*} with mode 0700, owned by whoever runs the server.
     *
     * <p>It lies directly in {@code /tmp} (not in {@code java.io.tmpdir}, which may be set to a
     * directory under root's home) because an unprivileged server user must be able to traverse
     * every directory above it, and because the Unix socket inside it must stay within the 107
     * bytes a socket path may have.
     */
    static Path create(RunAs runAs) {
        Path tmp = Path.of("/tmp");
        Path base = Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
        try {
            Path dir = Files.createTempDirectory(base, "skeleton-pg-", ownerOnly("rwx------"));
            runAs.handOver(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a directory for the PostgreSQL test server in "
                    + base + ": " + e, e);
        }
    }

    /** Writes a file that only its owner can read, handed over to the server's user. */
    static Path writePrivate(Path file, String content, RunAs runAs) throws IOException {
        Files.createFile(file, ownerOnly("rw-------"));
        Files.writeString(file, content);
        runAs.handOver(file);
        return file;
    }

    /** Removes everything in {@code dir} but the directory itself. */
    static void deleteContents(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                delete(child);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot empty " + dir + ": " + e, e);
        }
    }

    /** Removes {@code dir} and everything in it; a directory that is already gone is fine. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the PostgreSQL test server's directory "
                    + dir + ": " + e, e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly(String permissions) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
    }
}
