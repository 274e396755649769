package dev.skeleton.storage.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Where the stores are and which engine is the default, as the running multistore says, and where
 * each setting comes from: what the banner prints, so that it tells the truth whatever
 * {@code etc/dev.skeleton.storage.multistore.cfg} holds (see {@link MultiStoreConfiguration} for
 * the precedence).
 *
 * <h2>How it is read</h2>
 * <ul>
 *   <li>the default engine: {@code MultiStore.getDefaultEngine()} on the service object (through
 *       {@link Foreign}: the launcher shares no class with the bundles);</li>
 *   <li>the root: the service property {@code root.path}, which Declarative Services copies from
 *       the component's configuration, resolved against the working directory as the multistore
 *       resolves it; without it (or blank, which the multistore takes as absent) the multistore
 *       took the launcher's framework property, the data folder;</li>
 *   <li>the source: a setting the configuration gives comes "from" the file when the file sets that
 *       key, else from "the multistore configuration" (made some other way); a setting from the
 *       launcher has no source note.</li>
 * </ul>
 *
 * @param root          the stores' folder, absolute
 * @param rootOrigin    what gave {@code root.path} (the file, or "the multistore configuration"),
 *                      empty when the root is the data folder
 * @param defaultEngine the engine of stores created without one
 * @param engineOrigin  what gave {@code default.engine}, empty when the launcher did
 */
record EffectiveStores(Path root, Optional<String> rootOrigin, String defaultEngine, Optional<String> engineOrigin) {

    /** The service interface of the multistore. */
    static final String MULTISTORE = "dev.skeleton.storage.MultiStore";

    /**
     * Reads the running multistore.
     *
     * @param context    the system bundle's context
     * @param reference  the multistore service
     * @param file       the configuration file as read at start
     * @param data       the data folder (absolute), the root when the configuration has none
     * @param workingDir the directory a relative {@code root.path} is resolved against
     * @return the settings in effect
     * @throws LaunchException {@link ExitStatus#START_FAILED} if the multistore is gone or fails
     */
    static EffectiveStores read(BundleContext context, ServiceReference<?> reference, MultiStoreConfiguration file,
                                Path data, Path workingDir) throws LaunchException {
        Optional<String> rootPath = configured(reference, MultiStoreConfiguration.ROOT_PATH);
        Path root = rootPath.map(path -> workingDir.resolve(path).toAbsolutePath().normalize()).orElse(data);
        Optional<String> rootOrigin = rootPath.map(path -> origin(MultiStoreConfiguration.ROOT_PATH, file));
        Optional<String> engineOrigin = configured(reference, MultiStoreConfiguration.DEFAULT_ENGINE)
                .map(engine -> origin(MultiStoreConfiguration.DEFAULT_ENGINE, file));
        return new EffectiveStores(root, rootOrigin, defaultEngine(context, reference), engineOrigin);
    }

    /** A key of the configuration, as the multistore takes it: a blank value counts as absent. */
    private static Optional<String> configured(ServiceReference<?> reference, String key) {
        Object value = reference.getProperty(key);
        return value == null || String.valueOf(value).isBlank() ? Optional.empty()
                : Optional.of(String.valueOf(value).strip());
    }

    private static String origin(String key, MultiStoreConfiguration file) {
        return file.sets(key) ? file.file().toString() : "the multistore configuration";
    }

    private static String defaultEngine(BundleContext context, ServiceReference<?> reference) throws LaunchException {
        Object multistore = context.getService(reference);
        if (multistore == null) {
            throw new LaunchException(ExitStatus.START_FAILED, "the multistore went away while the platform started");
        }
        try {
            return String.valueOf(Foreign.call(multistore, MULTISTORE, "getDefaultEngine", new Class<?>[0]));
        } catch (Exception e) {
            throw new LaunchException(ExitStatus.START_FAILED, "the multistore does not answer: " + e, e);
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * The warnings for settings given explicitly to the launcher that the configuration overrides:
     * one line each, such as {@code /w/etc/dev.skeleton.storage.multistore.cfg sets root.path, which
     * overrides --data /w/d: the stores are in /w/data}.
     *
     * @param options the launcher's options
     * @return the warnings, empty when nothing given is overridden
     */
    List<String> overrides(LauncherOptions options) {
        List<String> warnings = new ArrayList<>();
        if (rootOrigin.isPresent() && options.dataGivenBy().isPresent() && !root.equals(options.data())) {
            warnings.add(rootOrigin.get() + " sets " + MultiStoreConfiguration.ROOT_PATH + ", which overrides "
                    + options.dataGivenBy().get() + " " + options.data() + ": the stores are in " + root);
        }
        if (engineOrigin.isPresent() && options.engineGivenBy().isPresent()
                && !defaultEngine.equals(options.defaultEngine().orElse(defaultEngine))) {
            warnings.add(engineOrigin.get() + " sets " + MultiStoreConfiguration.DEFAULT_ENGINE + ", which overrides "
                    + options.engineGivenBy().get() + " " + options.defaultEngine().get()
                    + ": the default engine is " + defaultEngine);
        }
        return warnings;
    }

    /**
     * The banner's line for the stores' folder.
     *
     * @return such as {@code /w/data} or {@code /w/x (root.path from /w/etc/dev.skeleton.storage.multistore.cfg)}
     */
    String rootLine() {
        return root + rootOrigin.map(origin -> " (" + MultiStoreConfiguration.ROOT_PATH + " from " + origin + ")")
                .orElse("");
    }

    /**
     * The banner's note for the default engine.
     *
     * @return such as {@code default file} or {@code default memory: default.engine from /w/etc/...cfg}
     */
    String engineNote() {
        return "default " + defaultEngine
                + engineOrigin.map(origin -> ": " + MultiStoreConfiguration.DEFAULT_ENGINE + " from " + origin).orElse("");
    }
}
