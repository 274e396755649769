package dev.skeleton.storage.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CfgFileTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.write(dir.resolve("test.cfg"), List.of(lines));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sshPort = 8101|sshPort",
        "sshPort=8101|sshPort",
        "  sshPort:8101|sshPort",
        "_g_\\:admingroup = group,admin|_g_\\:admingroup",
        "a\\=b = c|a\\=b",
        "lonely|lonely",
    })
    void theKeyIsWhatComesBeforeTheSeparatorWithItsEscapes(String line, String key) {
        assertEquals(key, CfgFile.keyOf(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#karaf = karaf", "  # note", "! note", "   ", ""})
    void commentsAndBlankLinesHaveNoKey(String line) {
        assertNull(CfgFile.keyOf(line));
    }

    @Test
    void settingAKeyReplacesItsWholeEntryAndKeepsTheRest() throws IOException {
        Path file = file("# the list", "repositories = \\", "    a, \\", "    b", "other = 1");

        new CfgFile(file).set("repositories", "");

        assertEquals(List.of("# the list", "other = 1", "repositories = "), Files.readAllLines(file));
    }

    @Test
    void aCommentedOutEntryIsNotTheKeyAndStays() throws IOException {
        Path file = file("#karaf = karaf,_g_:admingroup \\", "other = 1");

        new CfgFile(file).set("karaf", "karaf,_g_:admingroup");

        assertEquals(List.of("#karaf = karaf,_g_:admingroup \\", "other = 1", "karaf = karaf,_g_:admingroup"),
                Files.readAllLines(file));
    }

    @Test
    void anItemIsAppendedOnALineOfItsOwnAfterTheEntrysLastLine() throws IOException {
        Path file = file("defaultRepositories=\\", "    system@id=system, \\", "    kar@id=kar", "next = 2");

        new CfgFile(file).append("defaultRepositories", "file:/repo@id=skeleton@snapshots");

        assertEquals(List.of("defaultRepositories=\\", "    system@id=system, \\", "    kar@id=kar, \\",
                "    file:/repo@id=skeleton@snapshots", "next = 2"), Files.readAllLines(file));
    }

    @Test
    void aContinuationLineIsNeverTakenForAKey() throws IOException {
        Path file = file("list = \\", "    other = x", "other = 1");

        new CfgFile(file).set("other", "2");

        assertEquals(List.of("list = \\", "    other = x", "other = 2"), Files.readAllLines(file));
    }

    @Test
    void appendingToAMissingKeyIsAnError() throws IOException {
        Path file = file("other = 1");

        assertThrows(IllegalStateException.class, () -> new CfgFile(file).append("missing", "x"));
    }
}
