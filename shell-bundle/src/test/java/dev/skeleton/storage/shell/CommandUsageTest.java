package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The usage lines, derived from the commands' annotations and parameter names. */
class CommandUsageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "engines;store:engines",
            "stores;store:stores",
            "info;store:info <store>",
            "create;store:create <name> [engine] [key=value ...]",
            "delete;store:delete <store>",
            "get;store:get [-x|--hex] <store> <key>",
            "set;store:set [-x|--hex] <store> <key> <value>",
            "del;store:del [-x|--hex] <store> <key>",
            "has;store:has [-x|--hex] <store> <key>",
            "scan;store:scan [-x|--hex] [-s|--start <start>] [-e|--end <end>] [-r|--reverse] [-l|--limit <limit>] <store>",
            "save;store:save <store>",
            "load;store:load <store> <version>",
            "versions;store:versions <store>",
            "SET;store:set [-x|--hex] <store> <key> <value>",
            "nope;store:nope",
    })
    void eachCommandHasItsUsageLine(String function, String usage) {
        assertEquals(usage, CommandUsage.of(StoreCommands.class, "store", function));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "export;store:export [-v|--version <version>] [-z|--compress] <store> <file>",
            "import;store:import [-e|--engine <engine>] [-r|--replace] <file> <name> [key=value ...]",
            "verify;store:verify <file>",
            "copy;store:copy [-e|--engine <engine>] <store> <to>",
            "move;store:move <store> <engine>",
            "_import;store:_import",
            "main;store:main",
    })
    void eachTransferCommandHasItsUsageLine(String function, String usage) {
        assertEquals(usage, CommandUsage.of(BackupCommands.class, "store", function));
    }

    /** A command whose remaining words have no synopsis in their description. */
    public static final class Other {
        @Descriptor("tag things")
        public void tag(String thing, @Descriptor("the tags") String... tags) {
        }

        public void mark(String... marks) {
        }
    }

    @Test
    void remainingWordsWithoutSynopsisShowTheirName() {
        assertEquals("x:tag <thing> [tags ...]", CommandUsage.of(Other.class, "x", "tag"));
        assertEquals("x:mark [marks ...]", CommandUsage.of(Other.class, "x", "mark"));
    }
}
