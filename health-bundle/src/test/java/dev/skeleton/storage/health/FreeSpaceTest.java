package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreeSpaceTest {

    @TempDir
    Path temp;

    @Test
    void anExistingFolderIsMeasuredOnItsFileSystem() throws IOException {
        long usable = FreeSpace.FILE_SYSTEM.usableBytes(temp);

        assertTrue(usable > 0, "usable " + usable);
        assertEquals(Files.getFileStore(temp).getUsableSpace(), usable, 64L << 20);
    }

    @Test
    void aFolderNotCreatedYetIsMeasuredOnItsNearestExistingParent() throws IOException {
        Path missing = temp.resolve("not").resolve("yet");

        long usable = FreeSpace.FILE_SYSTEM.usableBytes(missing);

        assertFalse(Files.exists(missing));
        assertEquals(Files.getFileStore(temp).getUsableSpace(), usable, 64L << 20);
    }

    @Test
    void aRelativePathWithNoExistingAncestorFails() {
        Path nowhere = Path.of("no-such-folder-" + System.nanoTime(), "stores");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> FreeSpace.FILE_SYSTEM.usableBytes(nowhere));

        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    }
}
