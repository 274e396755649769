package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.assertCode;
import static dev.skeleton.storage.file.TestStores.content;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pruning of saved versions on disk under small {@code max_versions}, where every save (1) or every
 * other (2) prunes: the kept versions, the version files left, and the order of FORMAT.md that keeps
 * an interrupted pruning safe (files deleted newest first, kept versions decided by the recorded
 * {@code oldestKept}, never by the files found). Version chains are 3 files long here
 * ({@link TestStores#SMALL}), so a few saves pass several whole files.
 */
class VersionPruningTest {

    @TempDir
    Path directory;

    private final TestStores.LogCapture log = new TestStores.LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private Path dir() {
        return directory.resolve("s");
    }

    private Store create(int maxVersions) {
        return new FileEngine(TestStores.SMALL).create("s", dir().toString(),
                Config.of("sync", "always", "max_versions", maxVersions));
    }

    private Store open() {
        return new FileEngine(TestStores.SMALL).open("s", dir().toString());
    }

    /** Version numbers whose files exist, ascending. */
    private Set<Long> versionFiles() throws IOException {
        return new TreeSet<>(new StoreFiles(dir()).numbers(StoreFiles.VERSION));
    }

    /** Sets {"k": "v<n>", "n<n>": "x"} and saves; returns the content saved. */
    private static Map<String, String> saveStep(Store store, int n) {
        store.set(utf8("k"), utf8("v" + n));
        store.set(utf8("n" + n), utf8("x"));
        ((Versioned) store).saveVersion();
        return content(store);
    }

    /**
     * Forty saves under 1, 2 and 3: after each, exactly the newest are listed and load what was saved,
     * and the version files left are the kept ones plus at most one chain of bases.
     */
    @ParameterizedTest(name = "max_versions={0}")
    @ValueSource(ints = {1, 2, 3})
    void everySaveKeepsTheNewestAndBoundsTheFiles(int maxVersions) throws IOException {
        Map<Long, Map<String, String>> saved = new HashMap<>();
        try (Store store = create(maxVersions)) {
            Versioned versioned = (Versioned) store;
            for (int n = 1; n <= 40; n++) {
                saved.put((long) n, saveStep(store, n));

                long[] kept = LongStream.rangeClosed(Math.max(1, n - maxVersions + 1), n).toArray();
                assertArrayEquals(kept, versioned.listVersions(), "versions after save " + n);
                assertTrue(versionFiles().size() <= maxVersions + TestStores.SMALL.maxVersionChain(),
                        () -> "version files after save: " + versionFilesQuietly());
                versioned.loadVersion(kept[0]);
                assertEquals(saved.get(kept[0]), content(store), "oldest kept version " + kept[0]);
                versioned.loadVersion(n);
            }
        }
        try (Store store = open()) {
            Versioned versioned = (Versioned) store;
            assertArrayEquals(LongStream.rangeClosed(41 - maxVersions, 40).toArray(), versioned.listVersions());
            for (long version : versioned.listVersions()) {
                versioned.loadVersion(version);
                assertEquals(saved.get(version), content(store), "version " + version + " after reopen");
            }
            assertCode(ErrorCode.VERSION_NOT_FOUND, () -> versioned.loadVersion(40 - maxVersions));
            assertEquals(41, versioned.saveVersion().version(), "numbering goes on after reopen");
            assertArrayEquals(LongStream.rangeClosed(42 - maxVersions, 41).toArray(), versioned.listVersions());
        }
        assertEquals(List.of(), log.warnings(), "nothing is reported lost");
    }

    /**
     * Under {@code max_versions = 1} the fourth save writes a whole file and leaves versions 1..3
     * (a whole file and two deltas on it) unneeded. They are deleted newest first: when a delete
     * fails halfway (here version 2 cannot be deleted), version 3 is gone and version 1 is still
     * there, so what is left is never a delta without its base. Opening that state reports nothing
     * lost, lists only version 4, and deletes the leftovers.
     */
    @Test
    void anInterruptedPruningLeavesNoDeltaWithoutItsBase() throws IOException {
        Path aside = directory.resolve("aside");
        Files.createDirectories(aside);
        Map<String, String> fourth;
        try (Store store = create(1)) {
            for (int n = 1; n <= 3; n++) {
                saveStep(store, n);
            }
            assertEquals(Set.of(1L, 2L, 3L), versionFiles(), "a whole file and two deltas on it, all bases");
            Path second = dir().resolve("version-2");
            Files.move(second, aside.resolve("version-2"));
            Files.createDirectories(second.resolve("blocks-the-delete"));

            fourth = saveStep(store, 4);

            assertArrayEquals(new long[] {4}, ((Versioned) store).listVersions());
            assertEquals(Set.of(1L, 2L, 4L), versionFiles(), "3 deleted before 2; 1 not yet tried");
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("could not delete a pruned version file")),
                    () -> "the failed delete is reported: " + log.warnings());
        }
        Path second = dir().resolve("version-2");
        Files.delete(second.resolve("blocks-the-delete"));
        Files.delete(second);
        Files.copy(aside.resolve("version-2"), second, StandardCopyOption.REPLACE_EXISTING);
        List<String> before = log.warnings();

        try (Store store = open()) {
            assertArrayEquals(new long[] {4}, ((Versioned) store).listVersions());
            ((Versioned) store).loadVersion(4);
            assertEquals(fourth, content(store));
        }
        assertEquals(before, log.warnings(), "the leftovers are bases of each other: nothing is reported lost");
        assertEquals(Set.of(4L), versionFiles(), "the leftovers are deleted at open");
    }

    /**
     * A crash after a version file is durable but before its record is in the log (and before
     * anything is pruned): the file's own {@code oldestKept} decides, so the store opens with the
     * same versions the save would have left, and numbering goes on after it.
     */
    @ParameterizedTest(name = "max_versions={0}")
    @ValueSource(ints = {1, 2})
    void aCrashBeforeTheRecordOfASaveKeepsWhatTheVersionFileSays(int maxVersions) throws IOException {
        Path aside = directory.resolve("aside");
        try (Store store = create(maxVersions)) {
            for (int n = 1; n <= 4; n++) {
                saveStep(store, n);
            }
            store.set(utf8("k"), utf8("v5"));
        }
        copyDirectory(dir(), aside);
        Map<String, String> fifth;
        try (Store store = open()) {
            ((Versioned) store).saveVersion();
            fifth = content(store);
        }
        Files.copy(dir().resolve("version-5"), aside.resolve("version-5"));
        deleteDirectory(dir());
        copyDirectory(aside, dir());

        try (Store store = open()) {
            Versioned versioned = (Versioned) store;
            long[] kept = LongStream.rangeClosed(6 - maxVersions, 5).toArray();
            assertArrayEquals(kept, versioned.listVersions(), "what version-5 recorded as kept");
            assertCode(ErrorCode.VERSION_NOT_FOUND, () -> versioned.loadVersion(5 - maxVersions));
            versioned.loadVersion(5);
            assertEquals(fifth, content(store));
            assertEquals(6, versioned.saveVersion().version());
            assertArrayEquals(LongStream.rangeClosed(7 - maxVersions, 6).toArray(), versioned.listVersions());
        }
        assertEquals(List.of(), log.warnings(), "nothing is reported lost");
    }

    private String versionFilesQuietly() {
        try {
            return versionFiles().toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteDirectory(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
