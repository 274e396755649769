package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Failures through a real Gogo session: each one is a single line naming the error code and what
 * failed, with no stack trace (the checks are in {@link GogoShell#fail}).
 */
class CommandErrorsTest extends ShellTestBase {

    @BeforeEach
    void createStores() {
        shell.run("store:create users");
        shell.run("store:set users alice admin");
        shell.run("store:create p plain");
        shell.run("store:create tiny memory max_size=4");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // unknown store, in every command that takes one
                Arguments.of("store:info nobody", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:delete nobody", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:get nobody k", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:set nobody k v", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:del nobody k", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:has nobody k", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:scan nobody", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:save nobody", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:load nobody 1", ErrorCode.STORE_NOT_FOUND),
                Arguments.of("store:versions nobody", ErrorCode.STORE_NOT_FOUND),
                // missing key
                Arguments.of("store:get users bob", ErrorCode.KEY_NOT_FOUND),
                Arguments.of("store:get -x users 626f62", ErrorCode.KEY_NOT_FOUND),
                // bad hex
                Arguments.of("store:get -x users zz", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:set -x users 0 00", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:set -x users 00 0x01", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:del -x users 'a b'", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:has -x users g0", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:scan -x --start xy users", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:scan -x --end 123 users", ErrorCode.INVALID_ARGUMENT),
                // bad numbers
                Arguments.of("store:load users abc", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:load users 0", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:load users -3", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:load users 1.5", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:load users 99", ErrorCode.VERSION_NOT_FOUND),
                Arguments.of("store:scan --limit x users", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:scan --limit -1 users", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:scan --limit 99999999999 users", ErrorCode.INVALID_ARGUMENT),
                // engines
                Arguments.of("store:create s nosuch", ErrorCode.ENGINE_NOT_FOUND),
                Arguments.of("store:create s memory nope=1", ErrorCode.INVALID_CONFIG),
                Arguments.of("store:create s memory max_size=big", ErrorCode.INVALID_CONFIG),
                Arguments.of("store:create s memory max_size", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:create s =1", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:create s memory max_size=1 max_size=2", ErrorCode.INVALID_ARGUMENT),
                // stores
                Arguments.of("store:create users", ErrorCode.STORE_EXISTS),
                Arguments.of("store:create ../evil", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:get a/b k", ErrorCode.INVALID_ARGUMENT),
                Arguments.of("store:set tiny key value", ErrorCode.STORE_FULL),
                // versions on a store without them
                Arguments.of("store:save p", ErrorCode.UNSUPPORTED),
                Arguments.of("store:load p 1", ErrorCode.UNSUPPORTED),
                Arguments.of("store:versions p", ErrorCode.UNSUPPORTED),
                // an unset Gogo variable arrives as null
                Arguments.of("store:get users $unset", ErrorCode.INVALID_ARGUMENT));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void failsWithOneLineNamingTheCode(String line, ErrorCode code) {
        CommandException e = shell.fail(line);
        assertEquals(code, e.code());
        assertEquals(code + ": ", e.getMessage().substring(0, code.name().length() + 2), e.getMessage());
        assertEquals(code, e.failure() instanceof dev.skeleton.storage.StorageException se ? se.code() : null);
    }

    @Test
    void theLinesReadWell() {
        assertEquals("gogo: CommandException: KEY_NOT_FOUND: key \"bob\" not found in store users",
                GogoShell.consoleLine(shell.fail("store:get users bob")));
        assertEquals("store: KEY_NOT_FOUND: key \"bob\" not found in store users",
                shell.fail("store:get users bob").toString());
        assertEquals("INVALID_ARGUMENT: bad hex for the key: \"zz\" (expected pairs of the hex digits 0-9, a-f)",
                shell.fail("store:get -x users zz").getMessage());
        assertEquals("INVALID_ARGUMENT: bad hex for --start: \"xy\" (expected pairs of the hex digits 0-9, a-f)",
                shell.fail("store:scan -x --start xy users").getMessage());
        assertEquals("INVALID_ARGUMENT: version must be a whole number of 1 or more, was \"abc\"",
                shell.fail("store:load users abc").getMessage());
        assertEquals("INVALID_ARGUMENT: --limit must be a whole number of 0 or more (0: no limit), was \"x\"",
                shell.fail("store:scan --limit x users").getMessage());
        assertEquals("INVALID_ARGUMENT: engine config must be given as key=value, got \"max_size\"",
                shell.fail("store:create s memory max_size").getMessage());
        assertEquals("INVALID_ARGUMENT: engine config key max_size is given twice",
                shell.fail("store:create s memory max_size=1 max_size=2").getMessage());
        assertEquals("UNSUPPORTED: store p has no versions (engine plain)", shell.fail("store:save p").getMessage());
        assertEquals("INVALID_ARGUMENT: no value given for the key", shell.fail("store:get users $unset").getMessage());
    }

    @Test
    void anAbsentEngineFailsFast() {
        shell.run("store:set p k v");
        stores.unregisterEngine(PlainEngine.NAME);
        for (String line : new String[] {"store:get p k", "store:set p k v", "store:has p k", "store:scan p",
                "store:delete p"}) {
            assertEquals(ErrorCode.ENGINE_UNAVAILABLE, shell.fail(line).code(), line);
        }
    }

    @Test
    void aFailingCommandStopsTheScript() {
        shell.fail("store:set users a 1; store:get users bob; store:set users c 3");
        assertEquals("1", shell.print("store:get users a"));
        assertFalse(stores.getStore("users").has("c".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStoreOpFailureLeavesNothingHalfDone() {
        shell.fail("store:set tiny key value");
        assertEquals(false, shell.run("store:has tiny key"));
    }

    @Test
    void theComponentNeedsAMultiStore() {
        CommandException e = assertThrows(CommandException.class, () -> new StoreCommands(null));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
