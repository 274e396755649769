package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transfer commands through a real Gogo session over a real multistore: export, verify and
 * import round trips compared key by key and by content hash, copies, a move to a second engine
 * ({@link OtherEngine}), the failures of each, and stops that must leave nothing behind.
 */
class BackupCommandsTest extends ShellTestBase {

    private static final String TOTALS = ": (\\d+) entr(?:y|ies), [0-9.]+ (?:B|KiB), hash ([0-9a-f]{64}), [0-9.]+ m?s";
    private static final Pattern SAVED = Pattern.compile("saved version \\d+ of store users, hash ([0-9a-f]{64})");

    @TempDir
    Path dumps;

    private String users;

    @BeforeEach
    void fillAStore() {
        stores.registerEngine(new OtherEngine());
        shell.run("store:create users");
        shell.run("store:set users alice admin");
        shell.run("store:set users bob 'read only'");
        shell.run("store:set -x users 00ff 0a0b");
        shell.run("store:create p plain");
        users = shell.print("store:scan -x --limit 0 users");
    }

    @Test
    void exportVerifyImportGiveTheSameContentAndHash() {
        String saved = group(SAVED, shell.print("store:save users"), 1);
        Path dump = dumps.resolve("users.dump");

        Matcher exported = matches("exported users \\(memory\\) to " + quote(dump) + TOTALS,
                shell.print("store:export users " + word(dump)));
        Matcher verified = matches(quote(dump) + " is a good dump of users \\(memory\\)" + TOTALS,
                shell.print("store:verify " + word(dump)));
        Matcher imported = matches("imported copy \\(memory\\) from " + quote(dump) + TOTALS,
                shell.print("store:import " + word(dump) + " copy"));

        assertEquals("3", exported.group(1));
        assertEquals(saved, exported.group(2), "the dump's hash is the content hash of the store");
        assertEquals(saved, verified.group(2));
        assertEquals(saved, imported.group(2));
        assertEquals(users, shell.print("store:scan -x --limit 0 copy"));
        assertEquals("admin", shell.print("store:get copy alice"));
        assertEquals("", shell.console(), "quick transfers print no progress");
    }

    @Test
    void aCompressedDumpRoundTrips() {
        Path dump = dumps.resolve("users.dump.z");

        matches("exported users \\(memory\\) to " + quote(dump) + ", compressed" + TOTALS,
                shell.print("store:export -z users " + word(dump)));
        shell.run("store:verify " + word(dump));
        shell.run("store:import " + word(dump) + " copy");

        assertEquals(users, shell.print("store:scan -x --limit 0 copy"));
    }

    @Test
    void aSavedVersionIsExportedWhileTheWorkingDataMovesOn() {
        shell.run("store:save users");
        shell.run("store:set users alice nobody");
        Path dump = dumps.resolve("v1.dump");

        matches("exported version 1 of users \\(memory\\) to " + quote(dump) + TOTALS,
                shell.print("store:export users " + word(dump) + " --version 1"));
        shell.run("store:import " + word(dump) + " old");

        assertEquals(users, shell.print("store:scan -x --limit 0 old"));
        assertEquals("nobody", shell.print("store:get users alice"), "the working data is untouched");
    }

    @Test
    void importReplacesOnlyWhenAsked() {
        Path dump = export();
        shell.run("store:create target");
        shell.run("store:set target x y");

        assertEquals(ErrorCode.STORE_EXISTS, shell.fail("store:import " + word(dump) + " target").code());
        assertEquals("y", shell.print("store:get target x"), "refused: unchanged");

        matches("imported target \\(memory\\) from " + quote(dump) + ", replacing the store of that name" + TOTALS,
                shell.print("store:import --replace " + word(dump) + " target"));
        assertEquals(users, shell.print("store:scan -x --limit 0 target"));
    }

    @Test
    void importTakesAnEngineAndEngineConfig() {
        Path dump = export();

        matches("imported copy \\(other\\) from " + quote(dump) + TOTALS,
                shell.print("store:import " + word(dump) + " copy max_versions=3 --engine other"));

        assertEquals("other", stores.storeInfo("copy").engine());
        assertEquals(Config.of("max_versions", "3"), stores.storeInfo("copy").config());
        assertEquals(users, shell.print("store:scan -x --limit 0 copy"));
    }

    @Test
    void copyKeepsTheEngineOrTakesTheOneGiven() {
        matches("copied users \\(memory\\) to same \\(memory\\)" + TOTALS, shell.print("store:copy users same"));
        matches("copied users \\(memory\\) to elsewhere \\(other\\)" + TOTALS,
                shell.print("store:copy -e other users elsewhere"));

        assertEquals("memory", stores.storeInfo("same").engine());
        assertEquals("other", stores.storeInfo("elsewhere").engine());
        assertEquals(users, shell.print("store:scan -x --limit 0 same"));
        assertEquals(users, shell.print("store:scan -x --limit 0 elsewhere"));
    }

    @Test
    void moveTakesTheStoreToAnotherEngineUnderItsName() {
        var handle = stores.getStore("users");

        matches("moved users from memory to other" + TOTALS + ", longest writer pause [0-9.]+ m?s",
                shell.print("store:move users other"));

        assertEquals("other", stores.storeInfo("users").engine());
        assertEquals(users, shell.print("store:scan -x --limit 0 users"));
        assertTrue(handle.has("alice".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "the handle still works");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("store:export nobody {dump}", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:export ../evil {dump}", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:export p {dump}", ErrorCode.UNSUPPORTED),
                Arguments.of("store:export --version 9 users {dump}", ErrorCode.VERSION_NOT_FOUND),
                Arguments.of("store:verify {missing}", ErrorCode.IO),
                Arguments.of("store:verify {garbage}", ErrorCode.CORRUPTED),
                Arguments.of("store:import {garbage} fresh", ErrorCode.CORRUPTED),
                Arguments.of("store:import {missing} fresh", ErrorCode.IO),
                Arguments.of("store:import {dump} users", ErrorCode.STORE_EXISTS),
                Arguments.of("store:import --engine nosuch {dump} fresh", ErrorCode.ENGINE_NOT_FOUND),
                Arguments.of("store:import {dump} fresh nope=1", ErrorCode.INVALID_CONFIG),
                Arguments.of("store:import {dump} ../evil", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:copy nobody fresh", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:copy users p", ErrorCode.STORE_EXISTS),
                Arguments.of("store:copy -e nosuch users fresh", ErrorCode.ENGINE_NOT_FOUND),
                Arguments.of("store:copy p fresh", ErrorCode.UNSUPPORTED),
                Arguments.of("store:move users memory", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:move users nosuch", ErrorCode.ENGINE_NOT_FOUND),
                Arguments.of("store:move nobody other", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:move users plain", ErrorCode.UNSUPPORTED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void failsWithOneLineAndLeavesNothingBehind(String command, ErrorCode code) throws IOException {
        Path dump = export();
        Path garbage = Files.writeString(dumps.resolve("garbage.dump"), "not a dump");
        String line = command.replace("{dump}", word(dump)).replace("{garbage}", word(garbage))
                .replace("{missing}", word(dumps.resolve("missing.dump")));

        CommandException e = shell.fail(line);

        assertEquals(code, e.code(), e.getMessage());
        assertFalse(stores.storeExists("fresh"), "no store made");
        assertEquals("memory", stores.storeInfo("users").engine(), "nothing moved");
        assertEquals(users, shell.print("store:scan -x --limit 0 users"));
        assertEquals("not a dump", Files.readString(garbage));
    }

    @Test
    void aStoppedExportLeavesNoFile() {
        interruptTransfers();
        Path dump = dumps.resolve("stopped.dump");

        assertEquals("IO: export of store users stopped: " + dump + " was left as it was",
                shell.fail("store:export users " + word(dump)).getMessage());

        assertFalse(Files.exists(dump));
        try (Stream<Path> left = Files.list(dumps)) {
            assertEquals(0, left.count(), "no temporary file either");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStoppedImportOrCopyMakesNoStore() {
        Path dump = export();
        interruptTransfers();

        assertEquals("IO: import of " + dump + " into store fresh stopped: no store was made",
                shell.fail("store:import " + word(dump) + " fresh").getMessage());
        assertEquals("IO: copy of store users to fresh stopped: no store fresh was made, users is unchanged",
                shell.fail("store:copy users fresh").getMessage());

        assertFalse(stores.storeExists("fresh"));
    }

    @Test
    void aStoppedMoveLeavesTheStoreWhereItWas() {
        interruptTransfers();

        assertEquals("IO: move of store users to engine other stopped: users stays on engine memory",
                shell.fail("store:move users other").getMessage());

        assertEquals("memory", stores.storeInfo("users").engine());
        assertEquals(users, shell.print("store:scan -x --limit 0 users"));
    }

    /** Writes the store {@code users} to a dump with an uninterrupted shell. */
    private Path export() {
        Path dump = dumps.resolve("good.dump");
        if (!Files.exists(dump)) {
            shell.run("store:export users " + word(dump));
        }
        return dump;
    }

    private void interruptTransfers() {
        shell.close();
        shell = new GogoShell(new StoreCommands(stores), new BackupCommands(InterruptingTransfers.over(stores)));
    }

    /** A path as one word of a command line: single-quoted, which Gogo takes literally. */
    private static String word(Path path) {
        return "'" + path + "'";
    }

    private static String quote(Path path) {
        return Pattern.quote(path.toString());
    }

    private static Matcher matches(String regex, String line) {
        Matcher matcher = Pattern.compile(regex).matcher(line);
        assertTrue(matcher.matches(), () -> "expected /" + regex + "/ but was: " + line);
        return matcher;
    }

    private static String group(Pattern pattern, String line, int group) {
        Matcher matcher = pattern.matcher(line);
        assertTrue(matcher.matches(), line);
        return matcher.group(group);
    }
}
