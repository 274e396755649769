package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock of a folder within one JVM; between processes it is tested in DataFolderLockIT. */
class FolderLockTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void theLockFileHoldsTheProcessIdAndASecondLockIsRefusedNamingIt() throws LaunchException, IOException {
        try (FolderLock lock = FolderLock.inside(dir, "the data folder")) {
            assertEquals(dir.resolve(".platform.lock"), lock.file());
            assertEquals(PID + "\n", Files.readString(lock.file()));

            LaunchException refused = assertThrows(LaunchException.class, () -> FolderLock.inside(dir, "the data folder"));

            assertEquals(ExitStatus.START_FAILED, refused.exitStatus());
            assertEquals("the data folder " + dir + " is in use by another platform (process " + PID + ")",
                    refused.getMessage());
        }
        // Released: the next one takes it, and the file stays.
        FolderLock.inside(dir, "the data folder").release();
        assertTrue(Files.exists(dir.resolve(".platform.lock")));
    }

    @Test
    void aLockFileWithoutAProcessIdGivesAMessageWithoutOne() throws LaunchException, IOException {
        try (FolderLock lock = FolderLock.inside(dir, "the data folder")) {
            // As a platform that has locked but not written yet.
            Files.writeString(lock.file(), "");

            LaunchException refused = assertThrows(LaunchException.class, () -> FolderLock.inside(dir, "the data folder"));

            assertEquals("the data folder " + dir + " is in use by another platform", refused.getMessage());
        }
    }

    @Test
    void aStaleLockFileOfAnEndedProcessIsTakenOver() throws LaunchException, IOException {
        Files.writeString(dir.resolve(".platform.lock"), "999999999\n");

        try (FolderLock lock = FolderLock.inside(dir, "the data folder")) {
            assertEquals(PID + "\n", Files.readString(lock.file()));
        }
    }

    @Test
    void aFolderItsUserDeletesIsLockedBesideIt() throws LaunchException {
        Path cache = dir.resolve("cache");
        try (FolderLock lock = FolderLock.beside(cache, "the cache folder")) {
            assertEquals(dir.resolve("cache.platform.lock"), lock.file());

            LaunchException refused = assertThrows(LaunchException.class, () -> FolderLock.beside(cache, "the cache folder"));

            assertTrue(refused.getMessage().startsWith("the cache folder " + cache + " is in use by another platform"),
                    refused.getMessage());
        }
    }

    @Test
    void aFolderThatCannotHoldTheLockFileIsNamed() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> FolderLock.inside(dir.resolve("missing"), "the data folder"));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().startsWith("cannot lock the data folder " + dir.resolve("missing")), e.getMessage());
    }
}
