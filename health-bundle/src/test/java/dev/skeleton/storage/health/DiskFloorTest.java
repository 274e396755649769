package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiskFloorTest {

    private static final long MIB = 1L << 20;
    private final DataFolder folder = new DataFolder(Path.of("stores").toAbsolutePath(), "a test");

    @ParameterizedTest(name = "{0} MiB free, floor {1} MiB: {2}")
    @CsvSource({
        "0, 512, CRITICAL",
        "511, 512, CRITICAL",
        "512, 512, WARN",
        "1023, 512, WARN",
        "1024, 512, OK",
        "100000, 512, OK",
        "0, 0, OK",
    })
    void theFloorAndTwiceTheFloorDecide(long freeMib, long floorMib, Result.Status expected) {
        Result result = DiskFloor.check(folder, floorMib * MIB, path -> freeMib * MIB);

        assertEquals(expected, result.getStatus(), Results.text(result));
    }

    @Test
    void theResultNamesTheFreeSpaceTheFolderItsSourceAndTheFloor() {
        Result critical = DiskFloor.check(folder, 512 * MIB, path -> 100 * MIB);
        Result warn = DiskFloor.check(folder, 512 * MIB, path -> 700 * MIB);
        Result ok = DiskFloor.check(folder, 512 * MIB, path -> 5 * 1024 * MIB);
        Result off = DiskFloor.check(folder, 0, path -> 5 * MIB);

        String where = " free on the file system of " + folder.path() + " (a test)";
        assertEquals(List.of("CRITICAL 100 MiB" + where + ": below the floor of 512 MiB; writes will soon fail, make"
                + " room or move stores"), Results.lines(critical));
        assertEquals(List.of("WARN 700 MiB" + where + ": less than twice the floor of 512 MiB"), Results.lines(warn));
        assertEquals(List.of("OK 5 GiB" + where + "; floor 512 MiB"), Results.lines(ok));
        assertEquals(List.of("OK 5 MiB" + where + "; no floor (disk.floor.bytes = 0)"), Results.lines(off));
    }

    @Test
    void aHugeFloorDoesNotOverflowTwiceTheFloor() {
        Result result = DiskFloor.check(folder, Long.MAX_VALUE - 1, path -> Long.MAX_VALUE - 1);

        assertEquals(Result.Status.WARN, result.getStatus(), Results.text(result));
    }

    @Test
    void aFileSystemThatCannotBeQueriedIsAHealthCheckErrorNamingTheFolderAndCause() {
        Result result = DiskFloor.check(folder, MIB, path -> {
            throw new IOException("device gone");
        });

        assertEquals(Result.Status.HEALTH_CHECK_ERROR, result.getStatus());
        String text = Results.text(result);
        assertTrue(text.contains(folder.path().toString()) && text.contains("(a test)") && text.contains("device gone"),
                text);
    }
}
