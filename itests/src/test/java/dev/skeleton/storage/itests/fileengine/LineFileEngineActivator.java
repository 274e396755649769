package dev.skeleton.storage.itests.fileengine;

import dev.skeleton.storage.Engine;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers a {@link LineFileEngine} as an {@link Engine} service with {@code engine.name=linefile}
 * while its bundle is active, as an engine's Declarative Services component would.
 */
public final class LineFileEngineActivator implements BundleActivator {

    private ServiceRegistration<Engine> registration;

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Engine.ENGINE_NAME_PROPERTY, LineFileEngine.NAME);
        registration = context.registerService(Engine.class, new LineFileEngine(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
