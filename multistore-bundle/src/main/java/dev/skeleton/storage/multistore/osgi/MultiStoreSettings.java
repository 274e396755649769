package dev.skeleton.storage.multistore.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Metatype description of the multistore's ConfigAdmin configuration, PID
 * {@value MultiStoreComponent#PID}: what a configuration tool shows and checks.
 *
 * <p>The attributes have no Metatype default on purpose: a tool that saved a pre-filled default
 * into the configuration would override the framework property the launcher sets. When a key is
 * absent the component takes the framework property
 * {@code dev.skeleton.storage.multistore.<key>}, else the built-in default (see
 * {@link MultiStoreSetup}). A change takes effect in place: a new default engine at once, a new
 * root by closing the stores of the old root and opening the new one, without restarting the
 * component. Keys other than these two are named in a warning.
 */
@ObjectClassDefinition(name = "Skeleton Storage multistore",
        description = "Where the named stores live and which engine new stores use by default. Each key, when "
                + "absent, comes from the framework property dev.skeleton.storage.multistore.<key>, else from its "
                + "built-in default. Changes apply without restarting the multistore.")
public @interface MultiStoreSettings {

    /**
     * The root directory: store {@code <name>} lives in {@code <root>/<name>}, the catalog in
     * {@code <root>/catalog.txt}, the lock that keeps a second multistore out in
     * {@code <root>/.multistore.lock}. A relative path is resolved against the working directory.
     *
     * @return the root directory
     */
    @AttributeDefinition(name = "Root path", required = false,
            description = "Directory of the stores and of the catalog; relative to the working directory unless "
                    + "absolute. Absent: framework property dev.skeleton.storage.multistore.root.path, else ./data. "
                    + "A change closes the stores of the old root (memory stores end) and opens the new root.")
    String root_path();

    /**
     * The engine of a store created without one.
     *
     * @return an engine name
     */
    @AttributeDefinition(name = "Default engine", required = false,
            description = "Engine of stores created without one. Absent: framework property "
                    + "dev.skeleton.storage.multistore.default.engine, else memory. A change applies at once.")
    String default_engine();
}
