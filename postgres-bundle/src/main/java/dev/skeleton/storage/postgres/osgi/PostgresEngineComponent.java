package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.postgres.PostgresEngine;
import java.lang.System.Logger.Level;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The postgres engine in OSGi: the Declarative Services component that provides the {@code Engine}
 * service, with the service property {@code engine.name=postgres}, while the configuration PID
 * {@value PostgresSettingsComponent#PID} exists and is valid. It is satisfied by the
 * {@link ValidSettings} that {@link PostgresSettingsComponent} offers for a valid configuration
 * only; for a bad one that component logs one WARNING line and this one stays unsatisfied (no
 * service, nothing activated, nothing for SCR to report).
 *
 * <p>It reads no configuration itself (policy IGNORE): SCR publishes a component's configuration
 * properties with its service, and this service carries {@code engine.name} and SCR's own
 * {@code component.name} and {@code component.id}, no setting and no password. Its settings come
 * whole from the one reference, which is static: new settings are a new component instance, never
 * settings swapped under a running engine, so no update can race with what the engine uses.
 *
 * <p>Immediate: the engine lives exactly as long as its service (a delayed component would be
 * closed and made again each time its last user let go). Its activation cannot fail: it builds the
 * engine from settings already checked, and the engine connects on first use, so a server that is
 * down is no configuration error: the engine is offered and its operations fail with {@code IO}
 * until the server answers. Deactivation, after SCR has unregistered the service, closes the
 * engine, its stores and its pool.
 *
 * <p>It is the service object, so it delegates to the engine it owns. Public only because
 * Declarative Services instantiates it; the package is exported to no one.
 *
 * <p>Lock model: none needed. The one field is final; the engine is thread-safe, and SCR calls
 * {@link #deactivate} once, after the service is gone.
 */
@Component(service = Engine.class, immediate = true, configurationPolicy = ConfigurationPolicy.IGNORE,
        property = Engine.ENGINE_NAME_PROPERTY + "=" + PostgresEngine.NAME)
public final class PostgresEngineComponent implements Engine {

    private static final System.Logger LOGGER = System.getLogger(PostgresSettingsComponent.LOGGER_NAME);

    private final PostgresEngine engine;

    /**
     * The engine on settings a valid configuration gave; Declarative Services calls it.
     *
     * @param settings the settings {@link PostgresSettingsComponent} offers
     */
    @Activate
    public PostgresEngineComponent(@Reference(name = "settings") ValidSettings settings) {
        this.engine = PostgresEngine.connect(settings.settings());
    }

    @Deactivate
    void deactivate() {
        try {
            engine.close();
        } catch (RuntimeException e) {
            // Not thrown on to SCR, which would print it with a stack trace: the service is gone already,
            // and one line says what was not closed cleanly.
            LOGGER.log(Level.WARNING, "postgres engine (" + engine.settings().describe()
                    + "): closing its stores and connections failed: " + e);
        }
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

    /** The engine it delegates to: for tests, as no bundle sees this type. */
    PostgresEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return engine.toString();
    }
}
