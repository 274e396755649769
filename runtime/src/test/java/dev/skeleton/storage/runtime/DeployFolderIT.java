package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine bundle dropped into {@code deploy/} of a running runtime appears; removed, it goes, and
 * so do its (memory-only) stores.
 */
@Timeout(120)
class DeployFolderIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;
    private int marks;

    /** Runs store:engines after a fresh mark, and waits until its output passes the check. */
    private void awaitEngines(SkeletonProcess console, boolean sample) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String begin = "begin-" + ++marks;
            String end = "end-" + marks;
            console.type("echo " + begin).type("store:engines").type("echo " + end);
            console.awaitOut(out -> out.contains(end), WAIT, "the engines");
            String out = console.out();
            String engines = out.substring(out.lastIndexOf(begin), out.lastIndexOf(end));
            if (engines.contains("sample") == sample) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("engine sample " + (sample ? "did not appear" : "did not go") + ": " + engines);
            }
            Thread.sleep(300);
        }
    }

    @Test
    void anEngineComesAndGoesWithItsJar() throws IOException, InterruptedException {
        try (SkeletonProcess console = SkeletonProcess.start(work, "-Dfelix.fileinstall.poll=200")) {
            console.awaitOut(out -> out.contains("'stop 0' or Ctrl-D quits"), WAIT, "the banner");
            awaitEngines(console, false);

            // Copied beside the folder, then moved in: FileInstall never sees half a jar.
            Path jar = Files.copy(Layout.sampleEngine(), work.resolve("sample-engine.jar"));
            Path deployed = work.resolve("deploy").resolve("sample-engine.jar");
            Files.move(jar, deployed, StandardCopyOption.ATOMIC_MOVE);
            awaitEngines(console, true);

            console.type("store:create notes sample").type("store:set notes k from-sample").type("store:get notes k");
            console.awaitOut(out -> out.contains("from-sample"), WAIT, "the value");

            Files.delete(deployed);
            awaitEngines(console, false);
            // A store of an engine without persistence ends with its engine. (The console prints
            // failures on standard output.)
            console.type("store:get notes k");
            console.awaitOut(out -> out.contains("store: STORE_NOT_FOUND: no store named notes"),
                    WAIT, "the store gone");

            console.type("stop 0");
            assertEquals(ExitStatus.OK, console.exitStatus(WAIT), console.err());
        }
    }
}
