package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandArgumentsTest {

    @Test
    void configPairsKeepTheirValuesAsTyped() {
        assertEquals(Config.of("a", "1", "b", "", "c", "=x=y"),
                CommandArguments.config(new String[] {"a=1", "b=", "c==x=y"}));
        assertEquals(Config.empty(), CommandArguments.config(new String[0]));
    }

    @Test
    void aNullPairIsAnInvalidArgument() {
        StorageException e = assertThrows(StorageException.class,
                () -> CommandArguments.config(new String[] {null}));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void configPairsAreRecognisedByTheirEqualsSign() {
        assertTrue(CommandArguments.isConfigPair("a=1"));
        assertTrue(CommandArguments.isConfigPair("=1"));
        assertFalse(CommandArguments.isConfigPair("memory"));
        assertFalse(CommandArguments.isConfigPair(null));
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "' 7 ', 7", "2147483647, 2147483647"})
    void limits(String text, int limit) {
        assertEquals(limit, CommandArguments.limit(text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-1", "x", "1.0", "2147483648"})
    void badLimits(String text) {
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(StorageException.class, () -> CommandArguments.limit(text)).code());
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "007, 7", "9223372036854775807, 9223372036854775807"})
    void versions(String text, long version) {
        assertEquals(version, CommandArguments.version(text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0", "-1", "one", "1e3", "9223372036854775808"})
    void badVersions(String text) {
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(StorageException.class, () -> CommandArguments.version(text)).code());
    }

    @ParameterizedTest
    @CsvSource({"'', 0", "1, 1", "007, 7"})
    void exportVersionsAreEmptyForTheWorkingData(String text, long version) {
        assertEquals(version, CommandArguments.versionOrWorkingData(text));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {" ", "0", "-1", "x"})
    void badExportVersions(String text) {
        assertEquals(ErrorCode.INVALID_ARGUMENT,
                assertThrows(StorageException.class, () -> CommandArguments.versionOrWorkingData(text)).code());
    }

    @Test
    void filesAreResolvedAgainstTheCurrentDirectoryOfTheJvm() {
        Path here = Path.of(System.getProperty("user.dir"));
        assertEquals(here.resolve("users.dump"), CommandArguments.file("users.dump"));
        assertEquals(here.resolve("b/users.dump"), CommandArguments.file("a/../b/./users.dump"));
        Path absolute = here.getRoot().resolve("backups").resolve("users.dump");
        assertEquals(absolute, CommandArguments.file(absolute.toString()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "bad\u0000name"})
    void badFiles(String text) {
        StorageException e = assertThrows(StorageException.class, () -> CommandArguments.file(text));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
