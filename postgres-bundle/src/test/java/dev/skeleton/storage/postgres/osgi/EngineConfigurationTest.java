package dev.skeleton.storage.postgres.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.postgres.PostgresSettings;
import dev.skeleton.storage.postgres.ReadFrom;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a ConfigAdmin configuration becomes engine settings, or the one line that refuses it: the
 * framework's keys are dropped, the password is accepted only as the private {@code .password}, and
 * the line names every bad key with what it accepts, never showing a password.
 */
class EngineConfigurationTest {

    private static final String URL = "jdbc:postgresql://db/app";
    private static final String PREFIX = "postgres engine not offered: configuration dev.skeleton.storage.postgres "
            + "refused: ";
    private static final String SUFFIX = "; the engine appears once the configuration is fixed";

    @Test
    void frameworkAndComponentPropertiesAreDroppedAndThePrivatePasswordIsThePassword() {
        EngineConfiguration read = EngineConfiguration.read(Map.of(
                "url", URL, ".password", "secret", "engine.name", "postgres",
                "service.pid", "dev.skeleton.storage.postgres", "component.id", 7L, "component.name", "x",
                "felix.fileinstall.filename", "file:/etc/dev.skeleton.storage.postgres.cfg",
                "osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)"));

        assertTrue(read.valid());
        assertNull(read.problem());
        assertEquals(PostgresSettings.of(URL, null, "secret"), read.settings());
    }

    @Test
    void theDurabilityAndReadSettingsComeThroughConfigAdmin() {
        EngineConfiguration read = EngineConfiguration.read(Map.of("url", "jdbc:postgresql://a:1,b:2/app",
                ".password", "secret", "synchronous_commit", "remote_apply", "read_from", "standby"));

        assertTrue(read.valid(), read.problem());
        assertEquals(PostgresSettings.of("jdbc:postgresql://a:1,b:2/app", null, "secret")
                .withSynchronousCommit("remote_apply").withReadFrom(ReadFrom.STANDBY), read.settings());
    }

    @Test
    void badDurabilityAndReadSettingsAndAChosenServerTypeAreOneLine() {
        EngineConfiguration read = EngineConfiguration.read(Map.of(
                "url", "jdbc:postgresql://a:1,b:2/app?targetServerType=secondary",
                "synchronous_commit", "fast", "read_from", "replica"));

        assertFalse(read.valid());
        assertEquals(PREFIX + "invalid config value for url: it sets targetServerType=secondary, which the engine "
                + "chooses itself (primary for writes); to send reads to standbys set read_from to standby or any "
                + "instead; invalid config value for synchronous_commit: \"fast\", expected one of off, local, "
                + "remote_write, on, remote_apply; invalid config value for read_from: \"replica\", expected one of "
                + "primary, standby, any" + SUFFIX, read.problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "password|config key password refused (value not shown): give the password as .password, a private "
                + "property no service publishes",
        "url|config key url refused: it carries a password parameter (not shown); give the password as .password, "
                + "a private property no service publishes",
    })
    void aPasswordOutsideThePrivateKeyIsRefusedWithoutShowingIt(String key, String expected) {
        Map<String, Object> properties = new HashMap<>(Map.of("url", URL));
        properties.put(key, key.equals("url") ? URL + "?user=u&Password=secret" : "secret");
        EngineConfiguration read = EngineConfiguration.read(properties);

        assertFalse(read.valid());
        assertNull(read.settings());
        assertEquals(PREFIX + expected + SUFFIX, read.problem());
    }

    @Test
    void aPrivatePasswordThatIsNoTextIsNotShown() {
        assertEquals(PREFIX + "invalid config value for .password (not shown), expected a string" + SUFFIX,
                EngineConfiguration.read(Map.of("url", URL, ".password", 271828)).problem());
    }

    @Test
    void unknownKeysAreNamedWithTheKeysAsConfigAdminSpellsThem() {
        assertEquals(PREFIX + "unknown config key(s) [passwd, pool.size] (values not shown), expected only "
                + "[url, user, .password, pool_size, schema, connect_timeout_ms, synchronous_commit, read_from]" + SUFFIX,
                EngineConfiguration.read(Map.of("url", URL, "passwd", "s3cret", "pool.size", 5)).problem());
    }

    @Test
    void everyProblemIsInTheOneLine() {
        String problem = EngineConfiguration.read(Map.of("no_such_key", "x", "pool_size", 1, "schema", "A",
                "password", "secret")).problem();

        assertEquals(PREFIX + "unknown config key(s) [no_such_key] (values not shown), expected only "
                + "[url, user, .password, pool_size, schema, connect_timeout_ms, synchronous_commit, read_from]; "
                + "config key password refused (value not shown): give the password as .password, a private "
                + "property no service publishes; "
                + "config key url is missing, expected a JDBC url jdbc:postgresql://host:port/database; "
                + "invalid config value for pool_size: 1 (Integer), expected a number from 2 to 1000; "
                + "invalid config value for schema: \"A\", expected a lower-case SQL identifier matching "
                + "[a-z_][a-z0-9_]{0,62}" + SUFFIX, problem);
    }

    @Test
    void aValueWithLineBreaksStillGivesOneLine() {
        String problem = EngineConfiguration.read(Map.of("url", URL, "schema", "a\nb\r\nc")).problem();

        assertFalse(problem.contains("\n") || problem.contains("\r"), problem);
        assertTrue(problem.contains("schema: \"a b  c\""), problem);
    }
}
