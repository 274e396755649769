package dev.skeleton.storage.postgres.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The settings component's activation without a framework: a bad configuration gives one WARNING
 * line and offers nothing, never an exception (which SCR would print with a stack trace); a good
 * one offers its settings, with no service property at all, and deactivation takes them back. The
 * bundle context is a stand-in that records what is registered. (In a real Felix, with the engine
 * component they satisfy: see itests.)
 */
class PostgresSettingsComponentTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:1/app";

    /** Held here: java.util.logging keeps loggers only weakly, and with them their handlers. */
    private final Logger logger = Logger.getLogger(PostgresSettingsComponent.LOGGER_NAME);
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final List<Registered> registered = new ArrayList<>();

    @BeforeEach
    void captureTheLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseTheLog() {
        logger.removeHandler(capture);
    }

    @Test
    void aBadConfigurationGivesOneWarningLineAndNoService() {
        Map<String, Object> properties = new HashMap<>(Map.of("pool_size", "1", "passwd", "s3cret",
                ".password", "secret", "service.pid", PostgresSettingsComponent.PID,
                "felix.fileinstall.filename", "file:/opt/skeleton/etc/dev.skeleton.storage.postgres.cfg"));

        new PostgresSettingsComponent().activate(context(), properties);

        assertEquals(List.of(), registered, "no Engine service");
        assertEquals(1, records.size(), "one log record: " + records);
        LogRecord record = records.get(0);
        assertEquals(Level.WARNING, record.getLevel());
        assertNull(record.getThrown(), "no stack trace");
        assertEquals("postgres engine not offered: configuration dev.skeleton.storage.postgres "
                + "(file:/opt/skeleton/etc/dev.skeleton.storage.postgres.cfg) refused: "
                + "unknown config key(s) [passwd] (values not shown), expected only "
                + "[url, user, .password, pool_size, schema, connect_timeout_ms, synchronous_commit, read_from]; "
                + "config key url is missing, expected a JDBC url jdbc:postgresql://host:port/database; "
                + "invalid config value for pool_size: \"1\", expected a number from 2 to 1000; "
                + "the engine appears once the configuration is fixed", record.getMessage());
    }

    @Test
    void aGoodConfigurationOffersItsSettingsWithoutAnyPropertyUntilDeactivation() {
        PostgresSettingsComponent component = new PostgresSettingsComponent();
        component.activate(context(), Map.of("url", URL, "user", "u", ".password", "secret", "pool_size", "4",
                "service.pid", PostgresSettingsComponent.PID, "component.id", 3L));

        assertEquals(List.of(), records, "nothing logged");
        assertEquals(1, registered.size());
        Registered offered = registered.get(0);
        assertEquals(ValidSettings.class.getName(), offered.type(), "internal: no Engine service of its own");
        assertEquals(Map.of(), offered.properties(), "no property: no setting, no password");
        ValidSettings settings = assertInstanceOf(ValidSettings.class, offered.service());
        assertEquals(PostgresSettings.from(Config.of(Map.of("url", URL, "user", "u", "password", "secret",
                "pool_size", "4"))), settings.settings());
        assertFalse(settings.toString().contains("secret"), settings.toString());

        component.deactivate();

        assertTrue(offered.unregistered(), "the settings go");
        component.deactivate();
        assertEquals(1, registered.size(), "nothing else");
    }

    @Test
    void deactivatingAfterABadConfigurationDoesNothing() {
        PostgresSettingsComponent component = new PostgresSettingsComponent();
        component.activate(context(), Map.of("url", URL, "pool_size", 0));

        component.deactivate();

        assertEquals(List.of(), registered);
        assertEquals(1, records.size());
    }

    /**
     * A bundle that is stopping has no context to register with; an exception out of activation
     * would be printed by SCR with a stack trace, for a stop that is no error.
     */
    @Test
    void aStoppingBundleOffersNothingAndReportsNothing() {
        BundleContext stopping = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("invalid bundle context");
                });
        PostgresSettingsComponent component = new PostgresSettingsComponent();

        component.activate(stopping, Map.of("url", URL));
        component.deactivate();

        assertEquals(List.of(), records, "nothing logged");
    }

    @Test
    void settingsUnregisteredByTheFrameworkAlreadyAreLeftAlone() {
        PostgresSettingsComponent component = new PostgresSettingsComponent();
        component.activate(context(), Map.of("url", URL));
        Registered offered = registered.get(0);
        offered.unregister();

        component.deactivate();

        assertTrue(offered.unregistered());
        assertEquals(List.of(), records, "nothing logged");
    }

    @Test
    void validSettingsAreNeverNull() {
        assertThrows(NullPointerException.class, () -> new ValidSettings(null));
    }

    /** A bundle context that records registrations, and knows nothing else. */
    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("registerService") || !(args[0] instanceof Class<?> type)) {
                        throw new UnsupportedOperationException(method.toString());
                    }
                    Registered registration = new Registered(type.getName(), args[1], map((Dictionary<?, ?>) args[2]));
                    registered.add(registration);
                    return registration.registration();
                });
    }

    private static Map<String, Object> map(Dictionary<?, ?> dictionary) {
        Map<String, Object> map = new HashMap<>();
        if (dictionary == null) {
            return map;
        }
        Collections.list(dictionary.keys()).forEach(key -> map.put((String) key, dictionary.get(key)));
        return map;
    }

    /** A service the component registered, and whether it has been unregistered since. */
    private static final class Registered {
        private final String type;
        private final Object service;
        private final Map<String, Object> properties;
        private boolean unregistered;

        Registered(String type, Object service, Map<String, Object> properties) {
            this.type = type;
            this.service = service;
            this.properties = properties;
        }

        String type() {
            return type;
        }

        Object service() {
            return service;
        }

        Map<String, Object> properties() {
            return properties;
        }

        boolean unregistered() {
            return unregistered;
        }

        /** As the framework does: a second unregistration is an IllegalStateException. */
        void unregister() {
            if (unregistered) {
                throw new IllegalStateException("already unregistered");
            }
            unregistered = true;
        }

        ServiceRegistration<?> registration() {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("unregister")) {
                            throw new UnsupportedOperationException(method.toString());
                        }
                        unregister();
                        return null;
                    });
        }
    }
}
