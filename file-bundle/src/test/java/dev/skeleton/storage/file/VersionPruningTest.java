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
     * no version file is written, and after a reopen (from a checkpoint and the log) the same.
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
                assertEquals(Set.of(), versionFiles(), "versions are roots in the page files, not files");
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
}
