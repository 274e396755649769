package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The postgres engine as an OSGi service: present while the configuration PID {@value #PID} exists
 * (policy REQUIRE), gone when it is deleted; a changed configuration replaces it (deactivation
 * closes the old engine's stores and pool, so a multistore sees the engine leave and come back).
 * A bad configuration (missing url, unknown key, pool size out of range) fails activation with a
 * message naming the key, and no engine appears. The password is the private property
 * {@value #PRIVATE_PASSWORD} (see {@link #engineKeys}).
 *
 * <p>Public only because Declarative Services instantiates it; the package is exported to no one.
 * Thread-safe: the engine it delegates to is.
 */
@Component(service = Engine.class, configurationPid = PostgresEngineComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Engine.ENGINE_NAME_PROPERTY + "=" + PostgresEngine.NAME)
@Designate(ocd = PostgresEngineSettings.class)
public final class PostgresEngineComponent implements Engine {

    /** The configuration PID. */
    public static final String PID = "dev.skeleton.storage.postgres";
    /** The configuration key of the password: private, so never a service property. */
    public static final String PRIVATE_PASSWORD = ".password";

    private volatile PostgresEngine engine;

    /** Creates the component; Declarative Services activates it. */
    public PostgresEngineComponent() {
        // Instantiated by Declarative Services.
    }

    @Activate
    void activate(Map<String, Object> properties) {
        engine = PostgresEngine.connect(PostgresSettings.from(Config.of(engineKeys(properties))));
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    /**
     * The engine's settings from the configuration's properties: without those that the framework,
     * ConfigAdmin and SCR add ({@code service.*}, {@code component.*}, {@code felix.*},
     * {@code osgi.ds.*}, and this component's own {@code engine.name}), and with the private
     * {@value #PRIVATE_PASSWORD} as {@code password}.
     *
     * <p>Declarative Services publishes every configuration property as a property of the service,
     * where any bundle (and {@code inspect} in the shell) can read it, except private ones, whose
     * names start with a dot. So the password is {@value #PRIVATE_PASSWORD} here, and a plain
     * {@code password}, or a url carrying one as a parameter, is refused rather than published.
     *
     * @throws StorageException INVALID_CONFIG naming the key, never the value
     */
    static Map<String, Object> engineKeys(Map<String, Object> properties) {
        Map<String, Object> keys = new HashMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("osgi.ds.") || Config.isFrameworkKey(key) || Engine.ENGINE_NAME_PROPERTY.equals(key)) {
                return;
            }
            if (PostgresSettings.PASSWORD.equals(key)) {
                throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: give the password as "
                        + PRIVATE_PASSWORD + ", not " + key + ": a configuration property without the leading dot "
                        + "is published with the Engine service for every bundle to read");
            }
            if (PostgresSettings.URL.equals(key) && String.valueOf(value).toLowerCase(Locale.ROOT).contains("password=")) {
                throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: the url must not carry a "
                        + "password parameter (it is published with the Engine service); use " + PRIVATE_PASSWORD);
            }
            keys.put(PRIVATE_PASSWORD.equals(key) ? PostgresSettings.PASSWORD : key, value);
        });
        return keys;
    }

    @Override
    public String name() {
        return PostgresEngine.NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        return engine.create(name, path, config);
    }

    @Override
    public Store open(String name, String path) {
        return engine.open(name, path);
    }

    @Override
    public void destroy(String name, String path) {
        engine.destroy(name, path);
    }

    @Override
    public Capabilities capabilities() {
        return engine.capabilities();
    }

    @Override
    public String toString() {
        return String.valueOf(engine);
    }
}
