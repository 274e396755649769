package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;

/** The help text of a command, derived from its method's annotations and parameter names. */
class CommandHelpTest {

    @Test
    void aCommandWithAFlagAndParameters() {
        assertEquals("""
                store:get - print the value of a key

                usage: store:get [-x|--hex] <store> <key>

                options:
                  -x, --hex    keys and values in hex (input and output)
                  -h, --help   print this help

                parameters:
                  <store>      the store's name
                  <key>        the key""", CommandHelp.of(StoreCommands.class, "store", "get"));
    }

    @Test
    void optionsWithAValueShowTheirPlaceholderAndTheHelpFlagComesLast() {
        assertEquals("""
                store:scan - list entries in key order, within [start, end)

                usage: store:scan [-x|--hex] [-s|--start <start>] [-e|--end <end>] [-r|--reverse] [-l|--limit <limit>] <store>

                options:
                  -x, --hex             keys and values in hex (input and output)
                  -s, --start <start>   lowest key listed (inclusive); default: from the first key
                  -e, --end <end>       key where the listing ends (exclusive); default: to the last key
                  -r, --reverse         list from the highest key down
                  -l, --limit <limit>   most entries listed, 0 for no limit; default 100
                  -h, --help            print this help

                parameters:
                  <store>               the store's name""", CommandHelp.of(StoreCommands.class, "store", "scan"));
    }

    @Test
    void theRemainingWordsShowTheirSynopsisAndTheRestOfTheirDescription() {
        String help = CommandHelp.of(StoreCommands.class, "store", "create");

        assertTrue(help.contains("\n  [engine] [key=value ...]   the engine (default: the default engine), then engine"
                + " config"), help);
        assertTrue(help.contains("\n  <name>                     the new store's name"), help);
    }

    @Test
    void aCommandWithoutParametersHasNoParameterSection() {
        assertEquals("""
                store:engines - list the registered engines, the default one and their capabilities

                usage: store:engines

                options:
                  -h, --help   print this help""", CommandHelp.of(StoreCommands.class, "store", "engines"));
    }

    @Test
    void aCommandNamedLikeAJavaKeywordShowsItsName() {
        String help = CommandHelp.of(BackupCommands.class, "store", "import");

        assertTrue(help.startsWith("store:import - make a store from a dump file"), help);
        assertTrue(help.contains("\n  -e, --engine <engine>   the new store's engine; default: the default engine\n"), help);
        assertTrue(help.contains("\n  [key=value ...]         engine config of the new store"), help);
    }

    @Test
    void aNameWithoutAMethodHasItsUsageAlone() {
        assertEquals("usage: store:nope", CommandHelp.of(StoreCommands.class, "store", "nope"));
    }

    /** Commands of another shape: no description, no help flag, remaining words without synopsis. */
    public static final class Other {
        public void bare(String thing) {
        }

        @Descriptor("tag things")
        public void tag(@Parameter(names = "-q", presentValue = "true", absentValue = "false") boolean quiet,
                        String... tags) {
        }
    }

    @Test
    void whatACommandDoesNotDeclareIsLeftOut() {
        assertEquals("""
                x:bare

                usage: x:bare <thing>

                parameters:
                  <thing>""", CommandHelp.of(Other.class, "x", "bare"));
        assertEquals("""
                x:tag - tag things

                usage: x:tag [-q] [tags ...]

                options:
                  -q

                parameters:
                  [tags ...]""", CommandHelp.of(Other.class, "x", "tag"));
    }
}
