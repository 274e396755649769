package dev.skeleton.storage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The console's settings from the framework properties the launcher sets. */
class ConsoleSettingsTest {

    @ParameterizedTest(name = "gosh.args [{0}]: interactive {1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null|true",
            "''|true",
            "--login|true",
            "--nointeractive|false",
            "--quiet --nointeractive|false",
            "  --nointeractive  |false",
            "--nointeractive-not|true",
    })
    void onlyNoInteractiveKeepsTheConsoleClosed(String args, boolean interactive) {
        Map<String, String> properties = args == null ? Map.of() : Map.of(ConsoleSettings.GOSH_ARGS, args);

        assertEquals(interactive, ConsoleSettings.of(properties::get).interactive());
    }

    @ParameterizedTest(name = "history [{0}]")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null|null",
            "'  '|null",
            "/data/.history|/data/.history",
            " /data/.history |/data/.history",
    })
    void theHistoryFileIsOptional(String property, String expected) {
        Map<String, String> properties = property == null ? Map.of() : Map.of(ConsoleSettings.HISTORY, property);

        assertEquals(Optional.ofNullable(expected).map(Path::of), ConsoleSettings.of(properties::get).history());
    }
}
