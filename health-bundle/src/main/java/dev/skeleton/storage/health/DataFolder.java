package dev.skeleton.storage.health;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The folder where the multistore keeps its stores, and where that knowledge came from (a result
 * says both, so that a surprising figure can be traced).
 *
 * <h2>Where it comes from</h2>
 * The first of these that gives a usable path:
 * <ol>
 *   <li>the parent of a store's path ({@link StoreInfo#path()} is {@code <root>/<name>}): what the
 *       running multistore really uses, whatever configured it;</li>
 *   <li>the multistore service's {@code root.path} property: its ConfigAdmin configuration (PID
 *       {@code dev.skeleton.storage.multistore}), which Declarative Services shows as service
 *       properties;</li>
 *   <li>the framework property {@value #ROOT_PATH_PROPERTY}, which the multistore reads when its
 *       configuration has no {@code root.path} (the runtime's launcher sets it from
 *       {@code --data});</li>
 *   <li>{@value #DEFAULT_ROOT}, the multistore's built-in default.</li>
 * </ol>
 * Steps 2 to 4 are the multistore's own precedence, so that a multistore without stores yet, or
 * not running at all, is still looked for where it will put them. A relative path is resolved
 * against the working directory, as the multistore resolves it.
 *
 * @param path   the folder, absolute and normalized; it need not exist yet
 * @param source where the path came from
 */
record DataFolder(Path path, String source) {

    /** The multistore's configuration key of its root, also its service property. */
    static final String ROOT_PATH = "root.path";
    /** The framework property that gives the root when the multistore's configuration does not. */
    static final String ROOT_PATH_PROPERTY = "dev.skeleton.storage.multistore." + ROOT_PATH;
    /** The root of a multistore configured neither way. */
    static final String DEFAULT_ROOT = "./data";

    /**
     * Finds the folder.
     *
     * @param multistore        the bound multistore, if any
     * @param frameworkProperty the framework's properties, for example {@code BundleContext::getProperty}
     * @param workingDirectory  what a relative path is relative to
     * @return the folder and its source
     */
    static DataFolder find(Optional<BoundMultiStore.Binding> multistore, Function<String, String> frameworkProperty,
                           Path workingDirectory) {
        if (multistore.isPresent()) {
            Optional<DataFolder> found = ofStores(multistore.get().stores())
                    .or(() -> resolve(multistore.get().properties().get(ROOT_PATH),
                            "the multistore's configuration (" + ROOT_PATH + ")", workingDirectory));
            if (found.isPresent()) {
                return found.get();
            }
        }
        return resolve(frameworkProperty.apply(ROOT_PATH_PROPERTY), "framework property " + ROOT_PATH_PROPERTY,
                workingDirectory)
                .orElseGet(() -> resolve(DEFAULT_ROOT, "the multistore's built-in default", workingDirectory)
                        .orElseThrow());
    }

    /** The parent of the first store's path; empty without stores or while the multistore is not active. */
    private static Optional<DataFolder> ofStores(MultiStore stores) {
        try {
            for (StoreInfo info : KnownStores.of(stores)) {
                Path parent = info.path() == null ? null : Path.of(info.path()).toAbsolutePath().normalize().getParent();
                if (parent != null) {
                    return Optional.of(new DataFolder(parent, "the folder of the multistore's stores"));
                }
            }
        } catch (StorageException | InvalidPathException e) {
            // Not active, or a path this file system cannot name: the configuration still says where.
        }
        return Optional.empty();
    }

    private static Optional<DataFolder> resolve(Object value, String source, Path workingDirectory) {
        if (value == null || String.valueOf(value).isBlank()) {
            return Optional.empty();
        }
        try {
            Path path = workingDirectory.resolve(String.valueOf(value).strip()).toAbsolutePath().normalize();
            return Optional.of(new DataFolder(path, source));
        } catch (InvalidPathException e) {
            // Not a path here: the next source says where.
            return Optional.empty();
        }
    }
}
