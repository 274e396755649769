package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Words that no command method takes, through a real Gogo session: one line with the usage of the
 * command meant, instead of Gogo's "Cannot coerce set(Token, Token) to any of [...]"; and the
 * commands that do take the words still run, whatever conversions Gogo needs for them.
 */
class WrongArgumentsTest extends ShellTestBase {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "store:set users alice;store:set [-x|--hex] <store> <key> <value>",
            "store:set;store:set [-x|--hex] <store> <key> <value>",
            "store:set users alice admin extra;store:set [-x|--hex] <store> <key> <value>",
            "store:get;store:get [-x|--hex] <store> <key>",
            "store:get -x users;store:get [-x|--hex] <store> <key>",
            "store:engines all;store:engines",
            "store:stores 1 2;store:stores",
            "store:create;store:create <name> [engine] [key=value ...]",
            "store:scan;store:scan [-x|--hex] [-s|--start <start>] [-e|--end <end>] [-r|--reverse] [-l|--limit <limit>] <store>",
            "store:scan users -l;store:scan [-x|--hex] [-s|--start <start>] [-e|--end <end>] [-r|--reverse] [-l|--limit <limit>] <store>",
            "store:load users;store:load <store> <version>",
            "store:info;store:info <store>",
            "store:export users;store:export [-v|--version <version>] [-z|--compress] <store> <file>",
            "store:export users f.dump --version;store:export [-v|--version <version>] [-z|--compress] <store> <file>",
            "store:export users f.dump extra;store:export [-v|--version <version>] [-z|--compress] <store> <file>",
            "store:import f.dump;store:import [-e|--engine <engine>] [-r|--replace] <file> <name> [key=value ...]",
            "store:import f.dump users -e;store:import [-e|--engine <engine>] [-r|--replace] <file> <name> [key=value ...]",
            "store:verify;store:verify <file>",
            "store:verify a b;store:verify <file>",
            "store:copy users;store:copy [-e|--engine <engine>] <store> <to>",
            "store:move users;store:move <store> <engine>",
            "store:move users memory extra;store:move <store> <engine>",
    })
    void wrongArgumentsGiveTheUsageLine(String line, String usage) {
        CommandException e = shell.fail(line);

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("INVALID_ARGUMENT: usage: " + usage, e.getMessage());
        assertEquals("store: INVALID_ARGUMENT: usage: " + usage, e.toString(), "what the console prints");
    }

    @Test
    void commandsThatTakeTheWordsStillRunWithNumbersAndAbsentFlags() {
        shell.run("store:create 42 memory");
        shell.run("store:set 42 1 2");

        assertEquals("2", shell.print("store:get 42 1"));
        assertEquals("1 = 2", shell.print("store:scan 42"));
        assertEquals("1 = 2", shell.print("store:scan -r -l 5 42"));
        assertEquals(true, shell.run("store:has 42 1"));
        assertEquals("current: 0 (never saved or loaded)\nsaved:   (none)", shell.print("store:versions 42"));
    }

    @Test
    void calledWithoutWordsItStillFailsWithAUsage() {
        StoreCommands commands = new StoreCommands(stores);

        CommandException e = assertThrows(CommandException.class, commands::_main);
        assertEquals("INVALID_ARGUMENT: usage: store:", e.getMessage());
        assertThrows(CommandException.class, () -> commands._main(new StringBuilder[] {null}));
    }

    @Test
    void theTransferCommandsFailTheSameWayWithoutWords() {
        BackupCommands commands = new BackupCommands(stores);

        CommandException e = assertThrows(CommandException.class, commands::_main);
        assertEquals("INVALID_ARGUMENT: usage: store:", e.getMessage());
        CommandException verify = assertThrows(CommandException.class,
                () -> commands._main(new StringBuilder("verify")));
        assertEquals("INVALID_ARGUMENT: usage: store:verify <file>", verify.getMessage());
    }

    @Test
    void theTransferComponentNeedsAMultiStore() {
        CommandException e = assertThrows(CommandException.class, () -> new BackupCommands(null));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
