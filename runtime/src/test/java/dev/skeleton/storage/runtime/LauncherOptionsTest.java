package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherOptionsTest {

    private static final Path WORK = Path.of("/opt/skeleton");
    private static final Path HOME = Path.of("/opt/skeleton");

    private static LauncherOptions parse(Map<String, String> properties, String... args) throws LaunchException {
        return LauncherOptions.parse(Arrays.asList(args), properties::get, WORK, HOME);
    }

    private static LauncherOptions parse(String... args) throws LaunchException {
        return parse(Map.of(), args);
    }

    @Test
    void withoutArgumentsTheConsoleOpensWithFoldersInTheWorkingDirectory() throws LaunchException {
        LauncherOptions options = parse();

        assertEquals(LauncherOptions.Mode.INTERACTIVE, options.mode());
        assertEquals(Path.of("/opt/skeleton/data"), options.data());
        assertEquals(Path.of("/opt/skeleton/deploy"), options.deploy());
        assertEquals(Path.of("/opt/skeleton/etc"), options.etc());
        assertEquals(Path.of("/opt/skeleton/data/.framework"), options.cache());
        assertEquals(Path.of("/opt/skeleton/bundles"), options.bundles());
        assertEquals(Optional.empty(), options.defaultEngine());
        assertEquals(Duration.ofSeconds(30), options.startTimeout());
        assertFalse(options.verbose());
        assertFalse(options.help());
        assertEquals(Optional.empty(), options.commands());
        assertEquals(Optional.empty(), options.script());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-c|store:engines",
            "--command|store:engines",
            "--command=store:engines|",
    })
    void commandsGiveTheCommandMode(String option, String value) throws LaunchException {
        LauncherOptions options = value == null ? parse(option) : parse(option, value);

        assertEquals(LauncherOptions.Mode.COMMANDS, options.mode());
        assertEquals(Optional.of("store:engines"), options.commands());
    }

    @ParameterizedTest
    @CsvSource({"commands.gogo", "-"})
    void aScriptGivesTheScriptMode(String script) throws LaunchException {
        LauncherOptions options = parse(script);

        assertEquals(LauncherOptions.Mode.SCRIPT, options.mode());
        assertEquals(Optional.of(script), options.script());
    }

    @Test
    void afterDoubleDashAnArgumentIsAScriptEvenIfItLooksLikeAnOption() throws LaunchException {
        assertEquals(Optional.of("-v"), parse("--", "-v").script());
    }

    @Test
    void foldersAreResolvedAgainstTheWorkingDirectory() throws LaunchException {
        LauncherOptions options = parse("--data", "stores", "--deploy=../drop", "--etc", "/etc/skeleton",
                "--bundles", "b", "--cache", "c");

        assertEquals(Path.of("/opt/skeleton/stores"), options.data());
        assertEquals(Path.of("/opt/drop"), options.deploy());
        assertEquals(Path.of("/etc/skeleton"), options.etc());
        assertEquals(Path.of("/opt/skeleton/b"), options.bundles());
        assertEquals(Path.of("/opt/skeleton/c"), options.cache());
    }

    @Test
    void theCacheFollowsTheDataFolder() throws LaunchException {
        assertEquals(Path.of("/opt/skeleton/stores/.framework"), parse("--data", "stores").cache());
    }

    @Test
    void systemPropertiesAreTheFallback() throws LaunchException {
        LauncherOptions options = parse(Map.of(
                "skeleton.data", "/var/data",
                "skeleton.deploy", "drop",
                "skeleton.etc", "conf",
                "skeleton.bundles", "/opt/bundles",
                "skeleton.cache", "/tmp/cache",
                "skeleton.default.engine", "file",
                "skeleton.start.timeout", "5"));

        assertEquals(Path.of("/var/data"), options.data());
        assertEquals(Path.of("/opt/skeleton/drop"), options.deploy());
        assertEquals(Path.of("/opt/skeleton/conf"), options.etc());
        assertEquals(Path.of("/opt/bundles"), options.bundles());
        assertEquals(Path.of("/tmp/cache"), options.cache());
        assertEquals(Optional.of("file"), options.defaultEngine());
        assertEquals(Duration.ofSeconds(5), options.startTimeout());
    }

    @Test
    void optionsWinOverSystemProperties() throws LaunchException {
        LauncherOptions options = parse(Map.of("skeleton.data", "/var/data", "skeleton.default.engine", "file"),
                "--data", "mine", "--engine", "memory");

        assertEquals(Path.of("/opt/skeleton/mine"), options.data());
        assertEquals(Optional.of("memory"), options.defaultEngine());
    }

    @Test
    void whatWasGivenExplicitlyIsKnownByHowItWasGiven() throws LaunchException {
        assertEquals(Optional.empty(), parse().dataGivenBy());
        assertEquals(Optional.empty(), parse().engineGivenBy());
        assertEquals(Optional.of("--data"), parse("--data=d").dataGivenBy());
        assertEquals(Optional.of("--engine"), parse("--engine", "memory").engineGivenBy());
        LauncherOptions byProperties = parse(Map.of("skeleton.data", "d", "skeleton.default.engine", "file"));
        assertEquals(Optional.of("skeleton.data"), byProperties.dataGivenBy());
        assertEquals(Optional.of("skeleton.default.engine"), byProperties.engineGivenBy());
        LauncherOptions both = parse(Map.of("skeleton.data", "d", "skeleton.default.engine", "file"),
                "--data", "e", "--engine", "memory");
        assertEquals(Optional.of("--data"), both.dataGivenBy());
        assertEquals(Optional.of("--engine"), both.engineGivenBy());
    }

    /** The framework deletes its cache folder at each start: one that holds the data would take the stores along. */
    @ParameterizedTest
    @CsvSource({"data", ".", "/opt"})
    void aCacheThatWouldHoldTheDataIsRefused(String cache) {
        LaunchException e = assertThrows(LaunchException.class, () -> parse("--cache", cache));

        assertEquals(ExitStatus.USAGE, e.exitStatus());
        assertTrue(e.getMessage().startsWith("the cache folder "), e.getMessage());
        assertTrue(e.getMessage().endsWith("would hold the data folder /opt/skeleton/data: the framework empties it"
                + " at each start"), e.getMessage());
    }

    @Test
    void flags() throws LaunchException {
        assertTrue(parse("-v").verbose());
        assertTrue(parse("--verbose").verbose());
        assertTrue(parse("-h").help());
        assertTrue(parse("--help").help());
    }

    @Test
    void theWebConsoleIsOffUnlessAskedFor() throws LaunchException {
        assertEquals(Optional.empty(), parse().web());
        assertEquals(Optional.empty(), parse("-c", "store:engines").web());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--web                               | 127.0.0.1 | 8080 | INTERACTIVE",
            "--web,9090                          | 127.0.0.1 | 9090 | INTERACTIVE",
            "--web=9090                          | 127.0.0.1 | 9090 | INTERACTIVE",
            "--web,setup.gogo                    | 127.0.0.1 | 8080 | SCRIPT",
            "--web,-                             | 127.0.0.1 | 8080 | SCRIPT",
            "--web,9090,-c,store:engines         | 127.0.0.1 | 9090 | COMMANDS",
            "--web,--web-host,0.0.0.0            | 0.0.0.0   | 8080 | INTERACTIVE",
            "--web-host=::1,--web,65535          | ::1       | 65535| INTERACTIVE",
    })
    void theWebConsolesPortAndHost(String args, String host, int port, LauncherOptions.Mode mode) throws LaunchException {
        LauncherOptions options = parse(args.split(","));

        assertEquals(Optional.of(new WebAddress(host, port)), options.web());
        assertEquals(mode, options.mode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--nope                       | unknown option --nope",
            "--web=0                      | --web takes a port from 1 to 65535, not 0",
            "--web,65536                  | --web takes a port from 1 to 65535, not 65536",
            "--web=http                   | --web takes a port from 1 to 65535, not http",
            "--web,99999999999            | --web takes a port from 1 to 65535, not 99999999999",
            "--web-host,0.0.0.0           | --web-host needs --web",
            "--web,--web-host             | --web-host needs a value",
            "--web,--web-host=            | --web-host needs an address, such as 127.0.0.1 or 0.0.0.0",
            "-c                           | -c needs a value",
            "--data                       | --data needs a value",
            "--verbose=yes                | --verbose takes no value",
            "--engine=                    | --engine needs an engine name",
            "-c,x,script                  | give either -c <commands> or a script, not both",
            "one,two                      | unexpected argument two after the script one",
    })
    void badCommandLinesAreUsageErrors(String args, String message) {
        LaunchException e = assertThrows(LaunchException.class, () -> parse(args.split(",")));

        assertEquals(ExitStatus.USAGE, e.exitStatus());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0", "-3", "soon"})
    void aBadStartTimeoutIsAUsageError(String timeout) {
        LaunchException e = assertThrows(LaunchException.class, () -> parse(Map.of("skeleton.start.timeout", timeout)));

        assertEquals(ExitStatus.USAGE, e.exitStatus());
        assertTrue(e.getMessage().endsWith(timeout), e.getMessage());
    }

    @Test
    void aBlankDefaultEnginePropertyIsRefused() {
        assertThrows(LaunchException.class, () -> parse(Map.of("skeleton.default.engine", " ")));
    }

    @Test
    void theUsageNamesEveryOption() {
        for (String option : List.of("-c, --command", "--data", "--deploy", "--etc", "--engine", "--bundles",
                "--cache", "--web [port]", "--web-host", "-v, --verbose", "-h, --help", "skeleton.data",
                "skeleton.default.engine")) {
            assertTrue(LauncherOptions.USAGE.contains(option), option);
        }
    }
}
