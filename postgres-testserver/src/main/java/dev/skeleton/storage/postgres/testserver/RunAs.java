package dev.skeleton.storage.postgres.testserver;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who runs the server programs. PostgreSQL refuses to run as root ({@code initdb} and
 * {@code pg_ctl} both check), and CI runs as root: there the programs run as an unprivileged
 * user ({@code postgres} if the system has one, else {@code nobody}) through {@code runuser},
 * or {@code su} where {@code runuser} is missing. Anyone else runs them directly.
 */
final class RunAs {

    private static final List<String> UNPRIVILEGED_USERS = List.of("postgres", "nobody");

    private final UserPrincipal user;
    private final List<String> prefix;
    private final boolean viaSu;

    private RunAs(UserPrincipal user, List<String> prefix, boolean viaSu) {
        this.user = user;
        this.prefix = prefix;
        this.viaSu = viaSu;
    }

    /** Decides once, from who this JVM runs as and what the system offers. */
    static RunAs detect() {
        if (!isRoot()) {
            return new RunAs(null, List.of(), false);
        }
        UserPrincipal user = UNPRIVILEGED_USERS.stream()
                .map(RunAs::lookUp)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "running as root, and PostgreSQL refuses root, but neither a 'postgres' nor a"
                                + " 'nobody' user exists to run the server as"));
        Optional<Path> runuser = Executables.find("runuser", "/usr/sbin/runuser", "/sbin/runuser");
        if (runuser.isPresent()) {
            List<String> prefix = List.of(runuser.get().toString(), "-u", user.getName(), "--");
            return new RunAs(user, prefix, false);
        }
        Path su = Executables.find("su", "/bin/su", "/usr/bin/su")
                .orElseThrow(() -> new IllegalStateException("running as root, and PostgreSQL refuses"
                        + " root, but neither runuser nor su is there to switch to the user '"
                        + user.getName() + "'"));
        return new RunAs(user, List.of(su.toString(), "-s", "/bin/sh", user.getName(), "-c"), true);
    }

    /** Sets the unprivileged user as the owner of {@code path}, where the programs run as that user. */
    void handOver(Path path) throws IOException {
        if (user != null) {
            Files.setOwner(path, user);
        }
    }

    /** {@code command}, changed to run as the unprivileged user where one is needed. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(prefix);
        if (viaSu) {
            // su takes one shell command line, so each argument is quoted for /bin/sh.
            wrapped.add("exec " + String.join(" ", command.stream().map(RunAs::shellQuote).toList()));
        } else {
            wrapped.addAll(command);
        }
        return wrapped;
    }

    @Override
    public String toString() {
        return user == null ? "the current user" : "user '" + user.getName() + "'";
    }

    private static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        // user.name comes from $USER-like sources on some systems; the uid is what PostgreSQL checks.
        try {
            Processes.Result id = Processes.run(List.of("id", "-u"), Processes.cleanEnvironment(),
                    Path.of("/"), Duration.ofSeconds(10));
            return id.ok() && id.output().equals("0");
        } catch (IllegalStateException e) {
            return false; // no id program: not a Unix we would have to switch users on
        }
    }

    private static Optional<UserPrincipal> lookUp(String name) {
        try {
            return Optional.of(FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(name));
        } catch (UserPrincipalNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot look up the user '" + name + "': " + e, e);
        }
    }

    private static String shellQuote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
