package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code store:stats}, with and without a store's name, in a real Gogo shell. */
class StatsCommandsTest extends ShellTestBase {

    @Test
    void aStoresFiguresAreListedOnePerLineUnderTheirMBeanNames() {
        shell.run("store:create users");
        shell.run("store:set users alice admin");
        shell.run("store:set users bob reader");
        shell.run("store:get users alice");
        shell.run("store:save users");

        List<String> lines = shell.print("store:stats users").lines().map(line -> line.replaceAll(" +", " "))
                .toList();
        for (String expected : List.of("store users", "engine memory", "available yes", "versions 1",
                "bytes_read 5", "bytes_written 19", "operations.set 2", "operations.get 1",
                "operations.save_version 1", "operations.failed 0")) {
            assertTrue(lines.contains(expected), expected + " in " + lines);
        }
        // The first write of each thread is timed, whatever else is.
        assertTrue(lines.stream().anyMatch(line -> line.matches("latency\\.writes\\.p99 \\d+\\.\\d us")),
                lines::toString);
    }

    @Test
    void withoutANameEveryStoreIsARowOfTheTable() {
        assertEquals("(no stores)", shell.print("store:stats"));
        shell.run("store:create users");
        shell.run("store:create p plain");
        for (int i = 0; i < 3; i++) {
            shell.run("store:set users k" + i + " v");
        }
        shell.run("store:get users k1");
        List<String> lines = shell.print("store:stats").lines().toList();
        assertEquals(3, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("store +engine +available +reads +writes +commits +failed +read +written"
                + " +p99 read +p99 write"), lines.get(0));
        assertTrue(lines.get(1).matches("p +plain +yes +0 +0 +0 +0 +0 B +0 B +- +-"), lines.get(1));
        assertTrue(lines.get(2).matches("users +memory +yes +1 +3 +0 +0 +1 B +9 B +.*"), lines.get(2));
    }

    @Test
    void anUnknownStoreFailsWithOneLine() {
        CommandException e = shell.fail("store:stats nothing");
        assertEquals(ErrorCode.STORE_NOT_FOUND, e.code());
        assertTrue(shell.fail("store:stats a b").getMessage().contains("usage: store:stats"));
    }

    @Test
    void sizesAndDurationsAreWrittenForPeople() {
        assertEquals("1023 B", StatsReport.bytes(1023));
        assertEquals("1.5 KiB", StatsReport.bytes(1536));
        assertEquals("2.0 GiB", StatsReport.bytes(2L << 30));
        assertEquals("1.2 us", StatsReport.micros(1234));
        CommandException e = assertThrows(CommandException.class, () -> new StatsCommands(null));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
