package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -h} and {@code --help} through a real Gogo session: every command prints its help on the
 * session's output and returns nothing, which is what Karaf's {@code help store:get} shows (it runs
 * {@code store:get --help} and keeps what was printed), and does not run.
 */
class HelpFlagTest extends ShellTestBase {

    /** Every command of both components, with the class whose method runs it. */
    static Stream<Arguments> commands() {
        return Stream.of(StoreCommands.class, BackupCommands.class)
                .flatMap(type -> commandMethods(type).map(method -> Arguments.of(
                        CommandUsage.commandName(method), type)));
    }

    @ParameterizedTest(name = "store:{0}")
    @MethodSource("commands")
    void everyCommandPrintsItsHelpForBothNamesOfTheFlag(String command, Class<?> type) {
        String help = CommandHelp.of(type, "store", command) + System.lineSeparator();

        assertNull(shell.run("store:" + command + " --help"), "the help is printed, not returned");
        assertEquals(help, shell.console());
        assertNull(shell.run("store:" + command + " -h"));
        assertEquals(help + help, shell.console());
        assertTrue(help.startsWith("store:" + command + " - "), help);
    }

    /**
     * The flag asks for help wherever it stands, whatever else is on the line: the command does not
     * run, even when its other words are right.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "store:create users --help;create",
            "store:create --help users memory a=1;create",
            "store:delete users -h;delete",
            "store:set users alice admin --help;set",
            "store:set -h -x users 00 01;set",
            "store:info users --help;info",
            "store:scan --limit 5 users -h;scan",
            "store:export users f.dump --help;export",
            "store:import -h f.dump users;import",
            "store:verify f.dump --help;verify",
            "store:copy users --help other;copy",
    })
    void theFlagWinsWhereverItStandsAndTheCommandDoesNotRun(String line, String command) {
        shell.run("store:create users");
        shell.run("store:set users alice before");

        assertNull(shell.run(line));

        assertTrue(shell.console().startsWith("store:" + command + " - "), shell.console());
        assertEquals("before", shell.print("store:get users alice"), "nothing ran");
        assertEquals(false, shell.run("store:has -x users 00"), "nothing was set");
        assertFalse(shell.print("store:stores").contains("other"), "nothing was copied");
        assertTrue(shell.print("store:stores").contains("users"), "nothing was deleted");
    }

    @Test
    void wordsThatDoNotAskForHelpStillGiveTheUsageLine() {
        CommandException e = shell.fail("store:get users");

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("INVALID_ARGUMENT: usage: store:get [-x|--hex] <store> <key>", e.getMessage());
        assertEquals("", shell.console(), "no help printed");
        assertEquals(ErrorCode.INVALID_ARGUMENT, shell.fail("store:get --helpful").code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, shell.fail("store:info --hel").code());
    }

    @Test
    void theFlagIsAWordOfItsOwnNotAPrefix() {
        assertTrue(HelpFlag.asks("-h"));
        assertTrue(HelpFlag.asks(new StringBuilder("--help")));
        assertFalse(HelpFlag.asks("-help"));
        assertFalse(HelpFlag.asks("--HELP"));
        assertFalse(HelpFlag.asks(null));
    }

    /**
     * The convention the mechanism rests on: every command method declares the flag first, with
     * the same names, values and description, so that a command added without it fails here
     * instead of taking {@code --help} as one of its words.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("commandMethods")
    void everyCommandMethodDeclaresTheHelpFlagFirst(Method method) {
        assertTrue(method.getParameterCount() > 0, method.getName());
        assertEquals(HelpFlag.class, method.getParameterTypes()[0], method.getName());
        Parameter flag = CommandUsage.find(method.getParameterAnnotations()[0], Parameter.class);
        assertNotNull(flag, method.getName());
        assertArrayEquals(new String[] {"-h", "--help"}, flag.names());
        assertTrue(Arrays.stream(flag.names()).allMatch(HelpFlag::asks));
        assertEquals(HelpFlag.ASKED, flag.presentValue());
        assertEquals(HelpFlag.NOT_ASKED.name(), flag.absentValue());
        assertFalse(Arrays.stream(HelpFlag.values()).anyMatch(value -> value.name().equalsIgnoreCase(flag.presentValue())),
                "Gogo must not be able to convert the flag's present value");
        assertEquals(HelpFlag.DESCRIPTION,
                CommandUsage.find(method.getParameterAnnotations()[0], Descriptor.class).value());
    }

    static Stream<Method> commandMethods() {
        return Stream.of(StoreCommands.class, BackupCommands.class).flatMap(HelpFlagTest::commandMethods);
    }

    private static Stream<Method> commandMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .filter(method -> !method.getName().equals("_main"));
    }
}
