package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.util.HashMap;
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
 * message naming the key, and no engine appears.
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
     * The configuration's own keys: without those that the framework, ConfigAdmin and SCR add
     * ({@code service.*}, {@code component.*}, {@code felix.*}, {@code osgi.ds.*}).
     */
    static Map<String, Object> engineKeys(Map<String, Object> properties) {
        Map<String, Object> keys = new HashMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith("osgi.ds.") && !Config.isFrameworkKey(key)) {
                keys.put(key, value);
            }
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
