package dev.skeleton.storage.multistore.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The ConfigAdmin configuration of the multistore, PID {@value MultiStoreComponent#PID}; without a
 * configuration the defaults apply.
 */
@ObjectClassDefinition(name = "Skeleton Storage multistore",
        description = "Where the named stores live and which engine new stores use by default.")
public @interface MultiStoreSettings {

    /**
     * The root directory: store {@code <name>} lives in {@code <root>/<name>}, the catalog in
     * {@code <root>/catalog.txt}.
     *
     * @return the root directory
     */
    @AttributeDefinition(name = "Root path", description = "Directory of the stores and of the catalog")
    String root_path() default "./data";

    /**
     * The engine of a store created without one.
     *
     * @return an engine name
     */
    @AttributeDefinition(name = "Default engine", description = "Engine of stores created without one")
    String default_engine() default "memory";
}
