package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintTest {

    @TempDir
    Path dir;

    @Test
    void theResidentSetSizeIsReadFromTheStatusFile() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 300000 kB\nVmRSS:\t   81920 kB\n");

        assertEquals(OptionalLong.of(81920L * 1024), Footprint.residentSetSize(status));
    }

    @Test
    void withoutTheLineOrTheFileTheSizeIsUnknown() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\n");

        assertEquals(OptionalLong.empty(), Footprint.residentSetSize(status));
        assertEquals(OptionalLong.empty(), Footprint.residentSetSize(dir.resolve("missing")));
        Files.writeString(status, "VmRSS: many kB\n");
        assertEquals(OptionalLong.empty(), Footprint.residentSetSize(status));
    }

    @Test
    void describedInMebibytes() {
        assertEquals("heap 9 MiB used, RSS 84 MiB", new Footprint(9L << 20, OptionalLong.of(84L << 20)).describe());
        assertEquals("heap 9 MiB used", new Footprint(9L << 20, OptionalLong.empty()).describe());
    }

    @Test
    void measuringGivesAPositiveHeap() {
        assertTrue(Footprint.measure().heapUsedBytes() > 0);
    }
}
