package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code store:scan} and its options, on a store with range queries (memory engine) and on one
 * without (plain engine, where the command applies the bounds itself): both must print the same.
 */
class ScanCommandTest extends ShellTestBase {

    private static final String ALL = "a = 1\nb = 2\nc = 3\nd = 4\ne = 5";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("", ALL),
                Arguments.of("--limit 0", ALL),
                Arguments.of("--limit 5", ALL),
                Arguments.of("--start b --end d", "b = 2\nc = 3"),
                Arguments.of("-s b -e d -r", "c = 3\nb = 2"),
                Arguments.of("--start c", "c = 3\nd = 4\ne = 5"),
                Arguments.of("--end c --reverse", "b = 2\na = 1"),
                Arguments.of("--start bb --end c", "(no entries)"),
                Arguments.of("--start d --end b", "(no entries)"),
                Arguments.of("--start d --end b --reverse", "(no entries)"),
                Arguments.of("--start f", "(no entries)"),
                Arguments.of("--limit 2", "a = 1\nb = 2\n(limit of 2 reached; continue with --start c)"),
                Arguments.of("--start c --limit 2", "c = 3\nd = 4\n(limit of 2 reached; continue with --start e)"),
                Arguments.of("--reverse --limit 2", "e = 5\nd = 4\n(limit of 2 reached; continue with --reverse --end d)"),
                Arguments.of("--reverse --end d --limit 2",
                        "c = 3\nb = 2\n(limit of 2 reached; continue with --reverse --end b)"),
                Arguments.of("-s b -e d -r -l 1", "c = 3\n(limit of 1 reached; continue with --reverse --end c)"),
                Arguments.of("-e b -r -l 5", "a = 1"),
                Arguments.of("-x --start 62 --end 64", "62 = 32\n63 = 33"),
                Arguments.of("-x -r -l 1", "65 = 35\n(limit of 1 reached; continue with --hex --reverse --end 65)"),
                Arguments.of("--hex -l 1", "61 = 31\n(limit of 1 reached; continue with --hex --start 62)"));
    }

    @ParameterizedTest(name = "[{0}] scan {1}")
    @MethodSource("engineAndCases")
    void scanPrintsTheRange(String engine, String options, String expected) {
        fill(engine);
        assertEquals(expected, shell.print("store:scan " + options + " s"));
    }

    static Stream<Arguments> engineAndCases() {
        return Stream.of("memory", PlainEngine.NAME)
                .flatMap(engine -> cases().map(c -> Arguments.of(engine, c.get()[0], c.get()[1])));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theContinuationHintListsTheRestOfTheRange(String engine) {
        fill(engine);
        assertEquals("a = 1\nb = 2\n(limit of 2 reached; continue with --start c)", shell.print("store:scan -l 2 s"));
        assertEquals("c = 3\nd = 4\n(limit of 2 reached; continue with --start e)",
                shell.print("store:scan -l 2 --start c s"));
        assertEquals("e = 5", shell.print("store:scan -l 2 --start e s"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unprintableKeysAndValuesShowAsMarkedHexOnTheirLine(String engine) {
        shell.run("store:create s " + engine);
        shell.run("store:set -x s 00 ff");
        shell.run("store:set s 'two words' 'line one'");
        shell.run("store:set -x s 6e6c 610a62");
        shell.run("store:set s empty ''");
        assertEquals("""
                hex:00 = hex:ff
                empty =\s
                nl = hex:610a62
                two words = line one""", shell.print("store:scan s"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theContinuationHintQuotesOrHexesKeysThatNeedIt(String engine) {
        shell.run("store:create s " + engine);
        shell.run("store:set s a 1");
        shell.run("store:set s 'b c' 2");
        shell.run("store:set -x s 642765 33");
        shell.run("store:set -x s ff 04");
        assertEquals("a = 1\n(limit of 1 reached; continue with --start 'b c')", shell.print("store:scan -l 1 s"));
        assertEquals("b c = 2\n(limit of 1 reached; continue with --hex --start 642765)",
                shell.print("store:scan -l 1 --start 'b c' s"));
        assertEquals("d'e = 3\n(limit of 1 reached; continue with --hex --start ff)",
                shell.print("store:scan -l 1 --start d s"));
        assertEquals("d'e = 3\n(limit of 1 reached; continue with --hex --reverse --end 642765)",
                shell.print("store:scan -r -l 1 --end e s"));
        assertEquals("622063 = 32\n61 = 31", shell.print("store:scan --hex --reverse --end 642765 s"));
    }

    @Test
    void aWideScanIsCutAtTheDefaultLimitOf100() {
        shell.run("store:create big");
        for (int i = 0; i < 150; i++) {
            shell.run(String.format("store:set big k%03d v%d", i, i));
        }
        String[] lines = shell.print("store:scan big").split("\n");
        assertEquals(101, lines.length);
        assertEquals("k000 = v0", lines[0]);
        assertEquals("k099 = v99", lines[99]);
        assertEquals("(limit of 100 reached; continue with --start k100)", lines[100]);
        assertEquals(150, shell.print("store:scan --limit 0 big").split("\n").length);
    }

    static Stream<String> engines() {
        return Stream.of("memory", PlainEngine.NAME);
    }

    private void fill(String engine) {
        shell.run("store:create s " + engine);
        for (String key : new String[] {"c", "a", "e", "b", "d"}) {
            shell.run("store:set s " + key + " " + (key.charAt(0) - 'a' + 1));
        }
    }
}
