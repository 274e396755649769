package dev.skeleton.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The value types of backups, copies and moves. */
class TransferTypesTest {

    private static void assertInvalid(Runnable construction) {
        StorageException e = assertThrows(StorageException.class, construction::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void exportOptionsStartFromTheWorkingDataAndChangeOneThingAtATime() {
        ExportOptions defaults = ExportOptions.defaults();
        assertEquals(0, defaults.version());
        assertFalse(defaults.compress());
        assertSame(TransferListener.NONE, defaults.listener());
        TransferListener listener = progress -> { };
        ExportOptions changed = defaults.fromVersion(3).compressed(true).reporting(listener);
        assertEquals(new ExportOptions(3, true, listener), changed);
        assertEquals(0, defaults.version(), "the defaults are unchanged");
        assertInvalid(() -> new ExportOptions(-1, false, TransferListener.NONE));
        assertInvalid(() -> new ExportOptions(0, false, null));
    }

    @Test
    void importOptionsStartFromTheDefaultEngineAndChangeOneThingAtATime() {
        ImportOptions defaults = ImportOptions.defaults();
        assertNull(defaults.engine());
        assertEquals(Config.empty(), defaults.config());
        assertFalse(defaults.replace());
        Config config = Config.of(Map.of("max_versions", 5));
        TransferListener listener = progress -> { };
        ImportOptions changed = defaults.onEngine("file").withConfig(config).replacing(true).reporting(listener);
        assertEquals(new ImportOptions("file", config, true, listener), changed);
        assertInvalid(() -> new ImportOptions(null, null, false, TransferListener.NONE));
        assertInvalid(() -> new ImportOptions(null, Config.empty(), false, null));
    }

    @Test
    void progressKnowsItsRateAndWhatIsLeftWhenTheTotalIsKnown() {
        TransferProgress half = new TransferProgress("s", 500, 1_000, 50_000, Duration.ofSeconds(2));
        assertEquals(250.0, half.entriesPerSecond());
        assertEquals(Duration.ofSeconds(2), half.remaining());
        assertNull(new TransferProgress("s", 500, -1, 0, Duration.ofSeconds(2)).remaining(), "total unknown");
        TransferProgress atStart = new TransferProgress("s", 0, 1_000, 0, Duration.ZERO);
        assertEquals(0.0, atStart.entriesPerSecond());
        assertNull(atStart.remaining(), "no rate yet");
        TransferListener.NONE.progress(half);
    }

    @Test
    void aReportCopiesItsHashAndChecksItsFields() {
        byte[] hash = new byte[VersionInfo.HASH_LENGTH];
        hash[0] = (byte) 0xab;
        TransferReport report = new TransferReport("s", "file", "memory", 3, 27, hash, Duration.ofMillis(5), Duration.ZERO);
        hash[1] = 1;
        assertEquals(0, report.hash()[1], "copied on the way in");
        report.hash()[2] = 1;
        assertEquals(0, report.hash()[2], "copied on the way out");
        assertTrue(report.hashHex().startsWith("ab00"));
        assertEquals(64, report.hashHex().length());
        assertArrayEquals(report.hash(), report.hash());
        assertInvalid(() -> new TransferReport("s", "f", null, 0, 0, new byte[3], Duration.ZERO, Duration.ZERO));
        assertInvalid(() -> new TransferReport("s", "f", null, 0, 0, null, Duration.ZERO, Duration.ZERO));
        assertInvalid(() -> new TransferReport("s", "f", null, 0, 0, new byte[32], null, Duration.ZERO));
        assertInvalid(() -> new TransferReport("s", "f", null, 0, 0, new byte[32], Duration.ZERO, null));
    }
}
