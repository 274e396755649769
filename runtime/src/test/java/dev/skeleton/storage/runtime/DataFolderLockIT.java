package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One platform per data folder (issue 15, defect 1): a second platform on the same data folder,
 * or on the same cache folder, is refused at start with one line and status 3, before it creates
 * its framework, and the first platform goes on untouched: its framework cache is the same (not
 * cleaned and rebuilt by the second), its stores answer, and it stops normally.
 */
@Timeout(180)
class DataFolderLockIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String BANNER_END = "'stop 0' or Ctrl-D quits";

    @TempDir
    Path work;

    @Test
    void aSecondPlatformOnTheSameDataIsRefusedAndTheFirstIsUntouched() throws Exception {
        Path data = work.resolve("data");
        try (SkeletonProcess first = SkeletonProcess.start(work)) {
            first.awaitOut(out -> out.contains(BANNER_END), RUN, "the banner");
            first.type("store:create kept").type("store:set kept k before").type("store:get kept k");
            first.awaitOut(out -> out.contains("before"), RUN, "the first value");
            Map<String, Object> cache = identities(data.resolve(".framework"));

            // As in the issue: other deploy and etc folders, the same data.
            SkeletonProcess.Result second = SkeletonProcess.run(work, RUN, "--data", "data", "--deploy", "deploy2",
                    "--etc", "etc2", "-c", "store:stores");

            assertEquals(ExitStatus.START_FAILED, second.status(), second.toString());
            assertEquals(List.of("skeleton: the data folder " + data.toRealPath()
                    + " is in use by another platform (process " + first.pid() + ")"), second.errLines(), second.toString());
            assertEquals("", second.out(), second.toString());
            assertEquals(cache, identities(data.resolve(".framework")), "the first platform's framework cache is untouched");

            first.type("store:set kept k after").type("store:get kept k").type("store:stores");
            first.awaitOut(out -> out.contains("after"), RUN, "the value written after the refusal");
            first.type("stop 0");
            assertEquals(ExitStatus.OK, first.exitStatus(RUN), first.err());
            assertFalse(first.err().contains("skeleton:") || first.err().contains("Exception"), first.err());
        }
        // The lock went with the first platform.
        SkeletonProcess.Result next = SkeletonProcess.run(work, RUN, "-c", "store:stores");
        assertEquals(ExitStatus.OK, next.status(), next.toString());
        if (Layout.hasFileEngine()) {
            assertTrue(next.out().contains("kept"), "the first platform's store is in the catalog: " + next);
        }
    }

    @Test
    void aSecondPlatformOnTheSameCacheIsRefused() throws Exception {
        Path cache = work.resolve("cache");
        try (SkeletonProcess first = SkeletonProcess.start(work, "--cache", "cache")) {
            first.awaitOut(out -> out.contains(BANNER_END), RUN, "the banner");
            Map<String, Object> before = identities(cache);

            SkeletonProcess.Result second = SkeletonProcess.run(work, RUN, "--data", "data2", "--cache", "cache",
                    "-c", "store:stores");

            assertEquals(ExitStatus.START_FAILED, second.status(), second.toString());
            assertEquals(List.of("skeleton: the cache folder " + cache.toRealPath()
                    + " is in use by another platform (process " + first.pid() + ")"), second.errLines(), second.toString());
            assertEquals(before, identities(cache), "the first platform's framework cache is untouched");
            first.type("store:create s memory").type("store:set s k v2").type("store:get s k");
            first.awaitOut(out -> out.contains("v2"), RUN, "the value");
            first.type("stop 0");
            assertEquals(ExitStatus.OK, first.exitStatus(RUN), first.err());
        }
    }

    /**
     * The file system identity (device and inode) of a folder and of each entry in it: a folder
     * that was deleted and made again, as the framework does when it cleans its cache, has new ones.
     */
    private static Map<String, Object> identities(Path folder) throws IOException {
        Map<String, Object> keys = new TreeMap<>();
        keys.put(".", fileKey(folder));
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                keys.put(entry.getFileName().toString(), fileKey(entry));
            }
        }
        return keys;
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }
}
