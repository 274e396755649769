package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.postgres.PostgresEngine;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The postgres engine in OSGi: a Declarative Services component, present while the configuration
 * PID {@value #PID} exists (policy REQUIRE), that offers the {@code Engine} service, with the
 * service property {@code engine.name=postgres}, while that configuration is valid.
 *
 * <p><b>Why it registers the service itself.</b> A component that declared {@code Engine} as its
 * service would be registered by SCR for any configuration and activated on first use; a bad
 * configuration would then fail that activation, which SCR logs with a stack trace each time a
 * bundle asks for the engine (and the framework adds "Service factory returned null"), while the
 * dead service stays registered. So this component has no service of its own (it is immediate):
 * its activation reads the configuration without throwing ({@link EngineConfiguration}); a valid
 * one gives an engine, registered through the bundle's context with the one property
 * {@code engine.name} (so neither the password nor any other setting is a service property); a bad
 * one gives one WARNING line on the logger {@value #LOGGER_NAME} that names every bad key, its
 * value (never the password's) and what the key accepts, and no service. A changed configuration
 * deactivates the component (the engine's service goes and its stores and pool are closed) and
 * activates it with the new one: fixing a file brings the engine, with no restart of anything
 * else. A server that is down is no configuration error: the engine is offered and its
 * operations fail with {@code IO} until the server answers (it connects on first use).
 *
 * <p>Public only because Declarative Services instantiates it; the package is exported to no one.
 *
 * <p>Lock model: none needed. SCR calls {@link #activate} and {@link #deactivate} of one instance
 * one after the other, never at once; the two fields are volatile only so that the deactivating
 * thread, which may differ from the activating one, sees what activation set.
 */
@Component(configurationPid = PostgresEngineComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PostgresEngineSettings.class)
public final class PostgresEngineComponent {

    /** The configuration PID. */
    public static final String PID = "dev.skeleton.storage.postgres";
    /** The configuration key of the password: private, as Declarative Services publishes no such key. */
    public static final String PRIVATE_PASSWORD = ".password";
    /** The logger of the line that tells why a configuration gives no engine. */
    public static final String LOGGER_NAME = "dev.skeleton.storage.postgres";

    private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);

    private volatile PostgresEngine engine;
    private volatile ServiceRegistration<Engine> registration;

    /** Creates the component; Declarative Services activates it. */
    public PostgresEngineComponent() {
        // Instantiated by Declarative Services.
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        EngineConfiguration configuration = EngineConfiguration.read(properties);
        if (!configuration.valid()) {
            LOGGER.log(Level.WARNING, configuration.problem());
            return;
        }
        PostgresEngine connected = PostgresEngine.connect(configuration.settings());
        try {
            registration = context.registerService(Engine.class, connected, serviceProperties());
        } catch (RuntimeException e) {
            // The bundle is stopping: SCR reports the failed activation, and deactivate will not run.
            connected.close();
            throw e;
        }
        engine = connected;
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<Engine> offered = registration;
        registration = null;
        if (offered != null) {
            unregister(offered);
        }
        PostgresEngine connected = engine;
        engine = null;
        if (connected != null) {
            // After the service has gone, so that no bundle that still sees it uses a closed engine.
            connected.close();
        }
    }

    /** The Engine service's properties: its name, and nothing from the configuration. */
    static Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Engine.ENGINE_NAME_PROPERTY, PostgresEngine.NAME);
        return properties;
    }

    private static void unregister(ServiceRegistration<Engine> offered) {
        try {
            offered.unregister();
        } catch (IllegalStateException e) {
            // The framework unregistered it already: the bundle is stopping.
        }
    }
}
