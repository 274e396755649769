package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's history file is readable by its owner alone, whether new or left by an earlier run. */
class HistoryFileTest {

    @TempDir
    Path data;

    @Test
    void aNewHistoryFileIsOwnerOnly() throws IOException {
        Path history = data.resolve(".history");

        HistoryFile.makePrivate(history);

        assertEquals(HistoryFile.OWNER_ONLY, Files.getPosixFilePermissions(history));
        assertEquals(0, Files.size(history));
    }

    @Test
    void anExistingReadableHistoryBecomesOwnerOnlyAndKeepsItsLines() throws IOException {
        Path history = data.resolve(".history");
        Files.writeString(history, "1:store:get users alice\n");
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));

        HistoryFile.makePrivate(history);

        assertEquals(HistoryFile.OWNER_ONLY, Files.getPosixFilePermissions(history));
        assertEquals("1:store:get users alice\n", Files.readString(history));
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThrows(NoSuchFileException.class, () -> HistoryFile.makePrivate(data.resolve("gone/.history")));
    }
}
