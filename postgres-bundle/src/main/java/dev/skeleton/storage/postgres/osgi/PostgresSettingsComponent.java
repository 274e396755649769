package dev.skeleton.storage.postgres.osgi;

import java.lang.System.Logger.Level;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The half of the postgres engine in OSGi that reads its configuration, PID {@value #PID} (policy
 * REQUIRE): a Declarative Services component with no service of its own, active with any
 * configuration, that decides whether there is an engine. The other half,
 * {@link PostgresEngineComponent}, is the component that provides the {@code Engine} service.
 *
 * <p>Its activation reads the configuration without ever throwing ({@link EngineConfiguration}). A
 * valid one is offered, as {@link ValidSettings}, to the engine component, whose mandatory
 * reference it satisfies: Declarative Services then activates that component and registers its
 * {@code Engine} service. A bad one gives one WARNING line on the logger {@value #LOGGER_NAME}
 * naming every bad key, its value (never the password's) and what the key accepts, and nothing to
 * the engine component, which stays unsatisfied: no service, no activation that could fail, so no
 * stack trace from SCR and no "service factory returned null" from the framework.
 *
 * <p><b>Why the settings are registered by hand.</b> A service declared in {@code @Component} is
 * registered by SCR for every configuration, valid or not; the settings must be offered for a valid
 * one only, so this component registers them itself, through the bundle's context. They are
 * internal (a type of a package exported to no one) and carry no property, so they publish nothing
 * of the configuration. The {@code Engine} service is SCR's, with {@code engine.name} as its one
 * property of ours; the password is the private key {@value #PRIVATE_PASSWORD}, which SCR would
 * publish on no service anyway.
 *
 * <p><b>Across configuration updates.</b> This component has no modified method, so SCR
 * deactivates it and activates it with the new configuration, one after the other on one thread.
 * Deactivation unregisters the settings, and SCR, synchronously, deactivates the engine component
 * (its reference is static), which unregisters the {@code Engine} service and closes the engine;
 * the new settings, if valid, then bring a new engine component. At no time are two settings
 * offered, or an engine offered on settings other than the current ones; fixing a file brings the
 * engine without a restart of anything.
 *
 * <p>Public only because Declarative Services instantiates it; the package is exported to no one.
 *
 * <p>Lock model: none needed. SCR calls {@link #activate} and {@link #deactivate} of one instance
 * one after the other, never at once; the field is volatile only so that the deactivating thread,
 * which may differ from the activating one, sees what activation set.
 */
@Component(configurationPid = PostgresSettingsComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PostgresEngineSettings.class)
public final class PostgresSettingsComponent {

    /** The configuration PID. */
    public static final String PID = "dev.skeleton.storage.postgres";
    /** The configuration key of the password: private, as Declarative Services publishes no such key. */
    public static final String PRIVATE_PASSWORD = ".password";
    /** The logger of the line that tells why a configuration gives no engine. */
    public static final String LOGGER_NAME = "dev.skeleton.storage.postgres";

    private static final System.Logger LOGGER = System.getLogger(LOGGER_NAME);

    private volatile ServiceRegistration<ValidSettings> registration;

    /** Creates the component; Declarative Services activates it. */
    public PostgresSettingsComponent() {
        // Instantiated by Declarative Services.
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        EngineConfiguration configuration = EngineConfiguration.read(properties);
        if (!configuration.valid()) {
            LOGGER.log(Level.WARNING, configuration.problem());
            return;
        }
        try {
            // No properties: the framework adds its own (objectClass, service.id, ...), nothing else.
            registration = context.registerService(ValidSettings.class, new ValidSettings(configuration.settings()),
                    null);
        } catch (IllegalStateException e) {
            // The bundle is stopping: there is no one left to offer an engine to, and nothing to report.
        }
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<ValidSettings> offered = registration;
        registration = null;
        if (offered == null) {
            return;
        }
        try {
            offered.unregister();
        } catch (IllegalStateException e) {
            // The framework unregistered it already: the bundle is stopping.
        }
    }
}
