package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skeleton.storage.TransferProgress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numbers, sizes and times of the transfer commands' progress lines and summaries. */
class TransferFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"0;0", "999;999", "1000;1,000", "1000000;1,000,000",
            "-1234;-1,234", "9223372036854775807;9,223,372,036,854,775,807"})
    void countsHaveThousandsSeparators(long count, String text) {
        assertEquals(text, TransferFormat.count(count));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "0;0 B", "1;1 B", "1023;1023 B",
            "1024;1.0 KiB", "1536;1.5 KiB", "11980;11.7 KiB",
            "1048524;1023.9 KiB", "1048535;1.0 MiB", "1048576;1.0 MiB",
            "121634816;116.0 MiB", "1073741824;1.0 GiB", "1099511627776;1.0 TiB",
            "9223372036854775807;8.0 EiB", "-5;-5 B"})
    void sizesInBinaryUnitsWithOneDecimal(long bytes, String text) {
        assertEquals(text, TransferFormat.bytes(bytes));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "-5;0 ms", "0;0 ms", "215;215 ms", "999;999 ms",
            "1000;1.0 s", "4150;4.1 s", "59999;59.9 s",
            "60000;1 min 0 s", "125000;2 min 5 s", "3599999;59 min 59 s",
            "3600000;1 h 0 min", "3720000;1 h 2 min", "90000000;25 h 0 min"})
    void timesAsAPersonReadsThem(long millis, String text) {
        assertEquals(text, TransferFormat.duration(Duration.ofMillis(millis)));
    }

    @Test
    void oneEntryIsSingular() {
        assertEquals("0 entries", TransferFormat.entries(0));
        assertEquals("1 entry", TransferFormat.entries(1));
        assertEquals("2,000 entries", TransferFormat.entries(2000));
    }

    @Test
    void aProgressLineWithAKnownTotalTellsPercentRateAndTimeLeft() {
        TransferProgress progress = new TransferProgress("users", 412_000, 1_000_000, 50_541_363,
                Duration.ofMillis(4_000));

        assertEquals("export users: 412,000/1,000,000 entries (41%), 48.2 MiB, 103,000/s, 5.7 s left",
                TransferFormat.progress("export", progress));
    }

    @Test
    void aProgressLineWithoutATotalHasNoTimeLeft() {
        TransferProgress progress = new TransferProgress("users", 1, -1, 10, Duration.ofSeconds(2));

        assertEquals("import users: 1 entry, 10 B, 1/s", TransferFormat.progress("import", progress));
    }

    @Test
    void aProgressLineBeforeAnyTimeHasPassedHasNoRateYet() {
        TransferProgress progress = new TransferProgress("users", 0, 0, 0, Duration.ZERO);

        assertEquals("copy users: 0/0 entries (100%), 0 B, 0/s", TransferFormat.progress("copy", progress));
    }

    @Test
    void totalsNameEntriesBytesTheWholeHashAndTheTime() {
        assertEquals("1,000 entries, 11.7 KiB, hash " + "3f".repeat(32) + ", 4.1 s",
                TransferFormat.totals(ScriptedTransfers.report("users", "memory", null, 1000, 11_980,
                        Duration.ofMillis(4_100), Duration.ZERO)));
    }
}
