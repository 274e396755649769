package dev.skeleton.storage.postgres.testserver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL programs a throw-away server needs: {@code initdb} and {@code pg_ctl}, and
 * {@code psql} from the same installation when it has one.
 *
 * @param initdb the program that creates a data directory
 * @param pgCtl  the program that starts and stops the server
 * @param psql   the client of the same version, if installed beside them
 */
record ServerBinaries(Path initdb, Path pgCtl, Optional<Path> psql) {

    /** Where Debian and Ubuntu install each server version, off the PATH. */
    static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    /** Why no throw-away server can be started, when {@link #find()} finds nothing. */
    static final String NOT_FOUND = "no PostgreSQL server binary (initdb/pg_ctl) on PATH or in "
            + DEBIAN_VERSIONS + "/*/bin; install the postgresql package to run these tests (or point"
            + " SKELETON_PG_URL, SKELETON_PG_USER and SKELETON_PG_PASSWORD at a running server)";

    /** {@code initdb} and {@code pg_ctl} on the PATH, else those of the newest Debian-style version. */
    static Optional<ServerBinaries> find() {
        return onPath().or(ServerBinaries::newestDebianVersion);
    }

    private static Optional<ServerBinaries> onPath() {
        Optional<Path> initdb = Executables.find("initdb");
        Optional<Path> pgCtl = Executables.find("pg_ctl");
        if (initdb.isEmpty() || pgCtl.isEmpty()) {
            return Optional.empty();
        }
        // PATH entries are often symlinks (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin):
        // the psql that matches the server is the one beside the real initdb.
        Optional<Path> psql = Executables.in(realParent(initdb.get()), "psql")
                .or(() -> Executables.in(initdb.get().getParent(), "psql"))
                .or(() -> Executables.find("psql"));
        return Optional.of(new ServerBinaries(initdb.get(), pgCtl.get(), psql));
    }

    private static Optional<ServerBinaries> newestDebianVersion() {
        return versionDirectories().stream()
                .sorted(Comparator.comparing((Path dir) -> dir.getFileName().toString(),
                        ServerBinaries::compareVersions).reversed())
                .map(dir -> dir.resolve("bin"))
                .map(ServerBinaries::inDirectory)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<ServerBinaries> inDirectory(Path bin) {
        Optional<Path> initdb = Executables.in(bin, "initdb");
        Optional<Path> pgCtl = Executables.in(bin, "pg_ctl");
        if (initdb.isEmpty() || pgCtl.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServerBinaries(initdb.get(), pgCtl.get(), Executables.in(bin, "psql")));
    }

    private static List<Path> versionDirectories() {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return dirs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(DEBIAN_VERSIONS, Files::isDirectory)) {
            stream.forEach(dirs::add);
        } catch (IOException e) {
            // An unreadable directory holds no usable server, same as a missing one.
        }
        return dirs;
    }

    /** Orders "9.6" before "15" before "16": numerically, part by part. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int cmp = Long.compare(number(left, i), number(right, i));
            if (cmp != 0) {
                return cmp;
            }
        }
        return a.compareTo(b);
    }

    private static long number(String[] parts, int index) {
        if (index >= parts.length) {
            return -1;
        }
        try {
            return Long.parseLong(parts[index]);
        } catch (NumberFormatException e) {
            return -1; // a directory that is not a version number sorts below every real version
        }
    }

    private static Path realParent(Path file) {
        try {
            return file.toRealPath().getParent();
        } catch (IOException e) {
            return file.getParent();
        }
    }

    /**
     * Another program of the same installation, such as {@code pg_basebackup} or {@code pg_rewind}.
     *
     * @throws IllegalStateException if the installation has none
     */
    Path program(String name) {
        return Executables.in(directory(), name).orElseThrow(() -> new IllegalStateException(
                "no " + name + " in " + directory() + " beside pg_ctl"));
    }

    /** The directory of {@code pg_ctl}, shown in messages so a reader knows which version ran. */
    Path directory() {
        return realParent(pgCtl);
    }
}
