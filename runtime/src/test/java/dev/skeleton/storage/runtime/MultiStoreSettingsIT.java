package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, defect 3: the multistore's settings have one precedence (the file
 * {@code etc/dev.skeleton.storage.multistore.cfg}, key by key, over {@code --data} and
 * {@code --engine}), the banner prints the settings in effect with their source and absolute
 * paths, a setting given explicitly and overridden is warned about, and an unknown key is named.
 *
 * <p>Needs the multistore bundle that takes its defaults from the framework properties
 * {@code dev.skeleton.storage.multistore.root.path} and {@code ...default.engine}.
 */
@Timeout(120)
class MultiStoreSettingsIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String BANNER_END = "'stop 0' or Ctrl-D quits";

    @TempDir
    Path work;
    private Path real;
    private Path cfg;

    @BeforeEach
    void folders() throws IOException {
        // The platform sees its working directory as the operating system gives it, links resolved.
        real = work.toRealPath();
        cfg = Files.createDirectories(real.resolve("etc")).resolve("dev.skeleton.storage.multistore.cfg");
    }

    @Test
    void withoutAFileTheBannerPrintsTheDataFolderAndTheLaunchersEngine() throws Exception {
        try (SkeletonProcess console = SkeletonProcess.start(work, "--data", "some/../d")) {
            console.awaitOut(out -> out.contains(BANNER_END), RUN, "the banner");
            console.type("store:create s memory").type("store:info s").type("stop 0");
            assertEquals(ExitStatus.OK, console.exitStatus(RUN), console.err());

            String out = console.out();
            assertTrue(out.contains("  stores:  " + real.resolve("d") + System.lineSeparator()), out);
            assertTrue(out.contains("(default " + Layout.defaultEngine() + ")"), out);
            assertFalse(out.contains("  data:  "), "no second folder when the stores are in the data folder: " + out);
            assertTrue(out.contains(real.resolve("d").resolve("s").toString()), "store:info agrees: " + out);
            assertFalse(console.err().contains("skeleton:"), "nothing overridden, nothing unknown: " + console.err());
        }
    }

    @Test
    void theFileWinsKeyByKeyAndTheBannerSaysSo() throws Exception {
        Files.writeString(cfg, "root.path = ./elsewhere\ndefault.engine = memory\n");

        try (SkeletonProcess console = SkeletonProcess.start(work, "--data", "d", "--engine", "other")) {
            console.awaitOut(out -> out.contains(BANNER_END), RUN, "the banner");
            console.type("store:create s").type("store:info s").type("stop 0");
            assertEquals(ExitStatus.OK, console.exitStatus(RUN), console.err());

            String out = console.out();
            assertTrue(out.contains("(default memory: default.engine from " + cfg + ")"), out);
            assertTrue(out.contains("  stores:  " + real.resolve("elsewhere") + " (root.path from " + cfg + ")"), out);
            assertTrue(out.contains("  data:    " + real.resolve("d")
                    + "  (the platform's own: its lock, the framework cache, the console history)"), out);
            assertTrue(out.contains("created store s (engine memory)"), out);
            assertTrue(out.contains(real.resolve("elsewhere").resolve("s").toString()), "store:info agrees: " + out);
            assertEquals(List.of(
                    "skeleton: warning: " + cfg + " sets root.path, which overrides --data " + real.resolve("d")
                            + ": the stores are in " + real.resolve("elsewhere"),
                    "skeleton: warning: " + cfg + " sets default.engine, which overrides --engine other"
                            + ": the default engine is memory"),
                    console.err().lines().filter(line -> line.startsWith("skeleton:")).toList(), console.err());
        }
    }

    @Test
    void aKeyTheFileLacksComesFromTheLauncherAndAnUnknownKeyIsNamed() throws Exception {
        Files.writeString(cfg, "root.pth = ./typo\ndefault.engine = memory\n");

        SkeletonProcess.Result result = SkeletonProcess.run(work, RUN, "-c", "store:create s; store:info s");

        assertEquals(ExitStatus.OK, result.status(), result.toString());
        assertTrue(result.out().contains("created store s (engine memory)"), result.toString());
        assertTrue(result.out().contains(real.resolve("data").resolve("s").toString()), result.toString());
        assertEquals(List.of("skeleton: warning: " + cfg + ": unknown key root.pth (known: root.path, default.engine)"),
                result.errLines().stream().filter(line -> line.contains("root.pth")).toList(), result.toString());
        assertFalse(Files.exists(real.resolve("typo")), "the misspelt key is not used");
    }
}
