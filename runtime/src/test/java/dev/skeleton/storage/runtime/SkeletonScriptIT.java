package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./skeleton} script of the repository when it has to build first (issue 15: some 30 s
 * of silence on a fresh clone): one progress line per module, Maven's errors shown as Maven prints
 * them, status 3 for a failed build.
 *
 * <p>The script runs on a copy of itself in an empty repository, with stand-ins for {@code mvn}
 * and {@code java} first on the {@code PATH}: the real build would build (and install) the whole
 * repository. The {@code mvn} stand-in prints what Maven prints for the arguments given: with
 * {@code -q} only errors, and the build events' lines ({@code [INFO] Building ...}) only when the
 * logger of those events is set to {@code info}.
 */
@Timeout(60)
class SkeletonScriptIT {

    private static final String FAKE_MVN = """
            #!/usr/bin/env bash
            quiet=false events=false
            for arg in "$@"; do
              case "$arg" in
                -q) quiet=true ;;
                -Dorg.slf4j.simpleLogger.log.org.apache.maven.cli.event.ExecutionEventLogger=info) events=true ;;
              esac
            done
            info() { if [[ $quiet == false || $events == true ]]; then printf '\\e[0m[INFO] %s\\n' "$1"; fi; }
            info "Scanning for projects..."
            info "------------------------------< dev.skeleton.storage:api-bundle >------------------------------"
            info "Building Skeleton Storage API 1.0.0-SNAPSHOT                                 [1/2]"
            info "--------------------------------[ jar ]---------------------------------"
            echo "a line a plugin prints itself"
            info "Building Skeleton Storage runtime 1.0.0-SNAPSHOT                             [2/2]"
            if [[ -n "${FAIL_BUILD:-}" ]]; then
              info "BUILD FAILURE"
              echo "[ERROR] /repo/runtime/src/main/java/Launcher.java:[10,1] class, interface, enum, or record expected"
              echo "[ERROR] Failed to execute goal compile (default-compile) on project runtime: Compilation failure"
              exit 1
            fi
            mkdir -p runtime/target/skeleton
            touch runtime/target/skeleton/skeleton.jar
            info "BUILD SUCCESS"
            """;
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            echo "java $*"
            """;

    @TempDir
    Path work;
    private Path repository;
    private Path bin;

    @BeforeEach
    void repository() throws IOException {
        Path script = Path.of("..", "skeleton").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/usr/bin/env")),
                "needs the repository's script and a Unix shell");
        repository = Files.createDirectories(work.resolve("repository"));
        Files.copy(script, repository.resolve("skeleton"));
        Files.writeString(repository.resolve("pom.xml"), "<project/>\n");
        bin = Files.createDirectories(work.resolve("bin"));
        executable(bin.resolve("mvn"), FAKE_MVN);
        executable(bin.resolve("java"), FAKE_JAVA);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int status, String out, List<String> err) {
    }

    private Run skeleton(boolean failBuild, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", repository.resolve("skeleton").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().remove("JAVA_OPTS");
        if (failBuild) {
            builder.environment().put("FAIL_BUILD", "yes");
        }
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the script ended");
        return new Run(process.exitValue(), Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readAllLines(work.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aBuildShowsOneLinePerModuleThenThePlatformRuns() throws IOException, InterruptedException {
        Run run = skeleton(false, "-c", "store:engines");

        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of(
                "skeleton: building the platform (mvn -B -q install -DskipTests -Djacoco.skip=true) ...",
                "skeleton: building Skeleton Storage API (1/2)",
                "a line a plugin prints itself",
                "skeleton: building Skeleton Storage runtime (2/2)"), run.err(), run.toString());
        assertEquals("java -jar " + repository.resolve("runtime/target/skeleton/skeleton.jar") + " -c store:engines\n",
                run.out());

        Run again = skeleton(false, "-c", "store:engines");
        assertEquals(List.of(), again.err(), "built already: " + again);
    }

    @Test
    void aFailedBuildShowsMavensErrorsAndExitsWithThree() throws IOException, InterruptedException {
        Run run = skeleton(true, "-c", "store:engines");

        assertEquals(ExitStatus.START_FAILED, run.status(), run.toString());
        assertEquals(List.of(
                "skeleton: building the platform (mvn -B -q install -DskipTests -Djacoco.skip=true) ...",
                "skeleton: building Skeleton Storage API (1/2)",
                "a line a plugin prints itself",
                "skeleton: building Skeleton Storage runtime (2/2)",
                "[ERROR] /repo/runtime/src/main/java/Launcher.java:[10,1] class, interface, enum, or record expected",
                "[ERROR] Failed to execute goal compile (default-compile) on project runtime: Compilation failure",
                "skeleton: the build failed, see above"), run.err(), run.toString());
        assertEquals("", run.out(), "the platform did not run");
    }
}
