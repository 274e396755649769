package dev.skeleton.storage.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The multistore's configuration (PID {@value #PID}): the launcher's data folder as
 * {@code root.path} and its default engine as {@code default.engine}, written through ConfigAdmin
 * before the storage bundles start, so that the multistore comes up once, with them.
 *
 * <p>A file {@code <etc>/dev.skeleton.storage.multistore.cfg} wins: then the launcher writes
 * nothing, and FileInstall hands the file to ConfigAdmin.
 */
final class MultiStoreConfiguration {

    /** The multistore's configuration PID. */
    static final String PID = "dev.skeleton.storage.multistore";
    private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private MultiStoreConfiguration() {
    }

    /**
     * The configuration file that, if present, replaces the launcher's settings.
     *
     * @param etc the folder FileInstall watches for configurations
     * @return {@code <etc>/dev.skeleton.storage.multistore.cfg}
     */
    static Path fileIn(Path etc) {
        return etc.resolve(PID + ".cfg");
    }

    /**
     * Writes the configuration, unless a file in {@code etc} provides it.
     *
     * @param context       the system bundle's context; ConfigAdmin must be running
     * @param etc           the folder FileInstall watches for configurations
     * @param root          the stores' root folder
     * @param defaultEngine the engine of stores created without one
     * @return true if written, false if a file provides the configuration
     * @throws LaunchException {@link ExitStatus#START_FAILED} if ConfigAdmin is missing or refuses
     */
    static boolean write(BundleContext context, Path etc, Path root, String defaultEngine) throws LaunchException {
        if (Files.exists(fileIn(etc))) {
            return false;
        }
        ServiceReference<?> reference = anyReference(context, ADMIN);
        if (reference == null) {
            throw new LaunchException(ExitStatus.START_FAILED, "ConfigAdmin is not running: cannot configure the multistore");
        }
        Object admin = context.getService(reference);
        try {
            // Location "?": the configuration is not bound to the calling bundle (the system bundle
            // here), so the multistore bundle receives it.
            Object configuration = Foreign.call(admin, ADMIN, "getConfiguration",
                    new Class<?>[] {String.class, String.class}, PID, "?");
            Foreign.call(configuration, CONFIGURATION, "update", new Class<?>[] {Dictionary.class}, settings(root, defaultEngine));
            return true;
        } catch (Exception e) {
            throw new LaunchException(ExitStatus.START_FAILED, "cannot configure the multistore: " + e, e);
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * Any service of the interface, whatever class space the caller's class loader sees: the launcher
     * uses services only through their interface names (see {@link Foreign}), so the framework's
     * check that the caller sees the registrant's package (which the system bundle fails when its class
     * path holds the same package, as in tests) does not apply.
     */
    private static ServiceReference<?> anyReference(BundleContext context, String interfaceName) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(interfaceName, null);
            return references == null ? null : references[0];
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("no filter given", e);
        }
    }

    private static Dictionary<String, Object> settings(Path root, String defaultEngine) {
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("root.path", root.toString());
        settings.put("default.engine", defaultEngine);
        return settings;
    }
}
