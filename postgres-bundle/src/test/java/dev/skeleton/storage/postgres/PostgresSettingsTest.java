package dev.skeleton.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the settings say about a bad configuration, without a server: every problem at once, each
 * naming the key, the value given (never a password) and what the key accepts.
 */
class PostgresSettingsTest {

    private static final String URL = "jdbc:postgresql://db:5432/app";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "pool_size|1|invalid config value for pool_size: \"1\", expected a number from 2 to 1000",
        "pool_size|1001|invalid config value for pool_size: \"1001\", expected a number from 2 to 1000",
        "pool_size|ten|invalid config value for pool_size: \"ten\", expected a whole number",
        "connect_timeout_ms|10|invalid config value for connect_timeout_ms: \"10\", expected a number from 250 to 600000",
        "schema|Bad-Name|invalid config value for schema: \"Bad-Name\", expected a lower-case SQL identifier matching "
                + "[a-z_][a-z0-9_]{0,62}",
        "url|mysql://db/app?password=hidden|invalid config value for url: \"mysql://db/app\", expected a JDBC url "
                + "jdbc:postgresql://host:port/database",
        "url|jdbc:postgresql://a:1,b:2/app?targetServerType=secondary&password=hidden|invalid config value for url: "
                + "it sets targetServerType=secondary, which the engine chooses itself (primary for writes); to send "
                + "reads to standbys set read_from to standby or any instead",
        "url|jdbc:postgresql://a:1,b:2/app?targetServerType=preferSecondary|invalid config value for url: "
                + "it sets targetServerType=preferSecondary, which the engine chooses itself (primary for writes); to "
                + "send reads to standbys set read_from to standby or any instead",
        "url|jdbc:postgresql://a:1/app?targetServerType=any|invalid config value for url: "
                + "it sets targetServerType=any, which the engine chooses itself (primary for writes); to "
                + "send reads to standbys set read_from to standby or any instead",
        "synchronous_commit|always|invalid config value for synchronous_commit: \"always\", expected one of off, "
                + "local, remote_write, on, remote_apply",
        "synchronous_commit|ON|invalid config value for synchronous_commit: \"ON\", expected one of off, "
                + "local, remote_write, on, remote_apply",
        "read_from|secondary|invalid config value for read_from: \"secondary\", expected one of primary, standby, any",
        "read_from|Standby|invalid config value for read_from: \"Standby\", expected one of primary, standby, any",
    })
    void aBadValueIsNamedWithWhatTheKeyAccepts(String key, String value, String expected) {
        Map<String, Object> values = new HashMap<>(Map.of("url", URL));
        values.put(key, value);

        assertEquals(List.of(expected), PostgresSettings.problems(Config.of(values)));
        StorageException refused = assertThrows(StorageException.class, () -> PostgresSettings.from(Config.of(values)));
        assertEquals(ErrorCode.INVALID_CONFIG, refused.code());
        assertEquals("postgres engine: " + expected, refused.getMessage());
    }

    @Test
    void everyProblemIsToldAtOnceInTheOrderOfTheKeys() {
        List<String> problems = PostgresSettings.problems(Config.of("pool_size", "1", "passwd", "s3cret",
                "connect_timeout_ms", 10, "service.pid", "dev.skeleton.storage.postgres"));

        assertEquals(List.of(
                "unknown config key(s) [passwd] (values not shown), expected only "
                        + "[url, user, password, pool_size, schema, connect_timeout_ms, synchronous_commit, read_from]",
                "config key url is missing, expected a JDBC url jdbc:postgresql://host:port/database",
                "invalid config value for pool_size: \"1\", expected a number from 2 to 1000",
                "invalid config value for connect_timeout_ms: 10 (Integer), expected a number from 250 to 600000"),
                problems);
        problems.forEach(problem -> assertFalse(problem.contains("s3cret"), problem));
    }

    @Test
    void aPasswordThatIsNoTextIsNotShown() {
        List<String> problems = PostgresSettings.problems(Config.of("url", URL, "password", 271828));

        assertEquals(List.of("invalid config value for password (not shown), expected a string"), problems);
    }

    @Test
    void aUrlThatIsNoTextIsNotReportedMissingToo() {
        assertEquals(List.of("invalid config value for url: 5432 (Integer), expected a string"),
                PostgresSettings.problems(Config.of("url", 5432)));
    }

    @Test
    void aGoodConfigurationHasNoProblem() {
        Config good = Config.of("url", URL, "user", "u", "password", "p", "pool_size", "20", "schema", "app",
                "connect_timeout_ms", 1000L, "felix.fileinstall.filename", "file:/etc/x.cfg");

        assertEquals(List.of(), PostgresSettings.problems(good));
        PostgresSettings settings = PostgresSettings.from(good);
        assertEquals(new PostgresSettings(URL, "u", "p", 20, "app", 1000), settings);
        assertEquals(new PostgresSettings(URL, "u", "p", 20, "app", 1000, null, ReadFrom.PRIMARY), settings);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://a:1,b:2/app",
        "jdbc:postgresql://a:1,b:2/app?targetServerType=primary",
        "jdbc:postgresql://a:1,b:2/app?targetServerType=master&hostRecheckSeconds=1",
        "jdbc:postgresql://a:1,b:2/app?loadBalanceHosts=true&targetServerType=primar%79",
        "jdbc:postgresql://a:1/app?targetServerTypeX=any&xtargetServerType=any",
    })
    void aUrlMayNameSeveralHostsAndAskForThePrimaryItself(String url) {
        assertEquals(List.of(), PostgresSettings.problems(Config.of("url", url)));
        assertEquals(url, PostgresSettings.of(url, null, null).url());
    }

    @Test
    void theNewKeysAreReadWithTheirDefaults() {
        PostgresSettings defaults = PostgresSettings.from(Config.of("url", URL));
        assertEquals(null, defaults.synchronousCommit());
        assertEquals(ReadFrom.PRIMARY, defaults.readFrom());
        PostgresSettings blank = PostgresSettings.from(Config.of("url", URL, "synchronous_commit", ""));
        assertEquals(null, blank.synchronousCommit(), "a form left blank: the server's setting");

        for (String value : PostgresSettings.SYNCHRONOUS_COMMIT_VALUES) {
            assertEquals(value, PostgresSettings.from(Config.of("url", URL, "synchronous_commit", value))
                    .synchronousCommit());
        }
        for (ReadFrom where : ReadFrom.values()) {
            assertEquals(where, PostgresSettings.from(Config.of("url", URL, "read_from", where.configValue()))
                    .readFrom());
        }
        PostgresSettings both = PostgresSettings.of(URL, "u", "secret").withSynchronousCommit("remote_apply")
                .withReadFrom(ReadFrom.ANY);
        assertEquals(new PostgresSettings(URL, "u", "secret", 10, "skeleton", 5000, "remote_apply", ReadFrom.ANY), both);
        assertEquals("PostgresSettings[url=" + URL + ", user=u, password=***, pool_size=10, schema=skeleton, "
                + "connect_timeout_ms=5000, synchronous_commit=remote_apply, read_from=any]", both.toString());
        assertTrue(PostgresSettings.of(URL, null, null).toString().endsWith("synchronous_commit=server's, "
                + "read_from=primary]"));
        assertEquals(both, both.withPoolSize(10).withSchema("skeleton").withConnectTimeoutMillis(5000));
    }

    @Test
    void theConstructorRefusesBadNewSettings() {
        StorageException commit = assertThrows(StorageException.class,
                () -> PostgresSettings.of(URL, null, null).withSynchronousCommit("sometimes"));
        assertEquals("postgres engine: invalid config value for synchronous_commit: \"sometimes\", expected one of "
                + "off, local, remote_write, on, remote_apply (or no value: the server's setting)", commit.getMessage());
        StorageException where = assertThrows(StorageException.class,
                () -> PostgresSettings.of(URL, null, null).withReadFrom(null));
        assertEquals("postgres engine: config value for read_from is missing, expected one of primary, standby, any",
                where.getMessage());
    }

    @Test
    void urlParametersAreFoundAsTheDriverFindsThem() {
        assertEquals(null, PostgresSettings.urlParameter("jdbc:postgresql://a/b", "x"));
        assertEquals(null, PostgresSettings.urlParameter("jdbc:postgresql://a/b?y=1", "x"));
        assertEquals("", PostgresSettings.urlParameter("jdbc:postgresql://a/b?x", "x"));
        assertEquals("2", PostgresSettings.urlParameter("jdbc:postgresql://a/b?x=1&x=2", "x"), "the last one");
        assertEquals("-c a=b", PostgresSettings.urlParameter("jdbc:postgresql://a/b?x=-c%20a%3Db", "x"));
        assertEquals("%zz", PostgresSettings.urlParameter("jdbc:postgresql://a/b?x=%zz", "x"), "kept if malformed");
    }

    @Test
    void theConstructorNamesTheFirstBadSetting() {
        StorageException missing = assertThrows(StorageException.class, () -> PostgresSettings.of(null, null, null));
        assertEquals("postgres engine: config key url is missing, expected a JDBC url "
                + "jdbc:postgresql://host:port/database", missing.getMessage());
        StorageException pool = assertThrows(StorageException.class,
                () -> PostgresSettings.of(URL, null, "secret").withPoolSize(1));
        assertTrue(pool.getMessage().startsWith("postgres engine: invalid config value for pool_size: 1, expected a "
                + "number from 2 to 1000"), pool.getMessage());
        assertFalse(pool.getMessage().contains("secret"), pool.getMessage());
        StorageException schema = assertThrows(StorageException.class,
                () -> new PostgresSettings(URL, null, null, 10, null, 5000));
        assertTrue(schema.getMessage().contains("schema: nothing"), schema.getMessage());
        StorageException timeout = assertThrows(StorageException.class,
                () -> PostgresSettings.of(URL, null, null).withConnectTimeoutMillis(600_001));
        assertTrue(timeout.getMessage().contains("connect_timeout_ms: 600001, expected a number from 250 to 600000"),
                timeout.getMessage());
    }
}
